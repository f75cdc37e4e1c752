import type { Amount, ExtractedTable, LineItem } from "@yusuan/schema";
import { parseAmount } from "./amount.js";
import { compact, isTotalLabel } from "./labels.js";
import { emptyItem } from "./row-draft.js";

/** Headers of money in a 整体绩效目标表: 资金总额, 财政拨款, 其他资金, 预算金额, 基本支出 … */
const MONEY = /总额|金额|资金|拨款|预算|收入|基金|支出/;
/** …and of what is no money there: scores, weights, targets, rates. */
const NOT_MONEY = /分值|权重|指标|目标|[率%％]|数量|人数|期限/;
const HAS_HAN = /\p{Script=Han}/u;

/**
 * The money a 整体绩效目标表 states (资金总额 68,632.12 | 一般公共预算 … of a unit, or 保运转 1932.81 |
 * 1932.81 under 总额 | 财政拨款 with their 金额合计): the rest of the form is targets and text.
 * Each amount is named by the nearest money header above it in its column, else its column's header.
 * @example moneyOfPerformanceTable(table).map((r) => r.label) // ["保运转", …, "金额合计"]
 */
export function moneyOfPerformanceTable(table: ExtractedTable): LineItem[] {
  const items: LineItem[] = [];
  const headerAbove = (row: number, col: number): string | null => {
    for (let r = row - 1; r >= 0; r--) {
      const text = compact(table.rows[r]!.cells[col]?.text ?? "");
      if (text && parseAmount(text).kind !== "amount") return MONEY.test(text) ? text : null;
    }
    return compact(table.columns[col]?.path.at(-1) ?? "") || null;
  };
  table.rows.forEach((row, r) => {
    const amounts: Amount[] = [];
    let first = -1;
    row.cells.forEach((cell, c) => {
      const parsed = cell ? parseAmount(cell.text) : null;
      const measure = parsed?.kind === "amount" ? headerAbove(r, c) : null;
      if (!cell || parsed?.kind !== "amount" || !measure || !MONEY.test(measure) || NOT_MONEY.test(measure)) return;
      amounts.push({ measure, value: parsed.value, page: cell.page, bbox: cell.bbox });
      if (first < 0) first = c;
    });
    if (!amounts.length) return;
    // what is printed left of the money names it: a task, a unit (with its code)
    const texts = row.cells.slice(0, first).flatMap((c) => (c ? [compact(c.text)] : []));
    const label = texts.find((t) => HAS_HAN.test(t)) ?? "";
    const unitCode = texts.find((t) => /^\d{6,}$/.test(t)) ?? null;
    const item = emptyItem(items.length, { label, unitCode, funcCode: null, econCode: null, page: row.page, amounts });
    items.push(isTotalLabel(label) ? { ...item, rowKind: "total" } : item);
  });
  return items;
}
