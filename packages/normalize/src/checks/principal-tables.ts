import type { BudgetDocument, BudgetTable, TableKind } from "@yusuan/schema";

/** A table of a kind that prints rows (not 此表无数据). */
export const printedTable = (doc: BudgetDocument, kind: TableKind): BudgetTable | undefined =>
  doc.tables.find((t) => t.kind === kind && !t.empty && t.rows.length > 0);

/**
 * The tables the checks compare, named by their Sichuan numbers whatever a province calls them;
 * 表3-2 is taken even when empty (its 合计 is then 0 in 表3 = 表3-1 + 表3-2).
 * @example const { t1, t12 } = principalTables(doc);
 */
export function principalTables(doc: BudgetDocument) {
  return {
    t1: printedTable(doc, "部门收支总表"),
    t11: printedTable(doc, "部门收入总表"),
    t12: printedTable(doc, "部门支出总表"),
    t2: printedTable(doc, "财政拨款收支总表"),
    t21: printedTable(doc, "财政拨款支出经济分类表"),
    t3: printedTable(doc, "一般公共预算支出表"),
    t31: printedTable(doc, "一般公共预算基本支出表"),
    t32: doc.tables.find((t) => t.kind === "一般公共预算项目支出表"),
    t33: printedTable(doc, "一般公共预算三公经费表"),
  };
}
