import type { ReportedIssue } from "@yusuan/load";
import { canonical, type ShownCell } from "./printed-amounts.js";

/** A table number as findings print it after 表: 1, 1-2, 05, 十二. */
const TABLE_NO = /表\s*([0-9一二三四五六七八九十]+(?:-[0-9]+)?)/g;
const DECIMAL = /^-?[\d,]*\.?\d+$/;

/**
 * The cells a finding is about, as far as its fields say: findings store a table, a page and the two
 * numbers (or names) compared, not cell ids. So the cells are those of the finding's table (and of any
 * other table its message names) printing one of its numbers, or, for a name, the amounts of the rows
 * printing it; of a table with such cells on the finding's page, those only. Empty when nothing printed matches.
 * @example cellsOfFinding({ rule: "rounding", tableNo: "2-1", page: 9, expected: "618.21", actual: "618.22", … }, cells) // [412, 415]
 */
export function cellsOfFinding(finding: ReportedIssue, cells: readonly ShownCell[]): number[] {
  const tables = new Set([finding.tableNo, ...[...finding.message.matchAll(TABLE_NO)].map((m) => m[1]!)].filter((t): t is string => !!t));
  const inTables = tables.size ? cells.filter((c) => c.tableNo !== null && tables.has(c.tableNo)) : cells;
  const compared = [finding.expected, finding.actual].filter((v): v is string => v !== null && v.trim() !== "");
  const numbers = new Set(compared.filter((v) => DECIMAL.test(v)).map(canonical));
  const names = compared.filter((v) => !DECIMAL.test(v));
  const matching = inTables.filter((c) => numbers.has(canonical(c.amountText)) || names.some((name) => c.label.includes(name)));
  // Each table's cells on the finding's page, where it has any there: a table continued over pages prints a
  // total once per page only in the rare case, but the same figure in another table of the page is common.
  const onPage = new Set(matching.filter((c) => c.page === finding.page).map((c) => c.tableNo));
  return matching.filter((c) => c.page === finding.page || !onPage.has(c.tableNo)).map((c) => c.id);
}
