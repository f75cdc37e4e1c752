import { describe, expect, it } from "vitest";
import type { BudgetDocument, BudgetTable, Column, DocKind, LineItem, ProseSection, TableKind } from "@yusuan/schema";
import { withMeanings } from "./canonical-measure.js";
import { describeColumns } from "./columns.js";
import { lineItem } from "./line-item.fixture.js";
import { headlineFigures } from "./headline-figures.js";

/** Small documents of a few rows, printed the way real templates print them; a row's values follow its table's amount columns. */
const row = (label: string, values: readonly (string | null)[], over: Partial<LineItem> = {}) => ({ ...lineItem(label, [], over), values });

function table(kind: TableKind, paths: string[][], rows: ReturnType<typeof row>[], docKind: DocKind = "部门预算", amountUnit: "元" | "万元" = "万元"): BudgetTable {
  const columns: Column[] = paths.map((path, i) => ({ path, x0: i * 50, x1: i * 50 + 50 }));
  const twoSided = kind === "部门收支总表";
  const infos = describeColumns(columns, [], twoSided).filter((c) => c.role.role === "amount");
  const measureOf = (i: number, side: LineItem["side"]) => {
    const info = infos.filter((c) => !twoSided || c.side === side)[i];
    return info?.role.role === "amount" ? info.role.measure : "";
  };
  const lines: LineItem[] = rows.map(({ values, ...r }) => ({
    ...r,
    amounts: values.flatMap((value, i) => (value === null ? [] : [{ measure: measureOf(i, r.side), value, printed: value, page: 3, bbox: [0, 0, 1, 1] as [number, number, number, number] }])),
  }));
  const measures = [...new Set(infos.map((c) => (c.role.role === "amount" ? c.role.measure : "")))];
  const bare: BudgetTable = { tableNo: "1", title: kind, kind, amountUnit, pages: [3], empty: false, measures, rows: lines, notes: [] };
  return withMeanings(bare, columns, [], twoSided, { kind, fiscalYear: 2026, basis: /决算/.test(docKind) ? "决算" : "预算" });
}

const document = (tables: BudgetTable[], docKind: DocKind = "部门预算", prose: ProseSection[] = []): BudgetDocument => ({
  fileName: "x.pdf",
  sha256: "x",
  fiscalYear: 2026,
  region: null,
  department: "某局",
  docKind,
  pageCount: 9,
  edition: 2026,
  pages: [],
  units: [],
  tables,
  performanceTargets: [],
  procurement: [],
  prose,
  claims: [],
  findings: [],
});
const figures = (doc: BudgetDocument) => Object.fromEntries(headlineFigures(doc).map((f) => [f.name, f.wan]));

describe("headlineFigures: the same figures from every template", () => {
  it("both sides of 表1 give income and expense totals, 总计 before 合计", () => {
    const t = table("部门收支总表", [["收入", "项目"], ["收入", "预算数"], ["支出", "项目"], ["支出", "预算数"]], [
      row("本年收入合计", ["90.00"], { side: "income", rowKind: "total" }),
      row("收入总计", ["100.00"], { side: "income", rowKind: "total" }),
      row("支出总计", ["100.00"], { side: "expense", rowKind: "total" }),
    ]);
    expect(figures(document([t]))).toMatchObject({ income_total: "100.00", expense_total: "100.00" });
  });

  it("人员经费 by any name of the 合计 row, 元 converted exactly, the page kept", () => {
    const t = table("一般公共预算基本支出表", [["科目名称"], ["合计"], ["人员支出"], ["日常公用支出"]], [
      row("合计", ["19328114.71", "18119247.51", "1208867.20"], { rowKind: "total" }),
    ], "部门预算", "元");
    expect(figures(document([t]))).toEqual({ basic_total: "1932.811471", personnel_total: "1811.924751", public_total: "120.88672" });
    expect(headlineFigures(document([t]))[0]).toMatchObject({ page: 3, source: "table", unit: "元", printed: "19328114.71" });
  });

  it("a 基本支出 table printing 人员经费 and 公用经费 as rows of their own gives them too", () => {
    const t = table("一般公共预算基本支出表", [["科目编码"], ["科目名称"], ["合计"]], [
      row("合计", ["100.00"], { rowKind: "total" }),
      row("人员经费", ["80.00"], { rowKind: "class" }),
      row("工资福利支出", ["70.00"], { rowKind: "class", econCode: "301" }),
      row("公用经费", ["20.00"], { rowKind: "class" }),
    ]);
    expect(figures(document([t]))).toEqual({ basic_total: "100.00", personnel_total: "80.00", public_total: "20.00" });
  });

  it("a 三公 table with previous-year, change, 会议费 and 培训费 columns gives the current year's 三公 only", () => {
    const t = table("一般公共预算三公经费表", [
      ["单位名称"], ["上年", "合计"], ["上年", "“三公”经费", "小计"], ["当年", "合计"], ["当年", "“三公”经费", "小计"], ["当年", "公务接待费"],
      ["当年", "公务用车购置及运行维护费", "小计"], ["当年", "会议费"], ["当年", "培训费"], ["增减变化情况", "“三公”经费", "小计"],
    ], [
      row("合计", ["9", "8", "32.08", "10.10", "1.00", "9.10", "2", "19.98", "2.1"], { rowKind: "total" }),
    ]);
    expect(figures(document([t]))).toMatchObject({ sangong_total: "10.10", sangong_reception: "1.00", sangong_vehicle: "9.10" });
  });

  it("a 决算 reads its 决算数 columns, and a blank 决算数 cell is left to the prose's 决算 sentence", () => {
    const t = table("一般公共预算三公经费表", [["合计", "预算数"], ["合计", "决算数"], ["公务接待费", "预算数"], ["公务接待费", "决算数"]], [
      row("", ["0.95", null, "0.95", null]),
    ], "部门决算");
    const prose = [{ heading: "七", page: 23, text: "“三公”经费财政拨款支出年初预算为0.95万元，支出决算为0.00万元，完成预算的0%，其中：公务接待费支出决算为0.00万元。" }];
    const found = headlineFigures(document([t], "部门决算", prose));
    expect(found.map((f) => [f.name, f.wan, f.source, f.page])).toEqual([
      ["sangong_total", "0.00", "prose", 23],
      ["sangong_reception", "0.00", "prose", 23],
    ]);
  });

  it("政府采购 and 机关运行经费 come from the prose where no table prints them; nothing is reported that is not printed", () => {
    const prose = [{ heading: "其他", page: 22, text: "2026年本部门政府采购预算1486.42万元，其中：政府采购货物预算3.66万元。机关运行经费预算为217.83万元。" }];
    expect(figures(document([], "部门预算", prose))).toEqual({ procurement_total: "1486.42", org_running: "217.83" });
    expect(figures(document([]))).toEqual({});
  });
});
