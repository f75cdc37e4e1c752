import type { HeaderNode, KeyField, SampleTable, TruthRow } from "./model.js";

/** A body cell's text and alignment; amount cells are right-aligned, codes centred. */
export interface BodyCell {
  readonly text: string;
  readonly align: "left" | "center" | "right";
}

/**
 * Prints a decimal string as the document does: with thousands separators when asked.
 * @example formatAmount("1234567.80", true) // "1,234,567.80"
 */
export function formatAmount(value: string, separators: boolean): string {
  if (!separators) return value;
  const [whole = "", fraction] = value.split(".");
  const sign = whole.startsWith("-") ? "-" : "";
  const digits = whole.replace("-", "").replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return sign + digits + (fraction === undefined ? "" : "." + fraction);
}

// A whole code sits in the column of its level only: 201 under 类, 20105 under 款, 2010501 under 项.
const wholeAt = (code: string, length: number): string => (code.length === length ? code : "");

function keyText(key: KeyField, row: TruthRow, layout: SampleTable["layout"], departmentCode: string): string {
  const func = row.func_code ?? "";
  const econ = row.econ_code ?? "";
  const econItem = econ.length > 3 ? econ : "";
  const whole = layout === "whole-codes";
  // a two-up list prints every row's 类 and an item's 款 beside it (301 | 01), as a 决算's 基本支出 does
  if (layout === "two-up" && (key === "econ_class" || key === "econ_kuan")) return key === "econ_class" ? econ.slice(0, 3) : econ.slice(3, 5);
  switch (key) {
    case "func_class": return whole ? wholeAt(func, 3) : func.slice(0, 3);
    case "func_kuan": return whole ? wholeAt(func, 5) : func.slice(3, 5);
    case "func_xiang": return whole ? wholeAt(func, 7) : func.slice(5, 7);
    case "econ_class": return whole ? wholeAt(econ, 3) : econItem.slice(0, 3);
    case "econ_kuan": return whole ? wholeAt(econ, 5) : econItem.slice(3, 5);
    case "label":
    case "income_label":
    case "expense_label":
      return row.label;
    case "code":
      return printedCode(row, layout, departmentCode);
  }
}

// The 单位代码 column: econ tables print the economic code there, other tables the unit code of unit and item rows.
function printedCode(row: TruthRow, layout: SampleTable["layout"], departmentCode: string): string {
  if (row.row_kind === "total") return "";
  if (row.level === "department") return row.label === "" ? "" : departmentCode;
  if (row.level === "project_group") return "";
  // named tables print a code on unit rows only: their projects and 三公 lines have none
  if (layout === "named") return row.level === "unit" ? (row.unit_code ?? "") : "";
  if (layout === "econ" && row.econ_code !== null) return row.econ_code;
  if (row.row_kind === "class") return "";
  return row.unit_code ?? "";
}

/**
 * The cells of one body row of a one-sided table, in leaf-column order.
 * @example rowCells(leaves, row, "func", "", false)[0] // { text: "208", align: "center" }
 */
export function rowCells(
  leaves: readonly HeaderNode[],
  row: TruthRow,
  layout: SampleTable["layout"],
  departmentCode: string,
  separators: boolean,
): BodyCell[] {
  return leaves.map((leaf) => {
    if (leaf.key === undefined) {
      const value = row.values[leaf.column ?? leaf.label];
      return { text: value === undefined ? "" : formatAmount(value, separators), align: "right" };
    }
    const align = leaf.key === "label" ? "left" : "center";
    return { text: keyText(leaf.key, row, layout, departmentCode), align };
  });
}

/**
 * The printed lines of a two-up table: the rows up to its first 合计 on the left, the others on the right, side
 * by side, each list's 合计 on the last line.
 * @example twoUpLines(rows).at(-1) // [人员经费合计, 公用经费合计]
 */
export function twoUpLines(rows: readonly TruthRow[]): [TruthRow | undefined, TruthRow | undefined][] {
  const split = rows.findIndex((r) => r.row_kind === "total") + 1;
  const [left, right] = [rows.slice(0, split), rows.slice(split)];
  const body = (list: readonly TruthRow[]) => list.filter((r) => r.row_kind !== "total");
  const [l, r] = [body(left), body(right)];
  const lines: [TruthRow | undefined, TruthRow | undefined][] = Array.from({ length: Math.max(l.length, r.length) }, (_, i) => [l[i], r[i]]);
  lines.push([left.find((x) => x.row_kind === "total"), right.find((x) => x.row_kind === "total")]);
  return lines;
}

/**
 * Pairs the rows of a two-sided table (收入 | 支出) into printed lines, reading order left then right.
 * @example sideLines(rows).length // number of printed lines
 */
export function sideLines(rows: readonly TruthRow[]): { income?: TruthRow; expense?: TruthRow }[] {
  const lines: { income?: TruthRow; expense?: TruthRow }[] = [];
  for (const row of rows) {
    const last = lines[lines.length - 1];
    if (row.side === "expense" && last !== undefined && last.income !== undefined && last.expense === undefined) {
      last.expense = row;
    } else {
      lines.push(row.side === "expense" ? { expense: row } : { income: row });
    }
  }
  return lines;
}

/**
 * The cells of one printed line of a two-sided table.
 * @example twoSidedCells(leaves, { income: row }, false)[0].text // "一、一般公共预算拨款收入"
 */
export function twoSidedCells(
  leaves: readonly HeaderNode[],
  line: { income?: TruthRow; expense?: TruthRow },
  separators: boolean,
): BodyCell[] {
  return leaves.map((leaf) => {
    if (leaf.key === "income_label") return { text: line.income?.label ?? "", align: "left" };
    if (leaf.key === "expense_label") return { text: line.expense?.label ?? "", align: "left" };
    const row = leaf.side === "expense" ? line.expense : line.income;
    const value = row?.values[leaf.label];
    return { text: value === undefined ? "" : formatAmount(value, separators), align: "right" };
  });
}
