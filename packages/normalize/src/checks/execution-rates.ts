import type { Amount, BudgetTable, Finding, LineItem, Meaning } from "@yusuan/schema";
import { fromUnits, halfLastDigit, toUnits } from "./money.js";

/** A percentage (period execution_pct): a 决算's 完成率, never money. */
export const isExecutionRate = (a: Amount): boolean => a.meaning?.period === "execution_pct";

/** The same money in another figure of the budget cycle: same side, fund, use and item, current year, no 其中. */
const sameMoney = (rate: Meaning, m: Meaning | undefined, basis: Meaning["basis"]): boolean =>
  m !== undefined &&
  m.period === "current" &&
  m.basis === basis &&
  !m.ofWhich &&
  m.side === rate.side &&
  m.fund === rate.fund &&
  m.use === rate.use &&
  m.item === rate.item;

/**
 * One row's printed 完成率 against 决算数 / 预算数 × 100 of that row: within half a unit of the rate's last
 * printed digit of the exact quotient it is right; within what the amounts' own rounding allows (each ± half
 * its last digit) it is `rounding`; beyond, an error. A budget of 0 gives no rate to check.
 */
function checkRate(table: BudgetTable, row: LineItem, rate: Amount): Finding[] {
  const meaning = rate.meaning!;
  const actual = row.amounts.find((a) => a !== rate && sameMoney(meaning, a.meaning, "决算"));
  const budget = row.amounts.find((a) => a !== rate && sameMoney(meaning, a.meaning, meaning.basis));
  if (!actual || !budget || toUnits(budget.value) <= 0) return [];
  const [n, b, r] = [actual, budget, rate].map((a) => toUnits(a.value));
  const [hn, hb, hr] = [actual, budget, rate].map((a) => halfLastDigit(a.value));
  const exact = (n! / b!) * 100;
  const epsilon = 1e-6;
  if (Math.abs(r! - exact * 1e4) <= hr! + epsilon) return [];
  const low = ((n! - hn!) / (b! + hb!)) * 100 * 1e4 - hr!;
  const high = ((n! + hn!) / Math.max(1, b! - hb!)) * 100 * 1e4 + hr!;
  const rounding = r! >= low - epsilon && r! <= high + epsilon;
  const decimals = rate.value.split(".")[1]?.length ?? 0;
  return [
    {
      code: rounding ? "rounding" : "execution_rate_mismatch",
      severity: rounding ? "info" : "error",
      message: `${row.label || `row ${row.rowIndex + 1}`}: ${rate.measure} ${rate.value} ≠ ${actual.measure} ${actual.value} / ${budget.measure} ${budget.value} = ${exact.toFixed(decimals)}%${rounding ? " (a rounding difference)" : ""}`,
      tableNo: table.tableNo,
      page: row.page,
      expected: exact.toFixed(Math.max(2, decimals)),
      actual: fromUnits(r!),
    },
  ];
}

/**
 * Every printed 完成率 (决算数为调整预算数的%, 执行率 …) of a table against the 决算 and the budget of its row
 * that its meaning names (basis: 预算 or 调整预算).
 * @example checkExecutionRates(finalAccountsTable) // [] when every 完成率 is 决算数 / 预算数 to the printed digits
 */
export function checkExecutionRates(table: BudgetTable): Finding[] {
  return table.rows.flatMap((row) => row.amounts.filter(isExecutionRate).flatMap((rate) => checkRate(table, row, rate)));
}

/**
 * The table as money only: its 完成率 amounts left out, so no sum or rounding unit ever counts a percentage.
 * @example moneyOnly(table).rows.every((r) => r.amounts.every((a) => !isExecutionRate(a))) // true
 */
export function moneyOnly(table: BudgetTable): BudgetTable {
  if (!table.rows.some((r) => r.amounts.some(isExecutionRate))) return table;
  return { ...table, rows: table.rows.map((r) => ({ ...r, amounts: r.amounts.filter((a) => !isExecutionRate(a)) })) };
}
