import type { Column, Code, ExtractedTable, LineItem } from "@yusuan/schema";
import { parseJoinedCode } from "./codes.js";
import { compact } from "./labels.js";

/**
 * Rows classified twice: templates printing 政府预算支出经济分类 (501…) beside 部门预算支出经济分类 (301…)
 * on the same row (西安). The row rules read the 部门 code; this reads the 政府 one beside it, so every
 * code a row prints is kept.
 */

const GOV_ECON = /^政府(预算支出)?经济(分类)?科目/;

/** The 政府经济 code and name columns of a table that prints them beside 部门经济 ones; null where it does not. */
function govColumns(columns: readonly Column[]): { code: number; name: number } | null {
  const norm = (c: Column) => c.path.map((p) => compact(p)).join("/");
  if (!columns.some((c) => /部门(预算支出)?经济(分类)?科目/.test(norm(c)))) return null;
  const code = columns.findIndex((c) => GOV_ECON.test(norm(c)) && /(编码|代码)$/.test(norm(c)));
  const name = columns.findIndex((c) => GOV_ECON.test(norm(c)) && /名称$/.test(norm(c)));
  return code < 0 ? null : { code, name };
}

/**
 * The 政府经济 code and name each row prints, found through the cells its amounts were read from (the
 * same page and box), so rows the row rules dropped or merged cannot shift them.
 * @example governmentEconomicCodes(table8, rows)[2] // { code: "50101", name: "工资奖金津补贴" }
 */
export function governmentEconomicCodes(table: ExtractedTable, rows: readonly LineItem[]): ({ code: Code; name: string } | null)[] {
  const cols = govColumns(table.columns);
  if (!cols) return rows.map(() => null);
  const key = (page: number, bbox: readonly number[]) => `${page}:${bbox.join(",")}`;
  const rowOfCell = new Map<string, (typeof table.rows)[number]>();
  for (const r of table.rows) for (const c of r.cells) if (c) rowOfCell.set(key(c.page, c.bbox), r);
  return rows.map((item) => {
    const printed = item.amounts.map((a) => rowOfCell.get(key(a.page, a.bbox))).find((r) => r !== undefined);
    const code = parseJoinedCode(compact(printed?.cells[cols.code]?.text ?? ""));
    return code && code.startsWith("5") ? { code, name: cols.name < 0 ? "" : compact(printed?.cells[cols.name]?.text ?? "") } : null;
  });
}
