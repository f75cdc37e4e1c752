import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { BudgetDocument, BudgetTable, DocKind, LineItem, TableKind } from "@yusuan/schema";
import type { CorpusDoc, TruthRow, TruthTable } from "./index.js";

/** The Sichuan-style numbering the corpus uses (README of the corpus), for building test input only. */
const KIND_BY_NO: Record<string, TableKind> = {
  "1": "部门收支总表",
  "1-1": "部门收入总表",
  "1-2": "部门支出总表",
  "2": "财政拨款收支总表",
  "2-1": "财政拨款支出经济分类表",
  "3": "一般公共预算支出表",
  "3-1": "一般公共预算基本支出表",
  "3-2": "一般公共预算项目支出表",
  "3-3": "一般公共预算三公经费表",
  "4": "政府性基金支出表",
  "4-1": "政府性基金三公经费表",
  "5": "国有资本经营支出表",
  "6": "项目绩效目标表",
  "7": "整体绩效目标表",
  "8": "政府采购表",
};

interface Discrepancy {
  table_no: string;
  printed: string;
  sum_of_parts: string;
  detail: string;
}

const orNull = (s: string | undefined): string | null => (s === undefined || s === "" ? null : s);

/** The file's sha256, as ingest computes it. */
export function sha256Of(path: string): string {
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}

/**
 * A BudgetDocument carrying exactly the ground truth of a corpus document: what a perfect
 * extract + normalize would hand to load and to the checks, so later stages are tested on
 * real documents independently of extraction.
 * @example const doc = truthDocument(corpusDocs()[0]!);
 */
export function truthDocument(doc: CorpusDoc): BudgetDocument {
  const truth = doc.truth as typeof doc.truth & { known_discrepancies?: Discrepancy[] };
  const firstPage = (no: string) => truth.tables.find((t) => t.table_no === no)?.pages[0] ?? 1;
  return {
    fileName: doc.pdf,
    sha256: sha256Of(doc.pdf),
    fiscalYear: truth.fiscal_year,
    region: truth.region,
    department: truth.department,
    docKind: truth.doc_kind as DocKind,
    pageCount: truth.page_count,
    edition: truth.fiscal_year,
    pages: Array.from({ length: truth.page_count }, (_, i) => ({
      page: i + 1,
      width: 595.3,
      height: 841.9,
      rotation: 0,
      textChars: truth.scanned ? 0 : 1000,
      source: truth.scanned ? "ocr" : "pdf",
    })),
    units: truth.units.map((u) => ({ code: u.unit_code, name: u.unit_name })),
    tables: truth.tables.map(budgetTable),
    performanceTargets: (truth.performance_targets ?? []).map((p) => ({
      unit: p.unit ?? "",
      project: p.project ?? "",
      budget: orNull(p.budget),
      goal: p.goal ?? "",
      level1: p.level1 ?? "",
      level2: p.level2 ?? "",
      level3: p.level3 ?? "",
      operator: p.operator ?? "",
      value: p.value ?? "",
      measureUnit: p.measure_unit ?? "",
      weight: p.weight ?? "",
      direction: p.direction ?? "",
      page: firstPage("6"),
    })),
    procurement: (truth.procurement ?? []).map((p) => ({
      unit: p.unit ?? "",
      project: p.project ?? "",
      item: p.item ?? "",
      itemCode: null,
      quantity: orNull(p.quantity),
      amount: orNull(p.amount),
      sme: orNull(p.sme),
      micro: orNull(p.micro),
      prison: orNull(p.prison),
      disabled: orNull(p.disabled),
      page: firstPage("8"),
    })),
    prose: [],
    claims: [],
    findings: (truth.known_discrepancies ?? []).map((d) => ({
      code: "sum_mismatch",
      severity: "warning",
      message: d.detail,
      tableNo: d.table_no,
      page: firstPage(d.table_no),
      expected: d.sum_of_parts,
      actual: d.printed,
    })),
  };
}

function budgetTable(t: TruthTable): BudgetTable {
  const page = t.pages[0]!;
  return {
    tableNo: t.table_no,
    title: t.title,
    kind: KIND_BY_NO[t.table_no] ?? "其他",
    amountUnit: t.amount_unit === "元" ? "元" : "万元",
    pages: t.pages,
    empty: t.empty,
    measures: t.columns,
    rows: (t.rows ?? []).map((r, rowIndex) => lineItem(r, rowIndex, t.columns, page)),
    notes: [],
  };
}

function lineItem(r: TruthRow, rowIndex: number, columns: string[], page: number): LineItem {
  const measures = [...columns, ...Object.keys(r.values).filter((m) => !columns.includes(m))];
  return {
    rowIndex,
    rowKind: r.row_kind,
    level: (r.level as LineItem["level"]) ?? null,
    side: r.side ?? null,
    section: r.section ?? null,
    label: r.label.replace(/\s+/g, ""),
    unitCode: r.unit_code,
    funcCode: r.func_code,
    econCode: r.econ_code,
    func: null,
    econ: null,
    page,
    amounts: measures
      .filter((m) => r.values[m] !== undefined)
      .map((m) => ({ measure: m, value: r.values[m]!, page, bbox: [0, 0, 0, 0] as [number, number, number, number] })),
    // the truth states no parents: loading stores what it is given
    parent: null,
    ofWhich: false,
  };
}
