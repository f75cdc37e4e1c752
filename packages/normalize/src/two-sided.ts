import type { ExtractedTable, Finding, LineItem } from "@yusuan/schema";
import { sideOf, type ColumnInfo } from "./columns.js";
import { splitCodedLabel } from "./codes.js";
import { compact, isTotalLabel, labelKey } from "./labels.js";
import { nameCoder, withoutPartialSiblings } from "./name-codes.js";
import { emptyItem, readAmounts, textOf, type RowDraft, type TableContext } from "./row-draft.js";

/**
 * The blocks of a two-sided table: each label column with the amounts printed after it (支出 by
 * 功能分类 and by 支出用途 are two blocks), a block on the side its header prints (the label's own,
 * else any of its columns'), else the side of the block before it.
 */
function sideBlocks(cols: readonly ColumnInfo[], printed: readonly ("income" | "expense" | null)[]): { side: "income" | "expense"; cols: ColumnInfo[] }[] {
  const blocks: { cols: ColumnInfo[]; sides: ("income" | "expense" | null)[] }[] = [];
  cols.forEach((c, i) => {
    if (c.role.role === "label" || blocks.length === 0) blocks.push({ cols: [], sides: [] });
    blocks.at(-1)!.cols.push(c);
    blocks.at(-1)!.sides.push(printed[i] ?? null);
  });
  let side: "income" | "expense" = "income";
  return blocks.map((b, i) => {
    const own = b.sides[0] ?? b.sides.find((x) => x !== null) ?? (i === 0 ? "income" : printed.some((x) => x !== null) ? side : "expense");
    side = own;
    return { side: own, cols: b.cols };
  });
}

/** 表1/表2: one printed row holds an income row (left) and an expense row (right). */
export function normalizeTwoSided(table: ExtractedTable, cols: ColumnInfo[], ctx: TableContext, findings: Finding[]): LineItem[] {
  const items: LineItem[] = [];
  const codeByName = nameCoder(ctx.classifier, "func", ctx.year);
  const named = new Set<number>();
  let section: string | null = null;
  const blocks = sideBlocks(cols, table.columns.map((c) => sideOf(c.path)));
  for (const row of table.rows) {
    for (const { side, cols: sideCols } of blocks) {
      const label = compact(sideCols.filter((c) => c.role.role === "label").map((c) => textOf(row, c)).join(""));
      const amounts = readAmounts(row, sideCols, table.tableNo, findings);
      if (!label && amounts.length === 0) continue;
      const d: RowDraft = { label, unitCode: null, funcCode: null, econCode: null, page: row.page, amounts };
      const item = { ...emptyItem(items.length, d), side };
      const key = labelKey(label);
      if (side === "income") {
        if (key === "本年收入" || key === "上年结转") section = key;
        const heading = key === "本年收入" || (key === "上年结转" && ctx.kind === "财政拨款收支总表");
        item.rowKind = heading || isTotalLabel(label) ? "total" : "item";
        item.section = item.rowKind === "item" && ctx.kind === "财政拨款收支总表" ? section : null;
      } else if (isTotalLabel(label) || /^(本年支出|结转下年)/.test(key)) {
        item.rowKind = "total";
      } else {
        const split = splitCodedLabel(label);
        const code = split?.code ?? codeByName(label);
        if (split) item.label = split.label;
        else if (code) named.add(items.length);
        item.funcCode = code;
        item.rowKind = code && code.length < 7 ? "class" : "item";
      }
      items.push(item);
    }
  }
  const expense = items.flatMap((r, i) => (r.side === "expense" ? [{ r, named: named.has(i) }] : []));
  const kept = withoutPartialSiblings(expense.map((e) => e.r.label), expense.map((e) => e.r.funcCode));
  expense.forEach((e, i) => {
    if (!e.named || kept[i]) return;
    e.r.funcCode = null;
    e.r.rowKind = "item";
  });
  return items;
}

