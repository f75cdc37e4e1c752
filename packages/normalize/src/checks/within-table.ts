import type { BudgetTable, Finding, LineItem } from "@yusuan/schema";
import { isTwoSided } from "../table-kind.js";
import { discrepancy } from "./finding-for.js";
import { toUnits } from "./money.js";
import { PART_OF, type RowIdentity } from "../measure-identities.js";

/** The amount a row prints under a measure, in units; blank counts as 0. */
export const amountOf = (row: LineItem, measure: string): number => {
  const a = row.amounts.find((x) => x.measure === measure);
  return a ? toUnits(a.value) : 0;
};

const sumOf = (rows: readonly LineItem[], measure: string) => rows.reduce((s, r) => s + amountOf(r, measure), 0);

const describe = (row: LineItem) => row.label || (row.level === "department" ? "部门合计行" : `row ${row.rowIndex + 1}`);

/** Which column totals which: 合计 = Σ other columns, with the 三公 and 总计 layouts spelled out. */
export function rowIdentities(measures: readonly string[]): RowIdentity[] {
  // 其中 columns repeat part of another column, and measures told apart by their header (上年/合计) belong to layouts named here by nothing
  if (measures.some((x) => x.includes("/"))) return [];
  const m = measures.filter((x) => x !== "预算数" && !PART_OF.test(x));
  if (!m.includes("合计")) return [];
  if (m.includes("小计")) {
    const cars = m.filter((x) => x !== "小计" && /公务用车/.test(x));
    return [
      { total: "小计", parts: cars },
      { total: "合计", parts: m.filter((x) => x !== "合计" && !cars.includes(x)) },
    ];
  }
  if (m.includes("总计")) {
    const carried = m.filter((x) => /结转/.test(x));
    return [
      { total: "总计", parts: ["合计", ...carried] },
      { total: "合计", parts: m.filter((x) => x !== "总计" && x !== "合计" && !carried.includes(x)) },
    ];
  }
  const parts = m.filter((x) => x !== "合计");
  return parts.length >= 2 ? [{ total: "合计", parts }] : [];
}

/** 合计 = 基本支出 + 项目支出 + … within every row that prints amounts. */
function rowSums(table: BudgetTable, identities: readonly RowIdentity[]): Finding[] {
  const rows = table.rows.filter((row) => row.amounts.length > 0 && row.side !== "income");
  const check = ({ total, parts }: RowIdentity, row: LineItem) =>
    discrepancy({
      code: "row_sum_mismatch",
      message: `${describe(row)}: ${total} ≠ ${parts.join(" + ")}`,
      tableNo: table.tableNo,
      page: row.page,
      printed: amountOf(row, total),
      expected: parts.reduce((s, p) => s + amountOf(row, p), 0),
    });
  const fails = (identity: RowIdentity) => rows.filter((row) => check(identity, row).some((f) => f.severity === "error")).length;
  // An identity that fails on every row it applies to (two or more) is a header we misread, not a
  // document wrong in every row: fall back to the identities the column names imply.
  const misread = (identity: RowIdentity) => rows.length >= 2 && fails(identity) === rows.length;
  const trusted = identities.some(misread) ? rowIdentities(table.measures).filter((i) => !misread(i)) : identities;
  return rows.flatMap((row) => trusted.flatMap((identity) => check(identity, row)));
}

const codeOf = (r: LineItem) => r.funcCode ?? r.econCode;
const isBoundary = (r: LineItem) => r.rowKind === "total" || r.rowKind === "unit";

/**
 * The row each row is printed under: a code under the nearest row above with a shorter prefix of it,
 * a project under its group, anything else under its unit, a unit under the department row, that
 * under 合计 (printed above them, or below them at the end of a block). Rows under no row are null.
 */
function parentsOf(rows: readonly LineItem[]): (number | null)[] {
  let total: number | null = null;
  let department: number | null = null;
  let unit: number | null = null;
  let group: number | null = null;
  let blockStart = 0;
  const parents: (number | null)[] = [];
  const parentOf = (row: LineItem, i: number): number | null => {
    if (row.rowKind === "total") {
      // (a stray line above a 合计 printed at the top, such as a column index, is not "its rows")
      const above = rows.slice(blockStart, i).filter((r) => r.rowKind !== "total" && r.amounts.length > 0);
      const bottom = above.length >= 2 && rows[i - 1]!.rowKind !== "total";
      // a 合计 printed under its rows (决算 tables, one per column block) totals the top-level rows above it
      if (bottom) for (let j = blockStart; j < i; j++) if (parents[j] === null && rows[j]!.rowKind !== "total") parents[j] = i;
      total = bottom ? null : i;
      blockStart = i + 1;
      department = unit = group = null;
      return null;
    }
    if (row.level === "department") {
      department = i;
      unit = group = null;
      return total;
    }
    if (row.rowKind === "unit") {
      unit = i;
      group = null;
      return department ?? total;
    }
    // a 其中 row repeats part of the row above it and adds to nothing
    if (PART_OF.test(row.label)) return null;
    const container = unit ?? department ?? total;
    if (row.level === "project_group") {
      group = i;
      return container;
    }
    const code = codeOf(row);
    if (code)
      for (let j = i - 1; j >= 0 && !isBoundary(rows[j]!); j--) {
        const above = codeOf(rows[j]!);
        if (above && above.length < code.length && code.startsWith(above) && (rows[j]!.econCode === null) === (row.econCode === null)) return j;
      }
    // an item whose code the template does not print (nor the registry know) sits under the subtotal above it
    if (!code && group === null && row.rowKind === "item")
      for (let j = i - 1; j >= 0 && !isBoundary(rows[j]!); j--) if (rows[j]!.rowKind === "class") return j;
    return group ?? container;
  };
  rows.forEach((row, i) => parents.push(parentOf(row, i)));
  return parents;
}

/** 合计 = Σ units = Σ items; 类 = Σ 款 = Σ 项; unit = Σ its rows; group = Σ its projects: each row against the rows printed directly under it. */
function downSums(table: BudgetTable): Finding[] {
  const rows = table.rows;
  const parents = parentsOf(rows);
  const children = rows.map((): LineItem[] => []);
  parents.forEach((p, i) => {
    if (p !== null) children[p]!.push(rows[i]!);
  });
  const findings: Finding[] = [];
  const hasItems = rows.some((r) => r.rowKind === "item");
  rows.forEach((row, i) => {
    const scope = children[i]!;
    // A subtotal with nothing printed under it (a group whose only project was lost) still has to add up: to 0.
    if (scope.length === 0 && !(row.rowKind === "class" && hasItems)) return;
    // rows printing neither code nor group may nest by indentation the page does not keep: reported, not asserted
    const unsure = scope.length > 0 && scope.every((r) => r.rowKind === "item" && codeOf(r) === null);
    for (const measure of table.measures) {
      if (!row.amounts.some((a) => a.measure === measure) && !scope.some((r) => r.amounts.some((a) => a.measure === measure))) continue;
      findings.push(
        ...discrepancy({
          code: "sum_mismatch",
          message: `${describe(row)}: ${measure} ≠ the sum of the ${scope.length} rows under it`,
          tableNo: table.tableNo,
          page: row.page,
          printed: amountOf(row, measure),
          expected: sumOf(scope, measure),
        }, unsure ? "warning" : "error"),
      );
    }
  });
  return findings;
}

/** The measure a side of a two-sided table prints its amounts under (预算数, 本年预算, 合计 …). */
export function sideMeasure(table: BudgetTable, side: "income" | "expense"): string | undefined {
  const printed = new Set(table.rows.filter((r) => r.side === side).flatMap((r) => r.amounts.map((a) => a.measure)));
  return printed.has("合计") ? "合计" : table.measures.find((m) => printed.has(m));
}

const TOP_ORDINAL = /^[一二三四五六七八九十]+、/;

/**
 * The income rows that add up to 本年收入: where some items print a top-level ordinal (一、财政拨款)
 * and others do not (一般公共预算 under it), only the numbered ones; never a 其中 row.
 */
function incomeParts(items: readonly LineItem[]): LineItem[] {
  const own = items.filter((r) => !PART_OF.test(r.label));
  const numbered = own.filter((r) => TOP_ORDINAL.test(r.label));
  return numbered.length > 0 && numbered.length < own.length ? numbered : own;
}

/** 表1/表2: income items add up to 本年收入, 类 rows to 本年支出, and both sides' 总计 agree. */
function twoSidedSums(table: BudgetTable): Finding[] {
  const income = table.rows.filter((r) => r.side === "income");
  const expense = table.rows.filter((r) => r.side === "expense");
  const key = (r: LineItem) => r.label.replace(TOP_ORDINAL, "");
  const findings: Finding[] = [];
  const check = (row: LineItem | undefined, parts: LineItem[], measure: string | undefined, what: string) => {
    if (!row || !measure) return;
    findings.push(
      ...discrepancy({
        code: "sum_mismatch",
        message: `${row.label}: ${measure} ≠ ${what}`,
        tableNo: table.tableNo,
        page: row.page,
        printed: amountOf(row, measure),
        expected: sumOf(parts, measure),
      }),
    );
  };
  const incomeMeasure = sideMeasure(table, "income");
  const expenseMeasure = sideMeasure(table, "expense");
  const yearIncome = income.find((r) => /^本年收入(合计)?$/.test(key(r)));
  const firstTotal = yearIncome ? income.indexOf(yearIncome) : -1;
  const sectioned = income.some((r) => r.section !== null);
  check(
    yearIncome,
    sectioned ? income.filter((r) => r.section === "本年收入") : incomeParts(income.slice(0, firstTotal).filter((r) => r.rowKind === "item")),
    incomeMeasure,
    "the sum of the income items",
  );
  const carried = income.find((r) => r.rowKind === "total" && key(r) === "上年结转");
  if (carried) check(carried, income.filter((r) => r.section === "上年结转"), incomeMeasure, "the sum of its items");
  const yearExpense = expense.find((r) => /^本年支出(合计)?$/.test(key(r)));
  const classes = expense.filter((r) => r.rowKind === "class" && r.funcCode?.length === 3);
  // a 本年支出 made of 基本支出 and 项目支出 rows, not of 类, is not checked against 类 rows
  const expenseMeasures = new Set(expense.flatMap((r) => r.amounts.map((a) => a.measure)));
  if (classes.length > 0)
    for (const m of table.measures.filter((x) => expenseMeasures.has(x)))
      check(yearExpense, classes, m, "the sum of the 类 rows");
  const incomeTotal = income.find((r) => /总计$/.test(key(r)));
  const expenseTotal = expense.find((r) => /总计$/.test(key(r)));
  if (incomeTotal && expenseTotal && incomeMeasure && expenseMeasure)
    findings.push(
      ...discrepancy({
        code: "sum_mismatch",
        message: `${expenseTotal.label} ≠ ${incomeTotal.label}`,
        tableNo: table.tableNo,
        page: expenseTotal.page,
        printed: amountOf(expenseTotal, expenseMeasure),
        expected: amountOf(incomeTotal, incomeMeasure),
      }),
    );
  return findings;
}

/**
 * Every sum a table states about itself, checked: row identities (as given, else inferred from the
 * measure names), subtotals down the table, both sides of 表1/表2.
 * @example checkTable(budgetTable) // [] for a consistent table
 */
export function checkTable(table: BudgetTable, identities: readonly RowIdentity[] = rowIdentities(table.measures)): Finding[] {
  if (table.empty || table.rows.length === 0) return [];
  if (isTwoSided(table.kind) || table.rows.some((r) => r.side !== null)) return [...rowSums(table, identities), ...twoSidedSums(table)];
  return [...rowSums(table, identities), ...downSums(table)];
}
