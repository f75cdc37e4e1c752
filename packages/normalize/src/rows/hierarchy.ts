import type { LineItem } from "@yusuan/schema";
import { NumberingStack, numberingOf } from "./numbering.js";

/** The code a row prints, 功能 or 经济. */
export const codeOf = (r: LineItem) => r.funcCode ?? r.econCode;
/** Is `above` the row `row`'s code extends: a shorter prefix of it in the same classification? */
const extendsCode = (row: LineItem, above: LineItem): boolean => {
  const code = codeOf(row);
  const prefix = codeOf(above);
  return code !== null && prefix !== null && prefix.length < code.length && code.startsWith(prefix) && (above.econCode === null) === (row.econCode === null);
};
const isBoundary = (r: LineItem) => r.rowKind === "total" || r.rowKind === "unit";
/** A row that prints neither code nor unit: its place is told by numbering, headings or sums. */
const isBare = (r: LineItem) => r.rowKind === "item" && codeOf(r) === null && r.level === null;

/**
 * Gives every row of a one-sided table the row it is printed under, from what the page shows:
 * a code under the nearest row above with a shorter prefix of it; a numbered row under the row of
 * the style it nests in (1、 under 一、, （1） under 3、), a numbered run under the unnumbered
 * heading printed above it; a 其中 row under the row it details; a project under its group;
 * anything else under its unit, a unit under the department row, that under 合计 (printed above
 * them, or below them at the end of a block).
 * @example withParents(rows).map((r) => r.parent) // [null, 0, 1, 1, 0]
 */
export function withParents(rows: readonly LineItem[]): LineItem[] {
  let total: number | null = null;
  let department: number | null = null;
  let unit: number | null = null;
  let group: number | null = null;
  let numbered = new NumberingStack();
  /** numbering levels opened by a 其中 row: their rows are parts, not addends */
  let partLevels = new Set<number | null>();
  let blockStart = 0;
  const out = rows.map((r) => ({ ...r, parent: null as number | null, ofWhich: false }));
  const within = () => {
    numbered = new NumberingStack();
    partLevels = new Set();
  };
  const parentOf = (row: LineItem, i: number): number | null => {
    if (row.rowKind === "total") {
      // (a stray line above a 合计 printed at the top, such as a column index, is not "its rows")
      const above = rows.slice(blockStart, i).filter((r) => r.rowKind !== "total" && r.amounts.length > 0);
      const bottom = above.length >= 2 && rows[i - 1]!.rowKind !== "total";
      // a 合计 printed under its rows (决算 tables, one per column block) totals the top-level rows above it
      if (bottom) for (let j = blockStart; j < i; j++) if (out[j]!.parent === null && rows[j]!.rowKind !== "total") out[j]!.parent = i;
      total = bottom ? null : i;
      blockStart = i + 1;
      department = unit = group = null;
      within();
      return null;
    }
    if (row.level === "department") {
      department = i;
      unit = group = null;
      within();
      return total;
    }
    if (row.rowKind === "unit") {
      unit = i;
      group = null;
      within();
      return department ?? total;
    }
    const container = unit ?? department ?? total;
    if (row.level === "project_group") {
      group = i;
      within();
      return container;
    }
    const code = codeOf(row);
    if (code) for (let j = i - 1; j >= 0 && !isBoundary(rows[j]!); j--) if (extendsCode(row, rows[j]!)) return j;
    const { style, partOf } = numberingOf(row.label);
    if (code === null && style !== null) {
      const placed = numbered.place(style, i);
      if (partOf) partLevels.add(placed);
      out[i]!.ofWhich = partLevels.has(placed);
      return placed ?? group ?? container;
    }
    if (code === null && partOf) {
      // 其中 without a number details the nearest row above that is not a part itself
      for (let j = i - 1; j >= blockStart; j--)
        if (!out[j]!.ofWhich && rows[j]!.rowKind !== "total") {
          out[i]!.ofWhich = true;
          return j;
        }
    }
    if (isBare(row) && rows[i + 1] && isBare(rows[i + 1]!) && numberingOf(rows[i + 1]!.label).style !== null) {
      // an unnumbered heading over a numbered run: the run is its parts, it is a part of the numbered row above
      return numbered.place("heading", i) ?? group ?? container;
    }
    if (isBare(row)) within();
    // an item whose code the template does not print (nor the registry know) sits under the subtotal above it
    if (!code && group === null && row.rowKind === "item")
      for (let j = i - 1; j >= 0 && !isBoundary(rows[j]!); j--) if (rows[j]!.rowKind === "class") return j;
    return group ?? container;
  };
  rows.forEach((row, i) => {
    out[i]!.parent = parentOf(row, i);
  });
  // parents are found by position; they are stored as the parent's rowIndex
  return out.map((r) => (r.parent === null ? r : { ...r, parent: rows[r.parent]!.rowIndex }));
}

/**
 * The coded rows of one side of a two-sided table (表1/表2 支出 by 功能分类) under the nearest coded
 * row above them on that side whose code is a prefix of theirs; every other row keeps no parent.
 * @example withCodeParents(rows, (r) => r.side === "expense").find((r) => r.funcCode === "2101101")?.parent // 款 21011's rowIndex
 */
export function withCodeParents(rows: readonly LineItem[], onSide: (r: LineItem) => boolean): LineItem[] {
  const coded: LineItem[] = [];
  return rows.map((r) => {
    if (!onSide(r)) return r;
    if (codeOf(r) === null) return r;
    const above = coded.findLast((c) => extendsCode(r, c));
    coded.push(r);
    return above ? { ...r, parent: above.rowIndex } : r;
  });
}
