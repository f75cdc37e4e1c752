import type { BudgetDocument, Finding } from "@yusuan/schema";
import { labelKey } from "../labels.js";
import { discrepancy } from "./finding-for.js";
import { printedTable } from "./principal-tables.js";
import { amountOf } from "./within-table.js";
import { toUnits } from "./money.js";

/**
 * 表6 against 表3-2: a project's 预算数 in its 绩效目标 equals its 表3-2 amount where the project is funded
 * from the general budget (a warning, since other money can fund it too).
 * @example checkPerformanceBudgets(doc) // [] when every 表6 project budget matches its 表3-2 row
 */
export function checkPerformanceBudgets(doc: BudgetDocument): Finding[] {
  const projects = printedTable(doc, "一般公共预算项目支出表");
  if (!projects || doc.performanceTargets.length === 0) return [];
  const measure = projects.measures[0] ?? "金额";
  const seen = new Set<string>();
  return doc.performanceTargets.flatMap((target) => {
    const key = `${labelKey(target.unit)}|${labelKey(target.project)}`;
    if (seen.has(key) || target.budget === null) return [];
    seen.add(key);
    const rows = projects.rows.filter((r) => r.rowKind === "item" && labelKey(r.label) === labelKey(target.project));
    // a project name printed for several units or 项 cannot be told apart here
    if (rows.length !== 1) return [];
    return discrepancy(
      {
        code: "cross_table_mismatch",
        message: `表6 ${target.project} 预算数 (p.${target.page}) ≠ ${projects.tableNo ? `表${projects.tableNo}` : projects.title} (p.${rows[0]!.page})`,
        tableNo: "6",
        page: target.page,
        printed: toUnits(target.budget),
        expected: amountOf(rows[0]!, measure),
      },
      "warning",
    );
  });
}
