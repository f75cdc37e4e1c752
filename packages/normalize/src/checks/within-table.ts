import type { BudgetTable, Finding, LineItem, Meaning } from "@yusuan/schema";
import { isTwoSided } from "../table-kind.js";
import { discrepancy } from "./finding-for.js";
import { finestHalfUnit, toUnits } from "./money.js";
import { PART_OF, type RowIdentity } from "../measure-identities.js";
import { numberingOf } from "../rows/numbering.js";
import { nestable } from "../rows/nest-by-sums.js";
import { codeOf } from "../rows/hierarchy.js";
import { checkExecutionRates, moneyOnly } from "./execution-rates.js";

/** The amount a row prints under a measure, in units; blank counts as 0. */
export const amountOf = (row: LineItem, measure: string): number => {
  const a = row.amounts.find((x) => x.measure === measure);
  return a ? toUnits(a.value) : 0;
};

const sumOf = (rows: readonly LineItem[], measure: string) => rows.reduce((s, r) => s + amountOf(r, measure), 0);

/**
 * How far a sum of printed amounts may be from its printed total by rounding alone: half a unit of
 * the last digit the table prints, for each amount involved (1 元 over two amounts in a table printed
 * in whole 元, 0.01 in 万元 to 2 places). A table that prints 47.91 beside 0 and 25 prints to 0.01.
 */
function roundingOf(table: BudgetTable, cells: readonly (readonly [LineItem, string])[]): number {
  const printed = cells.filter(([row, measure]) => row.amounts.some((a) => a.measure === measure)).length;
  return printed * halfUnitOf(table);
}

const halfUnits = new WeakMap<readonly LineItem[], number>();
function halfUnitOf(table: BudgetTable): number {
  let half = halfUnits.get(table.rows);
  if (half === undefined) {
    // money only: a 完成率 printed to more places says nothing of how the amounts were rounded
    half = finestHalfUnit(table.rows.flatMap((r) => r.amounts.filter((a) => table.measures.includes(a.measure)).map((a) => a.value)));
    halfUnits.set(table.rows, half);
  }
  return half;
}
const down = (rows: readonly LineItem[], measure: string) => rows.map((r) => [r, measure] as const);

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

/** 会议费 and 培训费 are printed beside 三公 in its table but are no part of it. */
const NOT_SANGONG = /会议费|培训费/;
const withoutNeighbours = ({ total, parts }: RowIdentity): RowIdentity => (/三公/.test(total) ? { total, parts: parts.filter((p) => !NOT_SANGONG.test(p)) } : { total, parts });

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
      tolerance: roundingOf(table, [total, ...parts].map((m) => [row, m] as const)),
    });
  const fails = (identity: RowIdentity) => rows.filter((row) => check(identity, row).some((f) => f.severity === "error")).length;
  // An identity that fails on every row it applies to (two or more) is a header we misread, not a
  // document wrong in every row: fall back to the identities the column names imply.
  const misread = (identity: RowIdentity) => rows.length >= 2 && fails(identity) === rows.length;
  const trusted = identities.some(misread) ? rowIdentities(table.measures).filter((i) => !misread(i)) : identities;
  return rows.flatMap((row) => trusted.flatMap((identity) => check(identity, row)));
}


/**
 * 合计 = Σ units = Σ items; 类 = Σ 款 = Σ 项; unit = Σ its rows; group = Σ its projects: each row
 * against the rows printed directly under it (`LineItem.parent`). 其中 rows are parts: they may add
 * up to less than the row they detail, never to more.
 */
function downSums(table: BudgetTable, twoSided = false): Finding[] {
  const rows = table.rows;
  const children = rows.map((): LineItem[] => []);
  const at = new Map(rows.map((r, i) => [r.rowIndex, i]));
  for (const r of rows) if (r.parent !== null) children[at.get(r.parent)!]?.push(r);
  const findings: Finding[] = [];
  // (a two-sided table's other rows have no parents: only its codes add up)
  const hasItems = !twoSided && rows.some((r) => r.rowKind === "item");
  rows.forEach((row, i) => {
    const scope = children[i]!.filter((r) => !r.ofWhich);
    const parts = children[i]!.filter((r) => r.ofWhich);
    // rows printing neither code nor group may nest by indentation the page does not keep: reported, not
    // asserted, unless no nesting of them at all adds up to their row
    const bare = scope.length > 0 && scope.every((r) => r.rowKind === "item" && codeOf(r) === null && numberingOf(r.label).style === null);
    // (whether any nesting adds up is searched only once a sum of such rows fails)
    let unsure: boolean | undefined;
    const judged = (f: Finding): Finding =>
      f.severity === "error" && (unsure ??= bare && nestable(row, scope, table.measures, halfUnitOf(table)) !== "no") ? { ...f, severity: "warning" } : f;
    for (const measure of table.measures) {
      const prints = (r: LineItem) => r.amounts.some((a) => a.measure === measure);
      if (!prints(row) && !children[i]!.some(prints)) continue;
      // A subtotal with nothing printed under it (a group whose only project was lost) still has to add up: to 0.
      if (scope.length > 0 || (row.rowKind === "class" && hasItems && parts.length === 0))
        findings.push(
          ...discrepancy({
            code: "sum_mismatch",
            message: `${describe(row)}: ${measure} ≠ the sum of the ${scope.length} rows under it`,
            tableNo: table.tableNo,
            page: row.page,
            printed: amountOf(row, measure),
            expected: sumOf(scope, measure),
            tolerance: roundingOf(table, down([row, ...scope], measure)),
          }).map(judged),
        );
      const detailed = sumOf(parts, measure);
      if (parts.length > 0 && detailed > amountOf(row, measure) + roundingOf(table, down([row, ...parts], measure)))
        findings.push(
          ...discrepancy({
            code: "sum_mismatch",
            message: `${describe(row)}: ${measure} < the sum of the ${parts.length} 其中 rows under it`,
            tableNo: table.tableNo,
            page: row.page,
            printed: amountOf(row, measure),
            expected: detailed,
          }),
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
        tolerance: roundingOf(table, down([row, ...parts], measure)),
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
        tolerance: roundingOf(table, [[expenseTotal, expenseMeasure], [incomeTotal, incomeMeasure]]),
      }),
    );
  return findings;
}

/**
 * How many of a one-sided table's down sums (each row against the rows under it) fail: what tells
 * one reading of its rows from another.
 * @example failedDownSums({ ...table, rows: withParents(rows) }) // 0 for a consistent reading
 */
export function failedDownSums(table: BudgetTable): number {
  return downSums(table).filter((f) => f.severity !== "info").length;
}

/** 人员经费 and 公用经费 are the parts of 基本支出: beside it they are no parts of the whole. */
const BASIC_PARTS: readonly string[] = ["人员经费", "公用经费"];

/**
 * Which column totals which, read from what each column means where the header alone does not say:
 * in each period and basis, the column of all uses (合计 of 财政拨款) = Σ the columns of one fund each
 * (一般公共预算拨款 …), and = Σ the columns of one use each (人员经费 + 公用经费 + 项目支出, or
 * 基本支出 + 项目支出 with 基本支出 = 人员经费 + 公用经费). 其中 columns are parts of nothing.
 * @example identitiesFromMeanings(table) // [{ total: "合计", parts: ["一般公共预算拨款"] }, { total: "合计", parts: ["人员经费", "公用经费", "项目支出"] }]
 */
export function identitiesFromMeanings(table: BudgetTable): RowIdentity[] {
  const meanings = new Map<string, Meaning>();
  for (const r of table.rows) for (const a of r.amounts) if (a.meaning && !meanings.has(a.measure)) meanings.set(a.measure, a.meaning);
  const groups = new Map<string, [string, Meaning][]>();
  for (const [measure, m] of meanings) {
    if (m.ofWhich || m.item !== null) continue;
    const key = `${m.side}|${m.period}|${m.basis}`;
    groups.set(key, [...(groups.get(key) ?? []), [measure, m]]);
  }
  const out: RowIdentity[] = [];
  for (const columns of groups.values()) {
    const totals = columns.filter(([, m]) => m.use === "total");
    if (totals.length !== 1) continue;
    const [total, whole] = totals[0]!;
    const funds = columns.filter(([, m]) => m.use === null && m.fund !== null && m.fund !== "total" && m.fund !== whole.fund).map(([x]) => x);
    const uses = columns.filter(([, m]) => m.use !== null && m.use !== "total" && (m.fund === whole.fund || m.fund === null)).map(([x, m]) => [x, m.use!] as const);
    const basic = uses.find(([, use]) => use === "基本支出");
    const ofBasic = uses.filter(([, use]) => BASIC_PARTS.includes(use)).map(([x]) => x);
    if (funds.length > 0) out.push({ total, parts: funds });
    const parts = uses.filter(([, use]) => !(basic && BASIC_PARTS.includes(use))).map(([x]) => x);
    if (parts.length >= 2) out.push({ total, parts });
    if (basic && ofBasic.length === 2) out.push({ total: basic[0], parts: ofBasic });
  }
  return out;
}

/** Below this many failed sums a table's reading is trusted whatever share of its sums fail. */
const UNCERTAIN_MIN = 4;

/**
 * Every sum a table states about itself, checked (and every 完成率 against its row's 决算 and budget): row identities (as given, else inferred from the
 * measure names), subtotals down the table, both sides of 表1/表2. When most of a one-sided table's
 * sums fail, that says more about our reading of it than about the document: one warning for the
 * table ("structure uncertain") stands for them.
 * @example checkTable(budgetTable) // [] for a consistent table
 */
export function checkTable(table: BudgetTable, printed: readonly RowIdentity[] = rowIdentities(table.measures)): Finding[] {
  if (table.empty || table.rows.length === 0) return [];
  return [...checkSums(moneyOnly(table), printed), ...checkExecutionRates(table)];
}

function checkSums(table: BudgetTable, printed: readonly RowIdentity[]): Finding[] {
  const identities = (printed.length > 0 ? printed : identitiesFromMeanings(table)).map(withoutNeighbours);
  if (isTwoSided(table.kind) || table.rows.some((r) => r.side !== null)) return [...rowSums(table, identities), ...twoSidedSums(table), ...downSums(table, true)];
  const findings = [...rowSums(table, identities), ...downSums(table)];
  const failed = findings.filter((f) => f.severity === "error").length;
  const held = sumsHeld(table, identities);
  if (failed < UNCERTAIN_MIN || failed < held) return findings;
  return [
    ...findings.filter((f) => f.severity !== "error"),
    {
      code: "structure_uncertain",
      severity: "warning",
      message: `${failed} of the table's ${failed + held} sums fail as read: its rows or columns are probably misread, not misprinted`,
      tableNo: table.tableNo,
      page: table.pages[0] ?? null,
      expected: null,
      actual: null,
    },
  ];
}

/** How many of a one-sided table's sums hold exactly or within rounding. */
function sumsHeld(table: BudgetTable, identities: readonly RowIdentity[]): number {
  const rows = table.rows.filter((row) => row.amounts.length > 0);
  const byRow = rows.reduce((n, row) => n + identities.filter(({ total, parts }) => amountOf(row, total) === parts.reduce((s, p) => s + amountOf(row, p), 0)).length, 0);
  const children = new Map<number, LineItem[]>();
  for (const r of table.rows) if (r.parent !== null && !r.ofWhich) children.set(r.parent, [...(children.get(r.parent) ?? []), r]);
  let held = byRow;
  for (const [parent, kids] of children) {
    const row = table.rows.find((r) => r.rowIndex === parent);
    if (!row) continue;
    for (const measure of table.measures) {
      const prints = (r: LineItem) => r.amounts.some((a) => a.measure === measure);
      if ((prints(row) || kids.some(prints)) && Math.abs(amountOf(row, measure) - sumOf(kids, measure)) <= roundingOf(table, down([row, ...kids], measure))) held++;
    }
  }
  return held;
}
