import type { Amount, Basis, BudgetDocument, BudgetTable, HeadlineFigure, HeadlineName, Item, LineItem, Meaning, ProseSection, TableKind, Use } from "@yusuan/schema";
import { labelKey } from "./labels.js";
import { toWan } from "@yusuan/schema";
import { rowMeaning } from "./canonical-measure.js";

/**
 * A document's headline figures (document_summary), chosen by the canonical meaning of each amount,
 * never by a template's header words: the same rules read 人员经费, 人员支出 and 人员类.
 */

interface Found {
  table: BudgetTable;
  row: LineItem;
  amount: Amount & { meaning: Meaning };
}

type Want = (m: Meaning) => boolean;

const isWhole = (v: string | null) => v === null || v === "total";

/** The amounts of tables of these kinds, in printed order, whose meaning is wanted. */
function amountsOf(tables: readonly BudgetTable[], kinds: readonly TableKind[], want: Want, rowWanted: (r: LineItem, i: number) => boolean): Found[] {
  return tables
    .filter((t) => kinds.includes(t.kind))
    .flatMap((table) =>
      table.rows.filter((r, i) => rowWanted(r, i)).flatMap((row) =>
        row.amounts.flatMap((amount) => (amount.meaning && want(amount.meaning) ? [{ table, row, amount: { ...amount, meaning: amount.meaning } }] : [])),
      ),
    );
}

/** Total rows first (合计 printed at the top or the bottom), then the first row, which a one-row table prints as its whole. */
function preferTotals(found: readonly Found[]): Found | null {
  return found.find((f) => f.row.rowKind === "total") ?? found.find((f) => unlabelled(f.row)) ?? found[0] ?? null;
}

/**
 * The rows printing a table's whole: its total rows, else a first row without label or code (a 合计
 * whose label cell was merged away, printed above the coded rows).
 */
const totalRow = (r: LineItem, i: number) => r.rowKind === "total" || (i === 0 && unlabelled(r));
const unlabelled = (r: LineItem) => r.label === "" && r.funcCode === null && r.econCode === null && r.amounts.length > 0;

function figure(name: HeadlineName, f: Found | null): HeadlineFigure | null {
  if (!f) return null;
  const { table, amount } = f;
  return {
    name,
    wan: toWan(amount.value, table.amountUnit),
    printed: amount.printed ?? amount.value,
    unit: table.amountUnit,
    source: "table",
    tableNo: table.tableNo,
    title: table.title,
    page: amount.page,
  };
}

/** 表1's grand total of one side: 总计 where printed (收入总计, 总计), else its 合计 (收入合计, not 本年收入合计). */
function summaryTotal(doc: BudgetDocument, side: "income" | "expense", current: Want): Found | null {
  const found = amountsOf(doc.tables, ["部门收支总表"], (m) => current(m) && isWhole(m.fund) && isWhole(m.use), (r) => r.side === side && (r.rowKind === "total" || unlabelled(r)));
  const first = doc.tables.find((t) => t.kind === "部门收支总表");
  const inFirst = found.filter((f) => f.table === first);
  const key = (f: Found) => labelKey(f.row.label);
  // a side's totals whose labels the extraction lost are the last unlabelled rows under its items
  return inFirst.find((f) => /总计$/.test(key(f))) ?? inFirst.find((f) => /^(收入|支出)?合计$/.test(key(f))) ?? inFirst.filter((f) => key(f) === "").at(-1) ?? null;
}

/** The items of a 三公 table: by column (合计 row or the department's) or by row (广州). */
function sangong(doc: BudgetDocument, item: Item, current: Want): Found | null {
  const found = amountsOf(doc.tables, ["一般公共预算三公经费表"], (m) => current(m) && m.item === item && (isWhole(m.fund) || m.fund === "一般公共预算" || m.fund === "财政拨款"), () => true);
  // where the table prints 合计 and 一般公共预算 columns, the 合计 is the figure
  return preferTotals(found.filter((f) => isWhole(f.amount.meaning.fund)).length > 0 ? found.filter((f) => isWhole(f.amount.meaning.fund)) : found);
}

/** The first of several readings that finds the figure. */
const firstOf = (...readings: (() => Found | null)[]): Found | null => {
  for (const read of readings) {
    const found = read();
    if (found) return found;
  }
  return null;
};

const gpbFund = (m: Meaning) => m.fund === "一般公共预算" || isWhole(m.fund);

/** The headline figure (document_summary column) that is the whole of each use or item, where there is one. */
const HEADLINE_OF: Readonly<Partial<Record<Use | Item, HeadlineName>>> = Object.freeze({
  基本支出: "basic_total",
  人员经费: "personnel_total",
  公用经费: "public_total",
  项目支出: "project_total",
  三公: "sangong_total",
  "因公出国（境）": "sangong_abroad",
  公务接待: "sangong_reception",
  公务用车购置及运行: "sangong_vehicle",
  政府采购: "procurement_total",
  机关运行经费: "org_running",
});

/**
 * The document_summary column holding a document's whole of an item or use, or null where none does.
 * @example headlineOf({ item: "三公", use: null }) // "sangong_total"
 */
export function headlineOf(meaning: { readonly use: Use | null; readonly item: Item | null }): HeadlineName | null {
  return (meaning.item && HEADLINE_OF[meaning.item]) || (meaning.use && HEADLINE_OF[meaning.use]) || null;
}

/**
 * The headline figures a document's tables print, in 万元, each traceable to its cell; then those only its
 * prose states (政府采购, 机关运行经费, and 三公 items whose cell is blank), traceable to their page.
 * For a 决算 the actual amounts (决算数), for a 预算 the year's budget: never a previous-year or change column.
 * `structured`: tables whose rows the document keeps apart (政府采购 items), read with their rows for their 合计.
 * @example headlineFigures(doc).find((f) => f.name === "personnel_total") // { wan: "2906.80", page: 20, source: "table", … }
 */
export function headlineFigures(doc: BudgetDocument, structured: readonly BudgetTable[] = []): HeadlineFigure[] {
  const basis: Basis = /决算/.test(doc.docKind ?? "") ? "决算" : "预算";
  const current: Want = (m) => m.period === "current" && m.basis === basis && !m.ofWhich;
  const gpbTotalRow = (want: Want) => preferTotals(amountsOf(doc.tables, ["一般公共预算支出表"], (m) => current(m) && gpbFund(m) && want(m), totalRow));
  // a 基本支出 table may print 人员经费 and 公用经费 as uncoded rows of their own above their 301/302 rows
  const namesUse = (r: LineItem) => r.funcCode === null && r.econCode === null && rowMeaning(r, "一般公共预算基本支出表", doc.fiscalYear).use !== undefined;
  const basicTable = (want: Want) => preferTotals(amountsOf(doc.tables, ["一般公共预算基本支出表"], (m) => current(m) && want(m), (r, i) => totalRow(r, i) || namesUse(r)));
  const byUse = (use: Meaning["use"]) => (m: Meaning) => m.use === use;
  const found: [HeadlineName, Found | null][] = [
    ["income_total", summaryTotal(doc, "income", current)],
    ["expense_total", summaryTotal(doc, "expense", current)],
    ["gpb_expense_total", gpbTotalRow((m) => isWhole(m.use))],
    ["basic_total", firstOf(() => basicTable(byUse("基本支出")), () => gpbTotalRow(byUse("基本支出")))],
    ["personnel_total", firstOf(() => basicTable(byUse("人员经费")), () => gpbTotalRow(byUse("人员经费")))],
    ["public_total", firstOf(() => basicTable(byUse("公用经费")), () => gpbTotalRow(byUse("公用经费")))],
    [
      "project_total",
      firstOf(
        () => gpbTotalRow(byUse("项目支出")),
        () => preferTotals(amountsOf(doc.tables, ["一般公共预算项目支出表"], (m) => current(m) && gpbFund(m) && m.use === "项目支出", totalRow)),
        // all 财政拨款 of a department without 政府性基金 is 一般公共预算: 表2 prints its 项目支出 as a row
        () => preferTotals(amountsOf(doc.tables, ["财政拨款收支总表"], (m) => current(m) && m.use === "项目支出" && (m.fund === "一般公共预算" || m.fund === "财政拨款"), (r) => r.side === "expense")),
      ),
    ],
    ["sangong_total", sangong(doc, "三公", current)],
    ["sangong_abroad", sangong(doc, "因公出国（境）", current)],
    ["sangong_reception", sangong(doc, "公务接待", current)],
    ["sangong_vehicle", sangong(doc, "公务用车购置及运行", current)],
    ["procurement_total", preferTotals(amountsOf(structured, ["政府采购表"], (m) => current(m) && isWhole(m.fund) && (m.item === "政府采购" || m.item === null), totalRow))],
    [
      "org_running",
      firstOf(
        () => preferTotals(amountsOf(doc.tables, ["机关运行经费表"], (m) => current(m) && m.item === "机关运行经费", (r) => r.rowKind === "total" || r.econCode?.length === 3)),
        () => sangong(doc, "机关运行经费", current),
      ),
    ],
  ];
  const figures = found.flatMap(([name, f]) => {
    const fig = figure(name, f);
    return fig ? [fig] : [];
  });
  const have = new Set(figures.map((f) => f.name));
  const tablesPrint = new Set(doc.tables.map((t) => t.kind));
  return [...figures, ...proseFigures(doc.prose, basis).filter((f) => !have.has(f.name) && (PROSE_ALWAYS.has(f.name) || tablesPrint.has("一般公共预算三公经费表")))];
}

/** Figures the prose may give where no table prints them; 三公 items only where the 三公 table leaves their cell blank. */
const PROSE_ALWAYS: ReadonlySet<HeadlineName> = new Set(["procurement_total", "org_running"]);

const NUMBER = String.raw`(\d[\d,]*(?:\.\d+)?)\s*(万元|元)`;
/** Words between a subject and its amount that keep them one statement (为, 共, 预算, 支出决算为 …). */
const GAP = String.raw`[^，。；;,\d]{0,16}?`;

const PROSE: ReadonlyArray<readonly [HeadlineName, RegExp]> = [
  // a 决算 states the year's 预算 first, then 支出决算为 …, in the same sentence
  ["sangong_total", new RegExp(String.raw`三公”?经费(?:[^。；]*?决算为?|` + GAP + ")" + NUMBER)],
  ["procurement_total", new RegExp(String.raw`(?<!预留|中小企业|小微企业)政府采购(?!货物|工程|服务|项目)(?:（[^）]*）)?` + GAP + NUMBER)],
  ["org_running", new RegExp(String.raw`机关运行经费(?!的|是指|指)` + GAP + NUMBER)],
  ["sangong_abroad", new RegExp(String.raw`因公出国（境）费用?` + GAP + NUMBER)],
  ["sangong_reception", new RegExp(String.raw`公务接待费` + GAP + NUMBER)],
  ["sangong_vehicle", new RegExp(String.raw`公务用车购置及运行(?:维护)?费` + GAP + NUMBER)],
];

/** 决算 prose also states the year's 预算 for each item: a 决算 figure is the one said to be 决算. */
function proseFigures(prose: readonly ProseSection[], basis: Basis): HeadlineFigure[] {
  const out: HeadlineFigure[] = [];
  for (const section of prose) {
    const text = section.text.replace(/\s+/g, "").replace(/\(/g, "（").replace(/\)/g, "）");
    for (const [name, re] of PROSE) {
      if (out.some((f) => f.name === name)) continue;
      const m = new RegExp(re.source, "g");
      for (const hit of text.matchAll(m)) {
        const statement = hit[0];
        if (basis === "决算" && name !== "procurement_total" && name !== "org_running" && !/决算/.test(statement)) continue;
        if (/比上年|增加|减少|下降|增长/.test(statement)) continue;
        const value = hit[1]!.replace(/,/g, "");
        const unit = hit[2] === "元" ? "元" : "万元";
        out.push({ name, wan: toWan(value, unit), printed: hit[1]!, unit, source: "prose", tableNo: null, title: section.heading, page: section.page });
        break;
      }
    }
  }
  return out;
}
