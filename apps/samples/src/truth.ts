import type { SampleDocument } from "./model.js";
import type { RenderedDocument } from "./render-document.js";

/**
 * A ratio column (决算数为调整预算数的%, 完成率) is worked out per row: printed in the truth and read as a fact,
 * but a percentage (period execution_pct), never added up.
 * @example isRatioColumn("决算数为调整预算数的%") // true
 */
export const isRatioColumn = (column: string): boolean => /[%％]|率$/.test(column);

/**
 * The ground truth of a rendered sample, in the format of shared/corpus/*.truth.json, with the pages it was drawn on.
 * @example JSON.stringify(sampleTruth(doc, rendered)).includes('"table_no":"1-2"') // true
 */
export function sampleTruth(doc: SampleDocument, rendered: RenderedDocument): Record<string, unknown> {
  return {
    document: `${doc.name}.pdf`,
    fiscal_year: doc.fiscal_year,
    region: doc.region,
    department: doc.department,
    doc_kind: doc.doc_kind,
    scanned: false,
    renderer: doc.style.rules === "none" ? "borderless" : "pdfkit-ruled",
    synthetic: doc.synthetic,
    ...(doc.seed_source === undefined ? {} : { seed_source: doc.seed_source }),
    amount_unit: doc.amount_unit,
    thousands_separators: doc.thousands_separators,
    page_count: rendered.pageCount,
    units: doc.units,
    tables: doc.tables.map((t) => ({
      table_no: t.table_no,
      title: t.title,
      amount_unit: t.amount_unit,
      empty: t.empty,
      pages: rendered.tablePages.get(t.table_no) ?? [],
      columns: t.columns,
      rows: t.rows,
      ...(t.see === undefined ? {} : { see: t.see }),
      ...(t.unit_budgets === undefined ? {} : { unit_budgets: t.unit_budgets }),
      ...(t.unit_totals === undefined ? {} : { unit_totals: t.unit_totals }),
      ...(t.derived === undefined ? {} : { derived: t.derived }),
      ...(t.layout === "two-up" ? { column_blocks: 2 } : {}),
    })),
    performance_targets: doc.performance_targets,
    procurement: doc.procurement,
    known_discrepancies: doc.known_discrepancies,
    quirks: doc.quirks,
  };
}
