import type { Amount, Code, ExtractedRow, Finding, LineItem, TableKind } from "@yusuan/schema";
import { parseAmount } from "./amount.js";
import type { Classifier } from "./classifier.js";
import type { ColumnInfo } from "./columns.js";

export interface TableContext {
  kind: TableKind;
  /** rows coded by 部门预算支出经济分类 (表2-1, 表3-1) rather than by function */
  economic: boolean;
  year: number | null;
  classifier: Classifier;
  /** unit names printed with a unit code anywhere in the document (表1-1 lists them all) */
  unitNames: ReadonlySet<string>;
  /** the printed title: tables of kind 其他 are told apart by it */
  title: string;
  department: string | null;
}

/** A row read cell by cell, before its kind is decided. */
export interface RowDraft {
  label: string;
  unitCode: string | null;
  funcCode: Code | null;
  econCode: Code | null;
  page: number;
  amounts: Amount[];
}

/** The text of a row's cell under a column; "" where blank. */
export const textOf = (row: ExtractedRow, col: ColumnInfo | undefined) => (col ? (row.cells[col.index]?.text ?? "") : "");

/** The amounts a row prints under its amount columns; cells that are no amount become findings. */
export function readAmounts(row: ExtractedRow, cols: readonly ColumnInfo[], tableNo: string | null, findings: Finding[]): Amount[] {
  const amounts: Amount[] = [];
  for (const col of cols) {
    if (col.role.role !== "amount") continue;
    const cell = row.cells[col.index];
    if (!cell) continue;
    // a percentage may print its sign (98.69%): the number is the ratio
    const parsed = parseAmount(col.role.ratio ? cell.text.replace(/[%％]\s*$/, "") : cell.text);
    if (parsed.kind === "amount")
      amounts.push({
        measure: col.role.measure,
        value: parsed.value,
        page: cell.page,
        bbox: cell.bbox,
        printed: cell.text.replace(/\s+/g, ""),
        ...(cell.confidence === undefined ? {} : { confidence: cell.confidence }),
      });
    else if (parsed.kind === "invalid")
      findings.push({
        code: "unparsed_amount",
        severity: "warning",
        message: `"${cell.text}" under ${col.role.measure} is not an amount`,
        tableNo,
        page: cell.page,
        expected: null,
        actual: cell.text,
      });
  }
  return amounts;
}

/** A line item of a drafted row, its kind still to be decided. */
export const emptyItem = (rowIndex: number, d: RowDraft): LineItem => ({
  rowIndex,
  rowKind: "item",
  level: null,
  side: null,
  section: null,
  label: d.label,
  unitCode: d.unitCode,
  funcCode: d.funcCode,
  econCode: d.econCode,
  func: null,
  econ: null,
  page: d.page,
  amounts: d.amounts,
  parent: null,
  ofWhich: false,
});

