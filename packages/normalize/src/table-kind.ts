import type { TableKind } from "@yusuan/schema";

/**
 * Ordered: the first rule whose words all occur in the title, and none of its exclusions, wins (more
 * specific rules first). Titles differ by province: 部门收支总表 is also 收支总体情况表, 财务收支预算总表,
 * 综合预算收支总表 or, in a 决算, 收入支出决算总表.
 */
const RULES: ReadonlyArray<readonly [TableKind, readonly RegExp[], RegExp?]> = [
  ["整体绩效目标表", [/整体/, /绩效/]],
  ["项目绩效目标表", [/绩效/]],
  ["政府采购表", [/采购/]],
  ["政府性基金三公经费表", [/政府性基金/, /三公/]],
  ["一般公共预算三公经费表", [/三公/]],
  ["机关运行经费表", [/机关运行经费/]],
  ["政府性基金支出表", [/政府性基金/]],
  ["国有资本经营支出表", [/国有资本经营/]],
  ["财政拨款收支总表", [/财政拨款(收支|收入支出)/]],
  ["财政拨款上年结转支出表", [/财政拨款/, /上年结转/]],
  ["一般公共预算基本支出功能分类表", [/一般公共预算/, /基本支出/, /功能分类/]],
  // 表3-1 is coded by 经济分类; a 基本支出 table by 功能分类 (按支出功能分类科目) is another table
  ["一般公共预算基本支出表", [/一般公共预算/, /基本支出/], /功能分类/],
  ["财政拨款支出经济分类表", [/财政拨款/, /经济分类/], /基本支出/],
  ["一般公共预算项目支出表", [/一般公共预算/, /项目支出/]],
  ["一般公共预算支出经济分类表", [/一般公共预算/, /支出/, /经济分类/], /基本支出/],
  // 机关运行经费 and 按经济分类 spending tables share the words of 表3 but not its rows
  ["一般公共预算支出表", [/一般公共预算/, /支出/], /机关运行经费|经济分类|上年结转|基本支出/],
  ["部门收支总表", [/收支.*总表|收支(预算|决算)?(总体)?情况表|收支预算总|收入支出.*总表/], /财政拨款|一般公共预算/],
  // all 收入/支出, not that of one kind of money (专项业务经费支出表, 上年结转资金支出表)
  ["部门收入总表", [/(?<!经费|资金|项目|专项|基本)收入(预算|决算)?(总|总体)?(情况)?表/], /财政拨款|一般公共预算/],
  ["部门支出总表", [/(?<!经费|资金|项目|专项|基本)支出(预算|决算)?(总|总体)?(情况)?表/], /财政拨款|一般公共预算|项目|基本支出|经济分类|功能分类/],
  ["财政拨款基本支出表", [/财政拨款/, /基本支出/]],
  ["财政拨款支出表", [/财政拨款/, /支出/]],
  // every fund's 基本支出 or 项目支出 (部门预算基本支出预算表, 项目支出预算情况表, 专项业务经费支出表)
  ["部门基本支出表", [/基本支出/, /表/], /一般公共预算|政府性基金|国有资本/],
  ["部门项目支出表", [/项目支出|专项业务经费/, /表/], /一般公共预算|政府性基金|国有资本/],
];

/** Header words that name a table whatever its title (a title the extraction missed, 公开表九 printed alone). */
const HEADER_RULES: ReadonlyArray<readonly [TableKind, RegExp]> = [
  ["一般公共预算三公经费表", /三公|因公出国/],
  ["机关运行经费表", /机关运行经费/],
  ["政府采购表", /采购/],
];

/**
 * What a table is, from its printed title (else, for a title naming no table, from its header: 收入 beside
 * 支出, or the words of 三公, 机关运行经费 and 采购 tables): the same kind whatever the province calls it.
 * @example tableKind("2025年部门支出预算总表") // "部门支出总表"
 */
export function tableKind(title: string, header: readonly (readonly string[])[] = []): TableKind {
  const t = title.replace(/\s+/g, "").replace(/[“”"]/g, "");
  for (const [kind, words, unless] of RULES) if (words.every((w) => w.test(t)) && !unless?.test(t)) return kind;
  // only a title naming no table at all (公开表一 and a department's name) leaves the header to tell
  if (/表|目录/.test(t.replace(/^(公开|附)?表[一二三四五六七八九十\d]+/, ""))) return "其他";
  const parts = header.flat().map((p) => p.replace(/\s+/g, ""));
  const tops = new Set(header.map((path) => /^(收入|支出)/.exec(path[0]?.replace(/\s+/g, "") ?? "")?.[1]));
  if (tops.has("收入") && tops.has("支出")) return "部门收支总表";
  // 合计 | 基本支出 | 项目支出 with no 科目 column: the department's spending by use, 表1-2 without its rows
  const leaves = new Set(header.map((path) => path.at(-1)?.replace(/\s+/g, "")));
  if (leaves.has("基本支出") && leaves.has("项目支出") && !parts.some((p) => /科目|编码|名称|项目$/.test(p))) return "部门支出总表";
  return HEADER_RULES.find(([, words]) => parts.some((p) => words.test(p)))?.[0] ?? "其他";
}

/** Tables whose rows are coded by 部门预算支出经济分类 (301 …) rather than by function. */
export function isEconomicTable(kind: TableKind, title: string): boolean {
  return kind === "财政拨款支出经济分类表" || kind === "一般公共预算基本支出表" || /经济分类|经济科目/.test(title);
}

/** 表1 and 表2 print 收入 on the left and 支出 on the right. */
export function isTwoSided(kind: TableKind): boolean {
  return kind === "部门收支总表" || kind === "财政拨款收支总表";
}
