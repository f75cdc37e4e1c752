import type { BudgetDocument, BudgetTable, LineItem, TableKind } from "@yusuan/schema";
import type { CorpusDoc, TruthTable } from "./index.js";

/** Canonical kinds of the Sichuan table numbers the corpus uses. */
const KIND_BY_NUMBER: Record<string, TableKind> = {
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
  "8": "政府采购表",
};

function truthTable(t: TruthTable): BudgetTable {
  const page = t.pages[0]!;
  const rows: LineItem[] = (t.rows ?? []).map((r, rowIndex) => ({
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
    amounts: Object.entries(r.values).map(([measure, value]) => ({ measure, value, page, bbox: [0, 0, 0, 0] as [number, number, number, number] })),
  }));
  return {
    tableNo: t.table_no,
    title: t.title,
    kind: KIND_BY_NUMBER[t.table_no] ?? "其他",
    amountUnit: t.amount_unit === "元" ? "元" : "万元",
    pages: t.pages,
    empty: t.empty,
    measures: t.columns,
    rows,
    notes: [],
  };
}

/**
 * The ground truth of a corpus document as a BudgetDocument: what a perfect extraction would hand to
 * load and to the checks. Lets later stages be tested on real documents independently of extraction.
 * @example const doc = truthDocument(corpusDocs()[0]!);
 */
export function truthDocument(doc: CorpusDoc): BudgetDocument {
  const t = doc.truth;
  return {
    fileName: t.document,
    sha256: `truth-${doc.name}`,
    fiscalYear: t.fiscal_year,
    region: t.region,
    department: t.department,
    docKind: (t.doc_kind as BudgetDocument["docKind"]) ?? null,
    pageCount: 0,
    edition: null,
    pages: [],
    units: t.units.map((u) => ({ code: u.unit_code, name: u.unit_name })),
    tables: t.tables.map(truthTable),
    performanceTargets: [],
    procurement: [],
    prose: [],
    claims: [],
    findings: [],
  };
}
