import { z } from "zod";
import { PageNumber } from "./geometry.js";

/**
 * The canonical dimensions of a printed amount: what the money is, the same in every template,
 * whatever the header printed (人员经费, 人员经费支出, 人员支出 and 人员类 are all use 人员经费).
 * The printed header path stays beside it as `measure`. README "Canonical dimensions" lists the
 * printed variants each value absorbs.
 */

/**
 * 本年 (current), 上年 (previous), 增减 (change) and 增减% (change_pct) columns of one table, and a 决算's
 * 完成率 / 决算数为预算数的% (execution_pct: the current 决算 as a percentage of the budget its basis names).
 * The two percentages are ratios, never money: a sum over `current` leaves them out.
 */
export const Period = z.enum(["current", "previous", "change", "change_pct", "execution_pct"]);
export type Period = z.infer<typeof Period>;

/** Which figure of the budget cycle: 年初预算, 调整预算 or 决算数 (a 决算 prints all three side by side). */
export const Basis = z.enum(["预算", "调整预算", "决算"]);
export type Basis = z.infer<typeof Basis>;

/** Where the money comes from (收入 by source, 支出 by 资金来源); "total" for all of it. */
export const Fund = z.enum([
  "total",
  "财政拨款", // 一般公共预算 + 政府性基金 + 国有资本经营, printed as one (上海 财政拨款收入)
  "一般公共预算",
  "政府性基金",
  "国有资本经营",
  "财政专户管理资金",
  "事业收入",
  "事业单位经营收入",
  "上级补助收入",
  "附属单位上缴收入",
  "其他收入",
  "上年结转结余",
  "用事业基金弥补收支差额",
]);
export type Fund = z.infer<typeof Fund>;

/** What the money is spent on, by 支出用途; "total" for all of it. */
export const Use = z.enum([
  "total",
  "基本支出",
  "人员经费",
  "公用经费",
  "项目支出",
  "事业单位经营支出",
  "上缴上级支出",
  "对附属单位补助支出",
]);
export type Use = z.infer<typeof Use>;

/** The items of the 三公, 会议费/培训费, 机关运行经费 and 政府采购 tables. */
export const Item = z.enum([
  "三公",
  "因公出国（境）",
  "公务接待",
  "公务用车购置及运行",
  "公务用车购置",
  "公务用车运行",
  "会议费",
  "培训费",
  "机关运行经费",
  "政府采购",
  "采购货物",
  "采购工程",
  "采购服务",
]);
export type Item = z.infer<typeof Item>;

export const Side = z.enum(["income", "expense"]);
export type Side = z.infer<typeof Side>;

/**
 * The meaning of one printed amount, from its column's header path, its row's label and its table's kind.
 * `ofWhich`: a part printed beside its whole (其中…, 扣除基建项目后…), never to be added to its siblings.
 * `aggregate`: the column or row prints a 合计/小计/总计 of others.
 * @example { side: "expense", period: "current", basis: "预算", fund: "一般公共预算", use: "人员经费", item: null, ofWhich: false, aggregate: false }
 */
export const Meaning = z.object({
  side: Side.nullable(),
  period: Period,
  basis: Basis,
  fund: Fund.nullable(),
  use: Use.nullable(),
  item: Item.nullable(),
  ofWhich: z.boolean(),
  aggregate: z.boolean(),
});
export type Meaning = z.infer<typeof Meaning>;

/** The headline figures of a document, one vocabulary for every template (document_summary's columns). */
export const HeadlineName = z.enum([
  "income_total",
  "expense_total",
  "gpb_expense_total",
  "basic_total",
  "personnel_total",
  "public_total",
  "project_total",
  "sangong_total",
  "sangong_abroad",
  "sangong_reception",
  "sangong_vehicle",
  "procurement_total",
  "org_running",
]);
export type HeadlineName = z.infer<typeof HeadlineName>;

/**
 * One headline figure as the document prints it, with where: a table cell or a sentence of the prose.
 * `wan` is exact: the printed decimal moved four places for 元 (no binary rounding).
 * @example { name: "personnel_total", wan: "2906.80", printed: "2,906.80", unit: "万元", source: "table", tableNo: "6", title: "…基本支出预算表", page: 20 }
 */
export const HeadlineFigure = z.object({
  name: HeadlineName,
  /** the figure in 万元, an exact decimal */
  wan: z.string().regex(/^-?\d+(\.\d+)?$/),
  printed: z.string(),
  unit: z.enum(["元", "万元"]),
  source: z.enum(["table", "prose"]),
  tableNo: z.string().nullable(),
  title: z.string().nullable(),
  page: PageNumber,
});
export type HeadlineFigure = z.infer<typeof HeadlineFigure>;
