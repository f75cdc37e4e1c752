import type { ExtractedRow } from "@yusuan/schema";
import type { ColumnInfo } from "./columns.js";

/**
 * The width of the column block a table repeats side by side (决算 基本支出 tables print 人员经费
 * | 公用经费 as two blocks of 科目编码 | 科目名称 | 决算数), or null where its columns do not repeat.
 * @example blockWidth(describeColumns(columns)) // 4 for 类|款|科目名称|决算数 printed twice
 */
export function blockWidth(cols: readonly ColumnInfo[]): number | null {
  const n = cols.length;
  const key = (c: ColumnInfo) => `${c.role.role}:${c.path.at(-1) ?? ""}`;
  for (let p = 2; p <= n / 2; p++) {
    if (n % p !== 0) continue;
    const first = cols.slice(0, p);
    if (!first.some((c) => c.role.role === "label") || !first.some((c) => c.role.role === "amount")) continue;
    if (cols.every((c, i) => key(c) === key(first[i % p]!))) return p;
  }
  return null;
}

/**
 * Rows of a table printed in repeated column blocks, read block after block as rows of the first
 * block's columns: the left block's rows, then the right block's.
 */
export function unstackBlocks(rows: readonly ExtractedRow[], width: number, blocks: number): ExtractedRow[] {
  const out: ExtractedRow[] = [];
  for (let b = 0; b < blocks; b++)
    for (const r of rows) out.push({ page: r.page, cells: r.cells.slice(b * width, (b + 1) * width) });
  return out;
}
