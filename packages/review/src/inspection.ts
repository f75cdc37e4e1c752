import type { ExtractedDocument } from "@yusuan/schema";
import type { DrawOptions } from "./draw-pages.js";
import { cellsOfFinding } from "./locate-finding.js";
import { byPage, pageViews } from "./page-views.js";
import { documentHtml } from "./pages-html.js";
import type { ShownCell } from "./printed-amounts.js";

const NUMBER = /^-?[\d,]*\.?\d+$/;

/** Every cell extraction detected, headers aside: numbered in reading order, labelled by its row's first words. */
function detectedCells(doc: ExtractedDocument): ShownCell[] {
  const cells: ShownCell[] = [];
  for (const table of doc.tables) {
    for (const row of table.rows) {
      const label = row.cells.find((c) => c && !NUMBER.test(c.text))?.text ?? "";
      row.cells.forEach((cell, i) => {
        if (!cell) return;
        const measure = table.columns[i]?.path.join(" › ") ?? "";
        cells.push({ id: cells.length + 1, tableNo: table.tableNo, tableTitle: table.title, label, measure, amountText: cell.text, amountUnit: table.unitText ?? "", page: cell.page, bbox: cell.bbox });
      });
    }
  }
  return cells;
}

/**
 * One self-contained HTML file of a PDF as extraction read it, before anything is loaded (`yusuan inspect --html`):
 * the page of a review for that one document, with every detected cell outlined over the drawn pages, the amounts
 * printed in table rows that no cell holds marked, and extraction's findings beside them. Images are inlined.
 * @example writeFileSync("inspect.html", await inspectionHtml(await extractDocument(bytes, { fileName }), bytes));
 */
export async function inspectionHtml(doc: ExtractedDocument, bytes: Uint8Array, options: DrawOptions = {}): Promise<string> {
  const cells = detectedCells(doc);
  const findings = doc.findings.map(({ code, ...f }) => ({ ...f, rule: code }));
  const inline = (_page: number, image: Buffer): string => `data:image/webp;base64,${image.toString("base64")}`;
  const { pages, coverage } = await pageViews(bytes, byPage(cells), inline, options);
  const m = doc.meta;
  return documentHtml(
    {
      document: {
        id: 1,
        fileName: doc.fileName,
        status: "extracted",
        error: null,
        department: m.department,
        fiscalYear: m.fiscalYear,
        docKind: m.docKind,
        pageCount: doc.pageCount,
        tableCount: doc.tables.length,
        factCount: null,
        findings,
      },
      source: { path: doc.fileName },
      pages,
      findings: findings.map((finding) => ({ finding, cells: cellsOfFinding(finding, cells) })),
      coverage,
    },
    { standalone: true },
  );
}
