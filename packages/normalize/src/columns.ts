import type { Column, ExtractedRow } from "@yusuan/schema";
import { parseAmount } from "./amount.js";

/** What a column holds, decided from its printed header path and, where that is ambiguous, its cells. */
export type ColumnRole =
  | { role: "label" }
  | { role: "unitCode" }
  | { role: "code"; part: "class" | "kuan" | "xiang" | "joined" }
  | { role: "amount"; measure: string; ratio?: true }
  | { role: "other" };

export interface ColumnInfo {
  index: number;
  side: "income" | "expense" | null;
  role: ColumnRole;
  /** the header path, white space removed */
  path: string[];
}

const norm = (s: string) => s.replace(/\s+/g, "").replace(/\(/g, "（").replace(/\)/g, "）");

const LABEL = /^(项目|科目|名称|功能科目|经济科目|收入项目|支出项目|项目（科目）|单位名称（科目）|单位名称（项目）|科目名称（单位名称）|部门预算支出经济科目|政府预算支出经济科目)$/;
/** 单位名称, 功能分类科目名称, 部门（单位）名称, 预算项目名称 …: every name column is a label. */
const NAME = /名称(（[^）]*）)?$/;
const UNIT_NAME = /^(预算)?(单位|部门)(（单位）)?名称$/;
const UNIT_CODE = /^(预算)?(单位|部门)(代码|编码|编号)$|^代码$/;
const CODE = /(编码|代码)$/;
/** Headers of columns that hold no money whatever their cells look like. */
const NOT_MONEY_LEAF =
  /^(序号|单位|备注|说明|项目类别|项目类型|项目简介|采购品目|采购目录|计量单位|度量单位|规格型号|资金性质|实施期限|时间)$|采购组织|采购品目|购买服务内容|人数|数量|比例|比重|百分比|[%％]|率$|权重|分值|标准|类型|期限|时间$|是否|理由|拟变动|[一二三]级指标|指标[值名内解]|目标/;
/**
 * A header level anywhere in the path that makes every column under it non-money (绩效 tables). Not
 * 指标 alone: 预算指标 is money.
 */
const NOT_MONEY_PATH = /绩效|[一二三]级指标|目标|表格为空|是否空表/;
/**
 * A 决算's execution ratio: 完成率, 执行率, 决算数为（调整）预算数的%, 决算占预算%. A number read like an
 * amount but a percentage: its meaning (period execution_pct) keeps it out of every sum of money.
 */
export const EXECUTION_RATIO = /完成率|执行率|决算数?为.*预算数?的?[%％]|决算数?占.*预算.*[%％]/;

/**
 * The side a header path prints: 收入 (本年收入, 财政拨款收入 …) or 支出, from its top level.
 * @example sideOf(["支出", "项目"]) // "expense"
 */
export function sideOf(path: readonly string[]): "income" | "expense" | null {
  const top = norm(path[0] ?? "");
  if (/^(本年|财政拨款)?收入/.test(top)) return "income";
  if (/^(本年|财政拨款)?支出/.test(top)) return "expense";
  return null;
}

/**
 * A table whose header starts with 收入 over some columns and 支出 over others, each with its own
 * label column, is two-sided whatever its title says.
 * @example printsBothSides([{ path: ["收入", "项目"], … }, { path: ["收入", "金额"], … }, { path: ["支出", "项目"], … }, { path: ["支出", "金额"], … }]) // true
 */
export function printsBothSides(columns: readonly Column[]): boolean {
  const labelled = (side: "income" | "expense") =>
    columns.some((c) => {
      const path = c.path.map(norm);
      return sideOf(path) === side && path.length > 1 && roleOf(path).role === "label";
    });
  return labelled("income") && labelled("expense");
}

function roleOf(path: readonly string[]): ColumnRole {
  const leaf = path[path.length - 1] ?? "";
  if (leaf === "类") return { role: "code", part: "class" };
  if (leaf === "款") return { role: "code", part: "kuan" };
  if (leaf === "项") return { role: "code", part: "xiang" };
  if (UNIT_CODE.test(leaf)) return { role: "unitCode" };
  // a header joining code and name ("功能科目编码功能科目名称") holds labels that carry their code
  if (NAME.test(leaf) || LABEL.test(leaf)) return { role: "label" };
  if (CODE.test(leaf) || leaf === "编码") return { role: "code", part: "joined" };
  if (EXECUTION_RATIO.test(leaf)) return { role: "amount", measure: leaf, ratio: true };
  if (leaf === "" || NOT_MONEY_LEAF.test(leaf) || path.some((p) => NOT_MONEY_PATH.test(p))) return { role: "other" };
  return { role: "amount", measure: leaf };
}

const MONEY_HEADER = /(金额|数|合计|小计|总计|预算|决算)$/;
const CODE_CELL = /^\d{3}(\d{2}){0,2}$/;

/**
 * A column headed like money whose cells say otherwise: all 功能/经济 codes (201, 20101, 2010101)
 * make a code column, mostly words a text column. Codes are told from whole-yuan amounts by their
 * hierarchy (one printed code is the prefix of another) or by the table's other amounts printing decimals.
 */
function roleFromCells(cells: readonly string[], decimalsElsewhere: boolean): "code" | "text" | null {
  if (cells.length === 0) return null;
  if (cells.length >= 2 && cells.every((c) => CODE_CELL.test(c))) {
    const nested = cells.some((a) => cells.some((b) => b.length > a.length && b.startsWith(a)));
    if (nested || decimalsElsewhere) return "code";
  }
  const words = cells.filter((c) => parseAmount(c).kind === "invalid").length;
  return (words > 0 && words === cells.length) || (words >= 2 && words * 2 > cells.length) ? "text" : null;
}

/**
 * Code columns printed side by side under one header (科目编码 over unlabelled 类 | 款 | 项): the
 * first holding 3-digit codes is the 类, the next ones holding 2-digit parts the 款 and the 项.
 */
function splitCodeParts(infos: readonly ColumnInfo[], cellsOf: (i: number) => string[]): void {
  const joined = infos.filter((c) => c.role.role === "code" && c.role.part === "joined");
  for (let i = 0; i + 1 < joined.length; i++) {
    const run = [joined[i]!, joined[i + 1]!, joined[i + 2]].filter((c): c is ColumnInfo => c !== undefined && c.index - joined[i]!.index < 3);
    const consecutive = run.every((c, k) => c.index === run[0]!.index + k);
    const sameHeader = run.every((c) => c.path.join("/") === run[0]!.path.join("/"));
    // the 类 | 款 | 项 header line itself may sit among the cells
    const [head, ...rest] = run.map((c) => cellsOf(c.index).filter((t) => !/^[类款项]$/.test(t)));
    if (!consecutive || !sameHeader || !head!.every((t) => /^\d{3}$/.test(t)) || !rest.every((cells) => cells.every((t) => /^\d{2}$/.test(t)))) continue;
    const parts = ["class", "kuan", "xiang"] as const;
    run.forEach((c, k) => (c.role = { role: "code", part: parts[k]! }));
    return;
  }
}

/**
 * Gives every leaf column a side (表1/表2) and a role: label, unit code, code part or amount measure,
 * from the whole header path and, for columns headed like money, from what their cells hold.
 * @example describeColumns([{ path: ["项目", "科目编码", "类"], x0: 0, x1: 20 }])[0].role // { role: "code", part: "class" }
 */
export function describeColumns(columns: readonly Column[], rows: readonly ExtractedRow[] = [], twoSided = false): ColumnInfo[] {
  // 政府预算支出经济分类 printed beside 部门预算支出经济分类 (西安): rows carry the 部门 code and name only
  const both = columns.some((c) => c.path.some((p) => /^部门(预算支出)?经济(分类)?科目/.test(norm(p))));
  const infos: ColumnInfo[] = columns.map((c, index) => {
    const path = c.path.map(norm);
    const side = sideOf(path);
    const beside = both && path.some((p) => /^政府(预算支出)?经济(分类)?科目/.test(p));
    return { index, side, role: beside ? { role: "other" } : roleOf(path), path };
  });
  const cellsOf = (i: number) => rows.flatMap((r) => (r.cells[i] ? [r.cells[i].text.replace(/\s+/g, "")] : [])).filter((t) => t !== "");
  const decimals = infos.some((c) => c.role.role === "amount" && cellsOf(c.index).some((t) => /\.\d/.test(t)));
  for (const info of infos) {
    // a column headed like money or like names (功能科目), or headed by nothing, is what its cells hold
    const unheaded = info.role.role === "other" && (info.path.at(-1) ?? "") === "";
    if (info.role.role !== "amount" && info.role.role !== "label" && !unheaded) continue;
    const verdict = roleFromCells(cellsOf(info.index), decimals);
    if (verdict === "code") info.role = { role: "code", part: "joined" };
    else if (info.role.role === "label") continue;
    // words beside amounts label them: the table's first words, an unheaded column, and in a two-sided table
    // every block's column headed by what it lists (支出功能分类科目), not by money (金额 holding stray words)
    else if (verdict === "text") {
      const block = twoSided && !MONEY_HEADER.test(info.path.at(-1) ?? "");
      info.role = unheaded || block || !infos.some((c) => c.role.role === "label") ? { role: "label" } : { role: "other" };
    }
  }
  splitCodeParts(infos, cellsOf);
  // Projects listed beside their unit's name (单位名称 | 项目名称): the row is the project's.
  const labels = infos.filter((c) => c.role.role === "label");
  const unitName = labels.find((c) => UNIT_NAME.test(norm(columns[c.index]!.path.at(-1) ?? "")));
  const headedLabels = labels.filter((c) => (c.path.at(-1) ?? "") !== "");
  if (headedLabels.length > 1 && unitName) unitName.role = { role: "other" };
  // A table without any label column keeps its first text column as label (some templates print no 项目 header).
  if (!infos.some((c) => c.role.role === "label")) {
    const first = infos.find((c) => c.role.role === "other" || c.role.role === "amount");
    if (first && first.role.role === "other") first.role = { role: "label" };
  }
  const sided = twoSided ? assignSides(infos) : infos;
  distinguishMeasures(sided, twoSided);
  return sided;
}

/** Columns without a printed side belong to the side of the nearest label column on their left. */
function assignSides(cols: ColumnInfo[]): ColumnInfo[] {
  if (cols.some((c) => c.side !== null)) {
    let side: ColumnInfo["side"] = "income";
    return cols.map((c) => (c.side ? ((side = c.side), c) : { ...c, side }));
  }
  let labels = 0;
  return cols.map((c) => {
    if (c.role.role === "label") labels++;
    return { ...c, side: labels <= 1 ? "income" : "expense" };
  });
}

/**
 * Columns printing the same leaf header under different parents (“三公”经费/小计 beside
 * 公务用车购置及运行维护费/小计, 上年/合计 beside 当年/合计) are told apart by the fewest header
 * levels above the leaf that make them unique (on their side of a two-sided table, whose sides both
 * print 预算数).
 */
function distinguishMeasures(infos: readonly ColumnInfo[], twoSided: boolean): void {
  const amounts = infos.filter((c) => c.role.role === "amount");
  const pathOf = (c: ColumnInfo) => (twoSided && c.side && c.path.length > 1 ? c.path.slice(1) : c.path);
  const forms: ((p: string[]) => string[])[] = [
    (p) => p.slice(-1),
    (p) => p.slice(-2),
    (p) => [p[0]!, p.at(-1)!],
    (p) => [p[0]!, ...p.slice(-2)],
    (p) => p,
  ];
  for (const col of amounts) {
    const peers = twoSided ? amounts.filter((c) => c.side === col.side) : amounts;
    const name = (c: ColumnInfo, form: (p: string[]) => string[]) => [...new Set(form(pathOf(c)))].join("/");
    if (peers.filter((c) => name(c, forms[0]!) === name(col, forms[0]!)).length < 2) continue;
    const form = forms.find((f) => peers.filter((c) => name(c, f) === name(col, f)).length === 1) ?? forms.at(-1)!;
    col.role = { role: "amount", measure: name(col, form), ...(col.role.role === "amount" && col.role.ratio ? { ratio: true } : {}) };
  }
}
