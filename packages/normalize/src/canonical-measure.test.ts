import { describe, expect, it } from "vitest";
import type { BudgetTable, Column, LineItem, TableKind } from "@yusuan/schema";
import { columnMeaning, columnRoles, rowMeaning, withMeanings, wordMeaning, type MeaningContext } from "./canonical-measure.js";
import { headlineOf } from "./headline-figures.js";
import { lineItem } from "./line-item.fixture.js";

/** Header paths and row labels as real disclosures print them (西安, 烟台, 江苏, 上海 决算, 杭州, 长沙, 广州). */
const ctx = (kind: TableKind, over: Partial<MeaningContext> = {}): MeaningContext => ({
  kind,
  fiscalYear: 2026,
  basis: "预算",
  printsBeyondSangong: false,
  printsFunds: false,
  printsGrandTotal: false,
  printsAdjusted: false,
  ...over,
});
const columns = (...paths: string[][]): Column[] => paths.map((path, i) => ({ path, x0: i * 50, x1: i * 50 + 50 }));
const item = (label: string, measures: Record<string, string>, over: Partial<LineItem> = {}): LineItem =>
  lineItem(label, Object.entries(measures).map(([measure, value]) => ({ measure, value, page: 1, bbox: [0, 0, 1, 1] as [number, number, number, number] })), over);
const table = (kind: TableKind, measures: string[], rows: LineItem[]): BudgetTable => ({
  tableNo: null,
  title: "",
  kind,
  amountUnit: "万元",
  pages: [1],
  empty: false,
  measures,
  rows,
  notes: [],
});

describe("columnMeaning: the same money whatever the template calls it", () => {
  it("人员经费, 人员经费支出, 人员支出 and 人员类 are all use 人员经费; 公用经费, 日常公用支出 and 公用经费支出 use 公用经费", () => {
    const basic = ctx("一般公共预算基本支出表");
    for (const leaf of ["人员经费", "人员经费支出", "人员支出", "人员类"]) expect(columnMeaning([leaf], null, basic).use).toBe("人员经费");
    for (const leaf of ["公用经费", "日常公用支出", "公用经费支出"]) expect(columnMeaning([leaf], null, basic).use).toBe("公用经费");
    expect(columnMeaning(["当年预算", "人员经费"], null, basic).use).toBe("人员经费");
  });

  it("合计, 总计, 小计, 预算数, 金额 and 决算数 are the whole: all uses, the table's fund", () => {
    for (const leaf of ["合计", "总计", "小计", "预算数", "金额"])
      expect(columnMeaning([leaf], null, ctx("一般公共预算支出表"))).toMatchObject({ use: "total", fund: "一般公共预算", ofWhich: false });
    expect(columnMeaning(["决算数"], null, ctx("部门支出总表", { basis: "决算" }))).toMatchObject({ use: "total", fund: "total", basis: "决算" });
    // the whole of a 基本支出 table is 基本支出 (杭州 合计, 全国 基本支出/合计 alike)
    expect(columnMeaning(["合计"], null, ctx("一般公共预算基本支出表")).use).toBe("基本支出");
    expect(columnMeaning(["基本支出", "合计"], null, ctx("一般公共预算基本支出表")).use).toBe("基本支出");
    // 基本支出/小计 is the 基本支出 subtotal, not the table's whole
    expect(columnMeaning(["基本支出", "小计"], null, ctx("一般公共预算支出表")).use).toBe("基本支出");
  });

  it("a 决算's 完成率 is a percentage of the budget its header or table names, never money of any year", () => {
    const final = (over: Partial<MeaningContext> = {}) => ctx("一般公共预算支出表", { basis: "决算", ...over });
    expect(columnMeaning(["决算数为调整预算数的%"], null, final())).toMatchObject({ period: "execution_pct", basis: "调整预算", use: "total", aggregate: false });
    expect(columnMeaning(["决算数为预算数的%"], null, final({ printsAdjusted: true }))).toMatchObject({ period: "execution_pct", basis: "预算" });
    expect(columnMeaning(["完成率"], null, final({ printsAdjusted: true }))).toMatchObject({ period: "execution_pct", basis: "调整预算" });
    expect(columnMeaning(["完成率（%）"], null, final())).toMatchObject({ period: "execution_pct", basis: "预算" });
    expect(columnMeaning(["基本支出", "执行率"], null, final())).toMatchObject({ period: "execution_pct", use: "基本支出" });
    // 全年预算数 is the year's budget as adjusted
    expect(columnMeaning(["全年预算数"], null, final())).toMatchObject({ period: "current", basis: "调整预算", use: "total" });
  });

  it("a previous-year column, a change column and a change % column are told from the current year", () => {
    const sangong = ctx("一般公共预算三公经费表", { printsBeyondSangong: true });
    expect(columnMeaning(["上年", "合计"], null, sangong).period).toBe("previous");
    expect(columnMeaning(["当年", "一般公共预算拨款安排的“三公”经费预算", "小计"], null, sangong)).toMatchObject({ period: "current", item: "三公" });
    expect(columnMeaning(["增减变化情况", "公务接待费"], null, sangong)).toMatchObject({ period: "change", item: "公务接待" });
    expect(columnMeaning(["增减幅度（%）"], null, sangong).period).toBe("change_pct");
    expect(columnMeaning(["2025年预算数", "合计"], null, ctx("一般公共预算三公经费表")).period).toBe("previous");
    expect(columnMeaning(["2026年预算数", "合计"], null, ctx("一般公共预算三公经费表"))).toMatchObject({ period: "current", item: "三公" });
    // 上年结转 is a fund, not last year
    expect(columnMeaning(["上年结转"], "income", ctx("部门收入总表"))).toMatchObject({ period: "current", fund: "上年结转结余" });
  });

  it("会议费 and 培训费 beside 三公 are items of their own, and the table's 合计 then is no 三公 total", () => {
    const beside = ctx("一般公共预算三公经费表", { printsBeyondSangong: true });
    expect(columnMeaning(["会议费"], null, beside).item).toBe("会议费");
    expect(columnMeaning(["培训费"], null, beside).item).toBe("培训费");
    expect(columnMeaning(["合计"], null, beside).item).toBeNull();
    expect(columnMeaning(["“三公”经费", "小计"], null, beside).item).toBe("三公");
    expect(columnMeaning(["合计"], null, ctx("一般公共预算三公经费表")).item).toBe("三公");
    expect(columnMeaning(["公务用车购置及运行维护费", "小计"], null, beside).item).toBe("公务用车购置及运行");
    expect(columnMeaning(["公务用车购置及运行维护费", "公务用车购置费"], null, beside).item).toBe("公务用车购置");
    expect(columnMeaning(["机关运行经费预算数"], null, ctx("一般公共预算三公经费表")).item).toBe("机关运行经费");
    // beside a 合计 a bare 小计 is the vehicle subtotal; alone (长沙) it is the 三公 total
    expect(columnMeaning(["当年财政拨款预算安排", "小计"], null, ctx("一般公共预算三公经费表", { printsGrandTotal: true })).item).toBe("公务用车购置及运行");
    expect(columnMeaning(["小计"], null, ctx("一般公共预算三公经费表")).item).toBe("三公");
  });

  it("an of-which column (其中…, 扣除基建项目后预算数) is a part never to be added to its siblings", () => {
    expect(columnMeaning(["其中：公务用车购置"], null, ctx("一般公共预算三公经费表"))).toMatchObject({ ofWhich: true, item: "公务用车购置" });
    expect(columnMeaning(["扣除基建项目后预算数"], null, ctx("部门支出总表")).ofWhich).toBe(true);
    expect(columnMeaning(["基本支出"], null, ctx("部门支出总表")).ofWhich).toBe(false);
    expect(columnMeaning(["事业收入（不含教育收费）"], null, ctx("部门收入总表"))).toMatchObject({ ofWhich: false, fund: "事业收入" });
  });

  it("a 决算 prints 年初预算, 调整预算 and 决算数 side by side: each its basis", () => {
    const finals = ctx("一般公共预算三公经费表", { basis: "决算" });
    expect(columnMeaning(["合计", "年初预算数"], null, finals).basis).toBe("预算");
    expect(columnMeaning(["合计", "调整预算数"], null, finals).basis).toBe("调整预算");
    expect(columnMeaning(["合计", "决算数"], null, finals).basis).toBe("决算");
    // 一般公共预算 names a fund, not the 预算 basis
    expect(columnMeaning(["一般公共预算财政拨款"], null, ctx("财政拨款收支总表", { basis: "决算" }))).toMatchObject({ basis: "决算", fund: "一般公共预算" });
  });

  it("funds of 收入 columns: 财政拨款收入, 事业收入, 其他收入, 单位资金 and 上年结转结余", () => {
    const income = ctx("部门收入总表");
    expect(columnMeaning(["财政拨款收入"], null, income).fund).toBe("财政拨款");
    expect(columnMeaning(["本年收入", "一般公共预算"], null, income).fund).toBe("一般公共预算");
    expect(columnMeaning(["事业单位经营收入"], null, income).fund).toBe("事业单位经营收入");
    expect(columnMeaning(["单位资金"], null, income).fund).toBe("其他收入");
    expect(columnMeaning(["上年结转结余", "小计"], null, income).fund).toBe("上年结转结余");
    expect(columnMeaning(["合计"], null, { ...income, printsFunds: true }).fund).toBe("total");
  });
});

describe("rowMeaning and withMeanings: rows that name what their columns do not", () => {
  it("both sides of 表1: an income row names its fund, an expense row its use, totals are aggregates", () => {
    expect(rowMeaning({ label: "一、一般公共预算拨款收入", side: "income", funcCode: null, econCode: null }, "部门收支总表", 2026)).toMatchObject({ fund: "一般公共预算", aggregate: false });
    expect(rowMeaning({ label: "二、项目支出", side: "expense", funcCode: null, econCode: null }, "部门收支总表", 2026)).toMatchObject({ use: "项目支出" });
    expect(rowMeaning({ label: "收入总计", side: "income", funcCode: null, econCode: null }, "部门收支总表", 2026)).toEqual({ aggregate: true });
    const t = withMeanings(
      table("部门收支总表", ["预算数"], [
        item("一般公共预算拨款收入", { 预算数: "80.00" }, { side: "income" }),
        item("基本支出", { 预算数: "60.00" }, { side: "expense" }),
      ]),
      columns(["收入", "项目"], ["收入", "预算数"], ["支出", "项目"], ["支出", "预算数"]),
      [],
      true,
      { kind: "部门收支总表", fiscalYear: 2026, basis: "预算" },
    );
    expect(t.rows.map((r) => [r.amounts[0]!.meaning?.side, r.amounts[0]!.meaning?.fund, r.amounts[0]!.meaning?.use])).toEqual([
      ["income", "一般公共预算", null],
      ["expense", "total", "基本支出"],
    ]);
  });

  it("where the document's year is unknown, the latest year its header prints is the current one", () => {
    const t = withMeanings(
      table("一般公共预算三公经费表", ["2025年预算数/合计", "2026年预算数/合计"], [item("合计", { "2025年预算数/合计": "14.30", "2026年预算数/合计": "14.30" }, { rowKind: "total" })]),
      columns(["单位名称"], ["2025年预算数", "合计"], ["2026年预算数", "合计"]),
      [],
      false,
      { kind: "一般公共预算三公经费表", fiscalYear: null, basis: "预算" },
    );
    expect(t.rows[0]!.amounts.map((a) => a.meaning?.period)).toEqual(["previous", "current"]);
  });

  it("a 决算's 基本支出 table printing 人员经费合计 and 公用经费合计 as rows under 决算数 (上海) gives them their use", () => {
    const t = withMeanings(
      table("一般公共预算基本支出表", ["决算数"], [item("人员经费合计", { 决算数: "2152.26" }, { rowKind: "total" }), item("公用经费合计", { 决算数: "184.65" }, { rowKind: "total" })]),
      columns(["科目名称"], ["决算数"]),
      [],
      false,
      { kind: "一般公共预算基本支出表", fiscalYear: 2024, basis: "决算" },
    );
    expect(t.rows.map((r) => [r.amounts[0]!.meaning?.use, r.amounts[0]!.meaning?.basis, r.amounts[0]!.meaning?.aggregate])).toEqual([
      ["人员经费", "决算", true],
      ["公用经费", "决算", true],
    ]);
  });

  it("三公 items listed as rows (广州) beat the table's 合计 column; 行政经费 is 机关运行经费", () => {
    const t = withMeanings(
      table("一般公共预算三公经费表", ["合计", "一般公共预算"], [
        item("行政经费", { 合计: "839.21", 一般公共预算: "839.21" }),
        item("其中：（一）因公出国（境）支出", { 合计: "5.00", 一般公共预算: "5.00" }),
      ]),
      columns(["项目"], ["合计"], ["一般公共预算"]),
      [],
      false,
      { kind: "一般公共预算三公经费表", fiscalYear: 2026, basis: "预算" },
    );
    expect(t.rows.map((r) => r.amounts.map((a) => [a.meaning?.item, a.meaning?.fund]))).toEqual([
      [["机关运行经费", "total"], ["机关运行经费", "一般公共预算"]],
      [["因公出国（境）", "total"], ["因公出国（境）", "一般公共预算"]],
    ]);
  });

  it("其中：基本支出 printed first before 项目支出 heads the parts of 小计 (广州), it is no of-which", () => {
    const t = withMeanings(
      table("一般公共预算支出表", ["小计", "其中：基本支出", "项目支出"], [item("合计", { 小计: "10", "其中：基本支出": "6", 项目支出: "4" }, { rowKind: "total" })]),
      columns(["科目名称"], ["小计"], ["其中：基本支出"], ["项目支出"]),
      [],
      false,
      { kind: "一般公共预算支出表", fiscalYear: 2026, basis: "预算" },
    );
    expect(t.rows[0]!.amounts.map((a) => [a.meaning?.use, a.meaning?.ofWhich])).toEqual([["total", false], ["基本支出", false], ["项目支出", false]]);
    expect(columnRoles(t).get("小计")).toEqual({ aggregate: true, ofWhich: false });
  });

  it("其中： printed over 基本支出 | 项目支出 (福州) heads the parts too; 其中 on one column beside its siblings (长沙) is a part", () => {
    const fuzhou = withMeanings(
      table("一般公共预算支出表", ["小计", "基本支出", "项目支出"], [item("合计", { 小计: "10", 基本支出: "6", 项目支出: "4" }, { rowKind: "total" })]),
      columns(["科目名称"], ["小计"], ["其中：", "基本支出"], ["其中：", "项目支出"]),
      [],
      false,
      { kind: "一般公共预算支出表", fiscalYear: 2026, basis: "预算" },
    );
    expect(fuzhou.rows[0]!.amounts.map((a) => a.meaning?.ofWhich)).toEqual([false, false, false]);
    const changsha = withMeanings(
      table("一般公共预算三公经费表", ["小计", "公务用车购置及运行费", "其中：公务用车购置"], [item("合计", { 小计: "9", 公务用车购置及运行费: "4", "其中：公务用车购置": "1" }, { rowKind: "total" })]),
      columns(["单位名称"], ["小计"], ["公务用车购置及运行费"], ["其中：公务用车购置"]),
      [],
      false,
      { kind: "一般公共预算三公经费表", fiscalYear: 2026, basis: "预算" },
    );
    expect(changsha.rows[0]!.amounts.map((a) => a.meaning?.ofWhich)).toEqual([false, false, true]);
  });
});

describe("wordMeaning", () => {
  it.each([
    ["三公", { fund: null, use: null, item: "三公" }],
    ["“三公”经费", { fund: null, use: null, item: "三公" }],
    ["机关运行经费", { fund: null, use: null, item: "机关运行经费" }],
    ["政府采购", { fund: null, use: null, item: "政府采购" }],
    ["人员经费", { fund: null, use: "人员经费", item: null }],
    ["人员支出", { fund: null, use: "人员经费", item: null }],
    ["公用经费", { fund: null, use: "公用经费", item: null }],
    ["公务接待费", { fund: null, use: null, item: "公务接待" }],
    ["一般公共预算", { fund: "一般公共预算", use: null, item: null }],
  ])("reads %s as the canonical vocabulary", (word, meaning) => {
    expect(wordMeaning(word)).toEqual(meaning);
  });

  it("names nothing for a word outside it", () => {
    expect(wordMeaning("住房公积金")).toBe(null);
    expect(wordMeaning("服务")).toBe(null);
  });
});

describe("headlineOf", () => {
  it("gives the document_summary column of a whole, none for a part without one", () => {
    expect(headlineOf({ use: null, item: "三公" })).toBe("sangong_total");
    expect(headlineOf({ use: "人员经费", item: null })).toBe("personnel_total");
    expect(headlineOf({ use: null, item: "会议费" })).toBe(null);
  });
});
