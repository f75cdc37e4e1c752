import type { Basis, BudgetTable, Column, ExtractedRow, Fund, Item, LineItem, Meaning, Period, Side, TableKind, Use } from "@yusuan/schema";
import { describeColumns, EXECUTION_RATIO, type ColumnInfo } from "./columns.js";
import { isTotalLabel, labelKey } from "./labels.js";

/**
 * The one home of "what a column's money is": header words → period, basis, fund, use, item and
 * of-which, the same in every template. Rules walk a header path from its leaf up, skipping the
 * words that only say "total" (合计, 小计, 预算数 …), so 基本支出/小计 is 基本支出 and 当年/合计 is current.
 */

/** Header words that say "all of it" and nothing about which money. */
const WHOLE = /^(合计|小计|总计|金额|预算|预算数|决算|决算数|本年预算|当年预算|预算金额|项目金额|年初预算数?|调整预算数?|全年预算数?|决算金额|.*合计|.*总计|.*小计)$/;
/** Of these, the ones that print the sum of other columns or rows. */
const AGGREGATE = /(合计|小计|总计)$/;
/**
 * A part printed beside its whole: 其中…, or a subset such as 扣除基建项目后预算数. Not 事业收入（不含教育收费）:
 * that names a sibling printed without what another column holds.
 */
export const OF_WHICH = /^其中|^扣除|^剔除/;

const FUNDS: ReadonlyArray<readonly [Fund, RegExp]> = [
  ["上年结转结余", /上年结转|年初结转|上年结余|结转结余$|使用非财政拨款结余|上年实户资金余额/],
  ["用事业基金弥补收支差额", /用事业基金弥补/],
  ["一般公共预算", /一般公共预算|公共财政/],
  ["政府性基金", /政府性基金/],
  ["国有资本经营", /国有资本经营/],
  ["财政专户管理资金", /财政专户|专户管理|其他专户/],
  ["事业单位经营收入", /经营(服务)?收入/],
  ["事业收入", /事业收入|教育收费/],
  ["上级补助收入", /上级补助收入/],
  ["附属单位上缴收入", /附属单位上缴收入/],
  ["其他收入", /其他收入|其它收入|单位资金|其他资金/],
  ["财政拨款", /财政拨款|经费拨款/],
];

const USES: ReadonlyArray<readonly [Use, RegExp]> = [
  ["人员经费", /人员经费|人员支出|人员类/],
  ["公用经费", /公用经费|公用支出|日常公用|公用类/],
  ["基本支出", /基本支出/],
  ["项目支出", /项目支出|专项业务经费|项目经费/],
  ["事业单位经营支出", /经营支出/],
  ["上缴上级支出", /上缴上级/],
  ["对附属单位补助支出", /对附属单位补助/],
];

/** Vehicle parts name only 购置 or 运行 under a 公务用车 header, so the path as a whole is read for them. */
const ITEMS: ReadonlyArray<readonly [Item, RegExp]> = [
  ["因公出国（境）", /因公出国/],
  ["公务接待", /公务接待/],
  ["公务用车购置及运行", /购置及运行|购置和运行/],
  ["公务用车购置", /购置/],
  ["公务用车运行", /(?<!机关)运行/],
  ["会议费", /会议费/],
  ["培训费", /培训费/],
  ["机关运行经费", /机关运行经费|行政经费/],
  ["三公", /三公/],
  ["采购货物", /货物/],
  ["采购工程", /工程/],
  ["采购服务", /服务/],
  ["政府采购", /政府采购/],
];

/** The kinds whose columns or rows list items rather than funds and uses. */
const ITEM_KINDS: ReadonlySet<TableKind> = new Set(["一般公共预算三公经费表", "政府性基金三公经费表", "机关运行经费表", "政府采购表"]);

/** The fund a kind of table is about when its header does not say (一般公共预算支出表 → 一般公共预算). */
function fundOfKind(kind: TableKind): Fund | null {
  if (/^一般公共预算|^机关运行经费/.test(kind)) return "一般公共预算";
  if (/^政府性基金/.test(kind)) return "政府性基金";
  if (/^国有资本经营/.test(kind)) return "国有资本经营";
  if (/^财政拨款/.test(kind)) return "财政拨款";
  return null;
}

/** The use a kind of table is all about: the whole of a 基本支出 table is 基本支出, whatever its header says. */
function useOfKind(kind: TableKind): Use | null {
  if (/基本支出/.test(kind)) return "基本支出";
  return /项目支出/.test(kind) ? "项目支出" : null;
}

/** The side a kind of one-sided table is on; two-sided ones take it from their header or row. */
function sideOfKind(kind: TableKind): Side | null {
  if (kind === "部门收入总表") return "income";
  return kind === "部门收支总表" || kind === "财政拨款收支总表" || kind === "其他" ? null : "expense";
}

/** The first rule matching a header part, read from the leaf up, skipping parts that only say "total". */
function firstFrom<T>(parts: readonly string[], rules: ReadonlyArray<readonly [T, RegExp]>): T | null {
  for (const part of [...parts].reverse()) {
    if (WHOLE.test(part)) continue;
    const found = rules.find(([, re]) => re.test(part));
    if (found) return found[0];
  }
  return null;
}

function periodOf(parts: readonly string[], fiscalYear: number | null): Period | null {
  for (const part of parts) {
    if (/增减|变化|变动|比上年|增长/.test(part)) return /[%％]|率|幅度/.test(part) ? "change_pct" : "change";
    if (/上年(?!结转|结余|实户)|上一年/.test(part)) return "previous";
    const year = /(\d{4})年/.exec(part);
    if (year && fiscalYear !== null) return Number(year[1]) === fiscalYear ? "current" : Number(year[1]) === fiscalYear - 1 ? "previous" : null;
    if (/^(当年|本年)(?!结转)/.test(part)) return "current";
  }
  return null;
}

/** 全年预算数 is the year's budget as adjusted: the 调整预算 of templates that print no 调整预算数. */
function basisOf(parts: readonly string[]): Basis | null {
  for (const part of [...parts].reverse()) {
    const p = part.replace(/一般公共预算|政府性基金预算|国有资本经营预算|部门预算/g, "");
    if (/决算/.test(p)) return "决算";
    if (/调整|全年/.test(p)) return "调整预算";
    if (/预算/.test(p)) return "预算";
  }
  return null;
}

/**
 * The budget a 完成率 is of (its basis): the one its header names (决算数为调整预算数的% → 调整预算), else
 * the adjusted budget where the table prints one beside the 年初 budget, else the budget.
 */
function ratioBasis(leaf: string, printsAdjusted: boolean): Basis {
  const of = leaf.replace(/^.*?决算数?(为|占)/, "");
  if (/调整|全年/.test(of)) return "调整预算";
  if (/预算/.test(of)) return "预算";
  return printsAdjusted ? "调整预算" : "预算";
}

/** What a money word or phrase names in the canonical vocabulary: a fund, a use and/or an item; null for none. */
export interface WordMeaning {
  readonly fund: Fund | null;
  readonly use: Use | null;
  readonly item: Item | null;
}

/**
 * What a word a person asks about means, read by the same rules as a column header: 三公 is the item 三公,
 * 人员支出 the use 人员经费, 政府采购 the item 政府采购; null where it names none of them.
 * @example wordMeaning("三公经费") // { fund: null, use: null, item: "三公" }
 */
export function wordMeaning(text: string): WordMeaning | null {
  const parts = [labelKey(text).replace(/[“”"]/g, "")];
  const item = firstFrom(parts, ITEMS);
  // 采购货物/工程/服务 only say 采购 with the word: 服务 alone is no 政府采购 item
  const meaning = { fund: firstFrom(parts, FUNDS), use: firstFrom(parts, USES), item: item && /^采购/.test(item) && !/采购/.test(parts[0]!) ? null : item };
  return meaning.fund || meaning.use || meaning.item ? meaning : null;
}

/** The document-wide facts a meaning depends on. */
export interface MeaningContext {
  kind: TableKind;
  fiscalYear: number | null;
  /** 决算 documents print actual amounts where a column does not say otherwise */
  basis: Basis;
  /** the table also prints 会议费 or 培训费 beside 三公, so its 合计 is no 三公 total */
  printsBeyondSangong: boolean;
  /** some column names a fund (一般公共预算 | 政府性基金 …), so a 合计 beside it is all funds */
  printsFunds: boolean;
  /** a 合计 or 总计 column naming no item prints the table's whole */
  printsGrandTotal: boolean;
  /** a 调整预算数 or 全年预算数 column beside the 年初 one: what a bare 完成率 is of */
  printsAdjusted: boolean;
}

/**
 * The meaning of an amount column from its header path (side prefix of two-sided tables removed).
 * @example columnMeaning(["当年", "一般公共预算拨款安排的“三公”经费预算", "小计"], ctx).item // "三公"
 */
export function columnMeaning(path: readonly string[], side: Side | null, ctx: MeaningContext): Meaning {
  const parts = path.map((p) => labelKey(p).replace(/[“”"]/g, ""));
  const leaf = parts.at(-1) ?? "";
  // a 完成率 is of the whole its column group names, like the 决算数 beside it
  const ratio = EXECUTION_RATIO.test(leaf);
  const whole = WHOLE.test(leaf) || ratio;
  const itemTable = ITEM_KINDS.has(ctx.kind) || parts.some((p) => /三公|机关运行经费/.test(p));
  let item = itemTable ? firstFrom(parts, ITEMS) : null;
  // 采购 words name goods, works and services only in a 政府采购 table
  if (item && /^采购/.test(item) && ctx.kind !== "政府采购表") item = null;
  if (item === null && whole && itemTable) {
    if (ctx.kind === "机关运行经费表") item = "机关运行经费";
    else if (ctx.kind === "政府采购表") item = "政府采购";
    // beside a 合计, a bare 小计 is the one 三公 item printed with parts: 公务用车购置及运行 (its header cell may sit askew)
    else if (/三公/.test(ctx.kind) && !ctx.printsBeyondSangong) item = leaf === "小计" && ctx.printsGrandTotal ? "公务用车购置及运行" : "三公";
  }
  const fund = firstFrom(parts, FUNDS);
  const use = itemTable || side === "income" ? null : firstFrom(parts, USES);
  return {
    side: side ?? sideOfKind(ctx.kind),
    period: ratio ? "execution_pct" : (periodOf(parts, ctx.fiscalYear) ?? "current"),
    basis: ratio ? ratioBasis(leaf, ctx.printsAdjusted) : (basisOf(parts) ?? ctx.basis),
    fund: fund ?? (whole && ctx.printsFunds ? "total" : (fundOfKind(ctx.kind) ?? (whole && !itemTable ? "total" : null))),
    use: use ?? (whole && !itemTable && side !== "income" && ctx.kind !== "部门收入总表" ? (useOfKind(ctx.kind) ?? "total") : null),
    item,
    // labelKey drops the 其中 that marks a part, so it is looked for in the path as printed
    ofWhich: path.some((p) => OF_WHICH.test(p.replace(/\s+/g, ""))),
    aggregate: !ratio && AGGREGATE.test(leaf),
  };
}

/** What a row's label adds to its columns' meaning: the 收入 source, 支出 use or item it names. */
export type RowMeaning = Partial<Pick<Meaning, "fund" | "use" | "item" | "period" | "basis">> & { aggregate: boolean };

/** A row that names only its basis (三公 决算 tables print 预算数 and 决算数 as rows): 年初预算数, 调整预算数, 2025年决算数 … */
const BASIS_ROW = /^(\d{4}年度?)?(年初|全年|调整后?)?(预算|决算)(数|金额)?$/;

/**
 * The dimensions a row label names, for tables whose rows (not columns) list funds, uses or items
 * (表1, 财政拨款收支总表, 三公 tables by row, 人员经费合计 / 公用经费合计 rows of a 决算).
 * @example rowMeaning({ label: "一般公共预算拨款收入", side: "income", funcCode: null, econCode: null }, "部门收支总表").fund // "一般公共预算"
 */
export function rowMeaning(row: Pick<LineItem, "label" | "side" | "funcCode" | "econCode">, kind: TableKind, fiscalYear: number | null): RowMeaning {
  const aggregate = isTotalLabel(row.label) || /小计$/.test(labelKey(row.label));
  if (row.funcCode !== null || row.econCode !== null) return { aggregate };
  const key = labelKey(row.label).replace(/[“”"]/g, "");
  const out: RowMeaning = { aggregate };
  const period = /^\d{4}年/.test(key) ? periodOf([key], fiscalYear) : null;
  if (period) out.period = period;
  const basis = BASIS_ROW.test(key) ? basisOf([key]) : null;
  if (basis) out.basis = basis;
  if (ITEM_KINDS.has(kind)) {
    const item = ITEMS.find(([, re]) => re.test(key))?.[0];
    if (item && !(/^采购/.test(item) && kind !== "政府采购表")) out.item = item;
    return out;
  }
  // 本年收入合计 and 收入总计 say "all", an income row such as 一般公共预算拨款收入 its source
  const stripped = key.replace(/(合计|总计|小计)$/, "");
  if (row.side !== "expense") {
    const fund = FUNDS.find(([, re]) => re.test(stripped))?.[0];
    if (fund) out.fund = fund;
  }
  if (row.side !== "income") {
    const use = USES.find(([, re]) => re.test(stripped))?.[0];
    if (use) out.use = use;
  }
  return out;
}

/**
 * A row's dimension replaces its column's where the column says only "all" (预算数 of 一般公共预算拨款收入,
 * 决算数 of a 基本支出 table's 人员经费合计 row).
 */
function merged(col: Meaning, row: RowMeaning, kind: TableKind): Meaning {
  const pick = <T>(c: T | null, r: T | undefined, whole: T | null = null): T | null => (r !== undefined && (c === null || c === "total" || c === whole) ? r : c);
  return {
    ...col,
    period: row.period ?? col.period,
    basis: row.basis ?? col.basis,
    fund: pick(col.fund, row.fund),
    use: pick(col.use, row.use, useOfKind(kind)),
    // a row naming its item (广州 lists 三公 items as rows) says more than a 合计 column
    item: row.item ?? col.item,
    aggregate: col.aggregate || row.aggregate,
  };
}

/**
 * 其中 heading the parts of a total rather than one part beside it: printed first before its siblings
 * (其中：基本支出 | 项目支出), or as a header over several columns (其中： over 基本支出 | 项目支出).
 */
function headsParts(info: ColumnInfo, all: readonly ColumnInfo[], pathOf: (c: ColumnInfo) => string[]): boolean {
  const path = pathOf(info);
  const marked = path.findIndex((p) => OF_WHICH.test(p.replace(/\s+/g, "")));
  const under = (c: ColumnInfo) => c.role.role === "amount" && path.slice(0, marked + 1).every((p, i) => pathOf(c)[i] === p);
  if (marked >= 0 && marked < path.length - 1 && all.filter(under).length > 1) return true;
  const parent = path.slice(0, -1).join("/");
  const siblings = all.filter((c) => c.role.role === "amount" && pathOf(c).slice(0, -1).join("/") === parent && !WHOLE.test(pathOf(c).at(-1) ?? ""));
  return siblings.length > 1 && siblings[0] === info && siblings.slice(1).every((c) => !OF_WHICH.test(pathOf(c).at(-1) ?? ""));
}

/**
 * Gives every amount of a table its meaning, from the header it was printed under (the extracted
 * columns), the label of its row and the table's kind.
 * @example withMeanings(table, extracted.columns, extracted.rows, false, { kind: table.kind, fiscalYear: 2026, basis: "预算" }).rows[0].amounts[0].meaning
 */
export function withMeanings(
  table: BudgetTable,
  columns: readonly Column[],
  body: readonly ExtractedRow[],
  twoSided: boolean,
  ctx: Omit<MeaningContext, "printsBeyondSangong" | "printsFunds" | "printsGrandTotal" | "printsAdjusted">,
): BudgetTable {
  const infos = describeColumns(columns, body, twoSided);
  const pathOf = (c: ColumnInfo) => (twoSided && c.side && c.path.length > 1 ? c.path.slice(1) : c.path);
  const printsBeyondSangong = infos.some((c) => c.path.some((p) => /会议费|培训费/.test(p)));
  const printsFunds = infos.some((c) => c.role.role === "amount" && firstFrom(pathOf(c), FUNDS) !== null);
  const printsGrandTotal = infos.some((c) => c.role.role === "amount" && /^(合计|总计)$/.test(labelKey(pathOf(c).at(-1) ?? "")) && firstFrom(pathOf(c), ITEMS) === null);
  // a document whose year is unknown: the latest year its header prints is the current one (2025年 | 2026年预算数)
  const years = infos.flatMap((c) => c.path.flatMap((p) => [...p.matchAll(/((?:19|20)\d{2})年/g)].map((m) => Number(m[1]))));
  const fiscalYear = ctx.fiscalYear ?? (years.length > 0 ? Math.max(...years) : null);
  const printsAdjusted = infos.some((c) => c.role.role === "amount" && !c.role.ratio && /调整|全年/.test(pathOf(c).at(-1) ?? ""));
  const full: MeaningContext = { ...ctx, fiscalYear, printsBeyondSangong, printsFunds, printsGrandTotal, printsAdjusted };
  const byMeasure = new Map<string, Meaning>();
  for (const info of infos) {
    if (info.role.role !== "amount") continue;
    const key = `${twoSided ? (info.side ?? "") : ""}|${info.role.measure}`;
    if (byMeasure.has(key)) continue;
    const meaning = columnMeaning(pathOf(info), twoSided ? info.side : null, full);
    if (meaning.ofWhich && headsParts(info, infos, pathOf)) meaning.ofWhich = false;
    byMeasure.set(key, meaning);
  }
  const fallback = columnMeaning([], null, full);
  const rows = table.rows.map((row) => {
    const own = rowMeaning(row, table.kind, fiscalYear);
    const amounts = row.amounts.map((a) => {
      const col = byMeasure.get(`${twoSided ? (row.side ?? "") : ""}|${a.measure}`) ?? byMeasure.get(`|${a.measure}`) ?? fallback;
      const meaning = merged({ ...col, side: row.side ?? col.side }, own, table.kind);
      return { ...a, meaning };
    });
    return { ...row, amounts };
  });
  return { ...table, rows };
}

/**
 * The role of each amount column for the checks: which columns total others and which are parts
 * printed beside their whole (of-which), read from the meanings stored on the table's amounts.
 * @example columnRoles(table).get("其中：公务用车购置") // { aggregate: false, ofWhich: true }
 */
export function columnRoles(table: BudgetTable): Map<string, { aggregate: boolean; ofWhich: boolean }> {
  const roles = new Map<string, { aggregate: boolean; ofWhich: boolean }>();
  for (const row of table.rows)
    for (const a of row.amounts) if (a.meaning && !roles.has(a.measure)) roles.set(a.measure, { aggregate: AGGREGATE.test(a.measure.split("/").at(-1) ?? ""), ofWhich: a.meaning.ofWhich });
  return roles;
}
