import type { Amount, BudgetTable, Meaning } from "@yusuan/schema";
import { describe, expect, it } from "vitest";
import { lineItem } from "../line-item.fixture.js";
import { checkTable, identitiesFromMeanings } from "./within-table.js";

const current = { side: "expense", period: "current", basis: "预算", item: null, ofWhich: false, aggregate: true } as const;
/** The columns of 枫溪's 表6: 当年财政拨款安排 合计 | 一般公共预算拨款 | 人员经费 | 公用经费 | 项目支出. */
const COLUMNS: [string, Meaning][] = [
  ["合计", { ...current, fund: "财政拨款", use: "total" }],
  ["一般公共预算拨款", { ...current, fund: "一般公共预算", use: null }],
  ["人员经费", { ...current, fund: "财政拨款", use: "人员经费" }],
  ["公用经费", { ...current, fund: "财政拨款", use: "公用经费" }],
  ["项目支出", { ...current, fund: "财政拨款", use: "项目支出" }],
];
const amounts = (...values: string[]): Amount[] => values.map((value, i) => ({ measure: COLUMNS[i]![0], value, page: 12, bbox: [0, 0, 1, 1], meaning: COLUMNS[i]![1] }));
const table = (...rows: string[][]): BudgetTable => ({
  ...{ tableNo: "6", title: "财政拨款支出预算表（部门经济分类科目）", kind: "财政拨款支出经济分类表", amountUnit: "万元", pages: [11, 12], empty: false, notes: [] },
  measures: COLUMNS.map(([m]) => m),
  rows: rows.map((values, i) => lineItem(`row ${i}`, amounts(...values), { rowIndex: i, econCode: "30101" })),
});

describe("identitiesFromMeanings", () => {
  it("totals the columns of one fund each and the columns of one use each", () => {
    expect(identitiesFromMeanings(table(["118.40", "118.40", "118.40", "", ""]))).toEqual([
      { total: "合计", parts: ["一般公共预算拨款"] },
      { total: "合计", parts: ["人员经费", "公用经费", "项目支出"] },
    ]);
  });

  it("lets a table whose header says no sum be checked row by row, at the row that is wrong", () => {
    const findings = checkTable(table(["118.40", "118.40", "118.40", "", ""], ["3.65", "3.60", "", "3.60", ""], ["50.00", "50.00", "", "", "50.00"]), []);
    expect(findings.filter((f) => f.severity === "error").map((f) => f.message)).toEqual(["row 1: 合计 ≠ 一般公共预算拨款", "row 1: 合计 ≠ 人员经费 + 公用经费 + 项目支出"]);
  });
});
