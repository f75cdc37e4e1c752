import type { BudgetDocument, BudgetTable, Finding, LineItem } from "@yusuan/schema";
import { discrepancy } from "./finding-for.js";
import { principalTables } from "./principal-tables.js";
import { amountOf, sideMeasure } from "./within-table.js";

const totalRow = (t: BudgetTable | undefined) => t?.rows.find((r) => r.rowKind === "total" && r.side !== "income");
const sideRow = (t: BudgetTable | undefined, side: "income" | "expense", label: RegExp) =>
  t?.rows.find((r) => r.side === side && label.test(r.label.replace(/^[一二三四五六七八九十]+、/, "")));

/** The measure a one-sided table prints its row totals under: 合计, else 总计, 小计, 金额, or its only measure. */
function totalMeasure(t: BudgetTable): string | undefined {
  return ["合计", "总计", "小计", "金额", "预算数"].find((m) => t.measures.includes(m)) ?? (t.measures.length === 1 ? t.measures[0] : undefined);
}

/**
 * A 类's money in a table, by 类: its printed 类 row where the table prints one for every 类 it has,
 * else Σ of its 7-digit 项 rows.
 */
function byClass(table: BudgetTable, measure: string | undefined): Map<string, number> {
  const out = new Map<string, number>();
  if (!measure) return out;
  const classRows = table.rows.filter((r) => r.rowKind === "class" && r.funcCode?.length === 3 && r.level === null);
  const items = table.rows.filter((r) => r.funcCode?.length === 7 && r.rowKind === "item");
  const everyClassPrinted = items.every((r) => classRows.some((c) => r.funcCode!.startsWith(c.funcCode!)));
  const units = new Set(table.rows.map((r) => r.unitCode));
  const source = classRows.length > 0 && everyClassPrinted && units.size <= 1 ? classRows : items;
  for (const r of source) out.set(r.funcCode!.slice(0, 3), (out.get(r.funcCode!.slice(0, 3)) ?? 0) + amountOf(r, measure));
  return out;
}

interface Pair {
  message: string;
  a: { table: BudgetTable; row: LineItem | undefined; measure: string } | undefined;
  b: number | undefined;
  /** the tables b is read from */
  from: readonly (BudgetTable | undefined)[];
  severity?: "error" | "warning";
  /** a may be more than b (b is part of a's money) or less (a is part of b's); by default they are equal */
  bound?: "a ≥ b" | "a ≤ b";
}

/** Compares a printed amount with what other tables say; tables printing 元 and 万元 are not compared (rounded differently). */
function compare({ message, a, b, from, severity, bound }: Pair): Finding[] {
  if (!a?.row || b === undefined || from.some((t) => t && t.amountUnit !== a.table.amountUnit)) return [];
  const printed = amountOf(a.row, a.measure);
  if ((bound === "a ≥ b" && printed >= b) || (bound === "a ≤ b" && printed <= b)) return [];
  return discrepancy(
    { code: "cross_table_mismatch", message, tableNo: a.table.tableNo, page: a.row.page, printed, expected: b },
    severity,
  );
}

/**
 * A table's 合计 amount under a measure (its total measure by default): its 合计 row, or the sum of the
 * 合计 rows printed under each column block; undefined where the table prints no 合计 row or measure.
 */
function totalOf(t: BudgetTable | undefined, measure: string | undefined = t && totalMeasure(t)): number | undefined {
  if (!t || !measure || !t.measures.includes(measure)) return undefined;
  const totals = t.rows.filter((r) => r.rowKind === "total" && r.side !== "income");
  if (totals.length === 0) return undefined;
  const blocks = t.rows[0]!.rowKind !== "total" && totals.every((r) => r.rowIndex > 0 && t.rows[r.rowIndex - 1]?.rowKind !== "total");
  return blocks ? totals.reduce((s, r) => s + amountOf(r, measure), 0) : amountOf(totals[0]!, measure);
}

const label = (t: BudgetTable) => (t.tableNo ? `表${t.tableNo}` : t.title);

/** Only general-budget money: then 表1-2, 表3 and their parts describe the same money. */
function generalBudgetOnly(t1: BudgetTable | undefined): boolean {
  if (!t1) return false;
  const items = t1.rows.filter((r) => r.side === "income" && r.rowKind === "item" && r.amounts.length > 0);
  return items.length > 0 && items.every((r) => /一般公共预算/.test(r.label));
}

/**
 * The same money printed in two tables must agree: 表1 with 表1-1/1-2, 表2 with 表3 and 表2-1,
 * 表3 with 表3-1 + 表3-2, and 三公 with the economic rows that hold it.
 * @example checkAcrossTables(doc) // [] for a consistent document
 */
export function checkAcrossTables(doc: BudgetDocument): Finding[] {
  const { t1, t11, t12, t2, t21, t3, t31, t32, t33 } = principalTables(doc);
  const findings: Finding[] = [];
  const pairs: Pair[] = [];
  const t1Income = t1 && sideMeasure(t1, "income");
  const t1Expense = t1 && sideMeasure(t1, "expense");
  if (t1 && t11 && t1Income)
    pairs.push({
      message: `${label(t1)} 收入总计 ≠ ${label(t11)} 合计`,
      a: { table: t1, row: sideRow(t1, "income", /^收入总计$/), measure: t1Income },
      b: totalOf(t11),
      from: [t11],
    });
  if (t1 && t12 && t1Expense) {
    pairs.push({
      message: `${label(t1)} 本年支出合计 ≠ ${label(t12)} 合计`,
      a: { table: t1, row: sideRow(t1, "expense", /^本年支出合计$/), measure: t1Expense },
      b: totalOf(t12),
      from: [t12],
    });
    const classes = byClass(t12, totalMeasure(t12));
    if (classes.size)
      for (const row of t1.rows.filter((r) => r.side === "expense" && r.rowKind === "class" && r.funcCode?.length === 3))
        pairs.push({ message: `${label(t1)} ${row.label} ≠ Σ ${label(t12)} ${row.funcCode} 项`, a: { table: t1, row, measure: t1Expense }, b: classes.get(row.funcCode!) ?? 0, from: [t12] });
  }
  // only where 表2 prints a 一般公共预算 column: its other columns are not 表3's money
  if (t2 && t3 && t2.measures.includes("一般公共预算")) {
    const classes = byClass(t3, totalMeasure(t3));
    if (classes.size)
      for (const row of t2.rows.filter((r) => r.side === "expense" && r.rowKind === "class" && r.funcCode?.length === 3))
        pairs.push({ message: `${label(t2)} ${row.label} 一般公共预算 ≠ Σ ${label(t3)} ${row.funcCode} 项`, a: { table: t2, row, measure: "一般公共预算" }, b: classes.get(row.funcCode!) ?? 0, from: [t3] });
  }
  if (t2 && t21 && t2.measures.includes("合计")) {
    const measure = t21.measures.includes("总计") ? "总计" : "合计";
    pairs.push({
      message: `${label(t2)} 本年支出 ≠ ${label(t21)} ${measure}`,
      a: { table: t2, row: sideRow(t2, "expense", /^本年支出(合计)?$/), measure: "合计" },
      b: totalOf(t21, measure),
      from: [t21],
    });
  }
  const t3Measure = t3 && totalMeasure(t3);
  if (t3 && t31 && t3Measure) {
    const basic = totalOf(t31);
    // without a 表3-2, 表3-1 is compared with 表3's own 基本支出 column, where it prints one
    const t3Basic = t3.measures.find((m) => /^(其中[:：])?基本支出$/.test(m));
    if (t32)
      pairs.push({
        message: `${label(t3)} 合计 ≠ ${label(t31)} 合计 + ${label(t32)} 合计`,
        a: { table: t3, row: totalRow(t3), measure: t3Measure },
        b: basic === undefined ? undefined : basic + (totalOf(t32, t32.measures[0] ?? "金额") ?? 0),
        from: [t31, t32],
      });
    else if (t3Basic)
      pairs.push({ message: `${label(t3)} ${t3Basic} ≠ ${label(t31)} 合计`, a: { table: t3, row: totalRow(t3), measure: t3Basic }, b: basic, from: [t31] });
  }
  if (t12 && t31 && generalBudgetOnly(t1))
    pairs.push({
      message: `${label(t12)} 基本支出 ≠ ${label(t31)} 合计`,
      a: { table: t12, row: totalRow(t12), measure: "基本支出" },
      b: totalOf(t31, "合计"),
      from: [t31],
      severity: "warning",
    });
  if (t33) {
    const econ = t21 ?? t31;
    const total = totalRow(t33);
    const econMeasure = econ && totalMeasure(econ);
    const codes: [RegExp, string][] = [
      [/因公出国/, "30212"],
      [/公务用车购置费/, "31013"],
      [/公务用车运行/, "30231"],
      [/公务接待/, "30217"],
    ];
    if (econ && total)
      for (const [measure, code] of codes) {
        // the year's own column: not 上年 or 增减, and only where one column is left
        const year = t33.measures.filter((x) => measure.test(x) && !/上年|增减|变化/.test(x));
        const m = year.length === 1 ? year[0] : undefined;
        const rows = econ.rows.filter((r) => r.econCode === code);
        // 三公 is basic and project money of the 一般公共预算: at least what 表3-1 spends on it from basic
        // money alone, at most what 表2-1 spends on it from all 财政拨款
        const bound = econ === t31 ? "a ≥ b" : "a ≤ b";
        if (m && econMeasure && rows.length)
          pairs.push({
            message: `${label(t33)} ${m} ${bound === "a ≥ b" ? "<" : ">"} ${label(econ)} ${code}`,
            a: { table: t33, row: total, measure: m },
            b: rows.reduce((s, r) => s + amountOf(r, econMeasure), 0),
            from: [econ],
            severity: "warning",
            bound,
          });
      }
  }
  for (const p of pairs) findings.push(...compare(p));
  return findings;
}
