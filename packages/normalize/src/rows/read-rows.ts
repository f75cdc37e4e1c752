import type { BudgetTable, LineItem } from "@yusuan/schema";
import { failedDownSums } from "../checks/index.js";
import type { RowDraft, TableContext } from "../row-draft.js";
import { withParents } from "./hierarchy.js";
import { nestBySums } from "./nest-by-sums.js";
import { classifyRows } from "./row-kinds.js";

/**
 * The rows of a one-sided table with their kinds and parents. Layouts differ in what they print for
 * structure, so the readings the page allows are tried (uncoded rows as items, or as units holding
 * the rows below them; rows nested by their sums where nothing else nests them) and the one under
 * which the document's own sums hold is kept; on a tie, the first: units only where named as units.
 * @example readRows(drafts, ctx, { byNames: false, measures: ["合计", "基本支出"] })[2].parent // 1
 */
export function readRows(drafts: readonly RowDraft[], ctx: TableContext, { byNames, measures }: { byNames: boolean; measures: readonly string[] }): LineItem[] {
  const shell: BudgetTable = { tableNo: null, title: ctx.title, kind: ctx.kind, amountUnit: "万元", pages: [1], empty: false, measures: [...measures], rows: [], notes: [] };
  const failures = (rows: LineItem[]) => failedDownSums({ ...shell, rows });
  let best: LineItem[] | null = null;
  let fewest = Infinity;
  for (const uncodedAreUnits of [false, true]) {
    const printed = withParents(classifyRows(drafts, ctx, { byNames, uncodedAreUnits }));
    for (const rows of [printed, nestBySums(printed, measures)]) {
      const failed = failures(rows);
      if (failed < fewest) [best, fewest] = [rows, failed];
      if (fewest === 0) return best!;
    }
  }
  return best!;
}
