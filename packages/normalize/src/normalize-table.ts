import type { Code, ExtractedRow, ExtractedTable, Finding, LineItem } from "@yusuan/schema";
import { describeColumns, printsBothSides, type ColumnInfo } from "./columns.js";
import { joinCodeParts, parseJoinedCode, splitCodedLabel } from "./codes.js";
import { compact, isTotalLabel, labelKey, splitUnitCode } from "./labels.js";
import { blockWidth, unstackBlocks } from "./column-blocks.js";
import { headerIdentities, type RowIdentity } from "./measure-identities.js";
import { nameCoder, withoutPartialSiblings } from "./name-codes.js";
import { emptyItem, readAmounts, textOf, type RowDraft, type TableContext } from "./row-draft.js";
import { isTwoSided } from "./table-kind.js";
import { normalizeTwoSided } from "./two-sided.js";

export type { TableContext } from "./row-draft.js";

const findPart = (cols: readonly ColumnInfo[], part: string) =>
  cols.find((c) => c.role.role === "code" && c.role.part === part);

/** Reads label, codes and amounts of one row of a one-sided table. */
function draftRow(
  row: ExtractedRow,
  cols: readonly ColumnInfo[],
  ctx: TableContext,
  tableNo: string | null,
  findings: Finding[],
  above: Code | null,
): RowDraft {
  let label = compact(cols.filter((c) => c.role.role === "label").map((c) => textOf(row, c)).join(""));
  const printedUnit = compact(textOf(row, cols.find((c) => c.role.role === "unitCode"))) || null;
  let code =
    splitCode(textOf(row, findPart(cols, "class")), textOf(row, findPart(cols, "kuan")), textOf(row, findPart(cols, "xiang")), above) ??
    parseJoinedCode(textOf(row, findPart(cols, "joined")));
  if (!code) {
    const split = splitCodedLabel(label);
    if (split) ({ code, label } = split);
  }
  let unitCode = printedUnit;
  let econCode: Code | null = null;
  let funcCode: Code | null = null;
  if (ctx.economic) {
    // 表2-1/3-1 print the economic code in the 单位代码 column: 301 on 类 rows, 30101 or 3010201 beside 类|款.
    const uc = printedUnit ?? "";
    if (code && /^\d{5}$/.test(code) && /^\d{7}$/.test(uc) && uc.startsWith(code)) econCode = uc;
    else if (code && (uc === code || /^\d{5}$/.test(uc))) econCode = code;
    else if (code) econCode = code;
    else if (/^\d{3}$/.test(uc) && namesMatch(ctx.classifier.officialName("econ_dept", uc, ctx.year), label)) econCode = uc;
    else if (/^3\d{4}(\d{2})?$/.test(uc)) econCode = uc;
    if (econCode) unitCode = econCode === uc || uc.startsWith(econCode) ? null : unitCode;
  } else {
    funcCode = code;
  }
  return { label, unitCode, funcCode, econCode, page: row.page, amounts: readAmounts(row, cols, tableNo, findings) };
}

/**
 * A code printed in 类 | 款 | 项 cells. Templates that print only the part a row adds (款 "11" under
 * 类 "201") are read against the code of the row above, whose prefix the part extends.
 */
function splitCode(cls: string, kuan: string, xiang: string, above: Code | null): Code | null {
  const own = joinCodeParts(cls, kuan, xiang);
  if (own || compact(cls) !== "" || !above) return own;
  const k = compact(kuan);
  const x = compact(xiang);
  if (/^\d{1,2}$/.test(k)) return joinCodeParts(above.slice(0, 3), k, x);
  if (!k && /^\d{1,2}$/.test(x) && above.length >= 5) return joinCodeParts(above.slice(0, 3), above.slice(3, 5), x);
  return null;
}

/** Reads the rows of a one-sided table in order, each code part read against the code above it. */
function draftRows(
  table: ExtractedTable,
  cols: readonly ColumnInfo[],
  ctx: TableContext,
  findings: Finding[],
): { drafts: RowDraft[]; byNames: boolean } {
  let above: Code | null = null;
  const drafts = table.rows.map((r) => {
    const d = draftRow(r, cols, ctx, table.tableNo, findings, above);
    above = d.funcCode ?? d.econCode ?? above;
    return d;
  });
  // rows printing nothing at all are wrapped text of a long cell beside them (绩效目标)
  const printed = asEconomic(drafts, ctx).filter((d) => d.label !== "" || d.unitCode !== null || d.amounts.length > 0);
  if (above !== null || isProjectTable(ctx)) return { drafts: printed, byNames: false };
  return { drafts: codedByNames(printed, ctx), byNames: true };
}

/**
 * A table whose title does not say 经济分类 but whose codes are all 3xx (工资福利支出 301 …) or all
 * 5xx is coded by 部门 or 政府预算支出经济分类: 功能分类 codes start with 2.
 */
function asEconomic(drafts: RowDraft[], ctx: TableContext): RowDraft[] {
  const codes = drafts.flatMap((d) => (d.funcCode ? [d.funcCode] : []));
  const economic = (first: string) => codes.every((c) => c.startsWith(first));
  if (ctx.economic || codes.length < 2 || !(economic("3") || economic("5"))) return drafts;
  return drafts.map((d) => (d.funcCode ? { ...d, econCode: d.funcCode, funcCode: null } : d));
}

/**
 * A table printing no code at all: its rows' names give their codes where the registry is unambiguous,
 * in the system (功能 or 经济分类) that knows more of them.
 */
function codedByNames(drafts: RowDraft[], ctx: TableContext): RowDraft[] {
  const systems = ctx.economic ? (["econ_dept"] as const) : (["func", "econ_dept"] as const);
  const readings = systems.map((system) => {
    const codeOf = nameCoder(ctx.classifier, system, ctx.year);
    const codes = drafts.map((d) => (!d.label || isTotalLabel(d.label) ? null : codeOf(d.label)));
    return { system, codes, found: codes.filter((c) => c !== null).length };
  });
  const best = readings.reduce((a, b) => (b.found > a.found ? b : a));
  const codes = withoutPartialSiblings(drafts.map((d) => d.label), best.codes);
  return drafts.map((d, i) => {
    const code = codes[i];
    if (!code) return d;
    return best.system === "econ_dept" ? { ...d, econCode: code } : { ...d, funcCode: code };
  });
}

function namesMatch(official: string | null, printed: string): boolean {
  return official !== null && labelKey(official) === labelKey(printed);
}

/**
 * Decides total / unit / class / item for the rows of a one-sided table and carries unit codes down.
 * `byNames`: the table printed no code and its codes were read from its names, so a row left without
 * a code among coded rows is an item whose name the registry does not know, not a unit.
 */
function classifyRows(drafts: readonly RowDraft[], ctx: TableContext, byNames: boolean): LineItem[] {
  const items: LineItem[] = [];
  const projectTable = isProjectTable(ctx);
  let currentUnit: string | null = null;
  let previousKind: LineItem["rowKind"] | null = null;
  let previousLevel: LineItem["level"] = null;
  let total: RowDraft | null = null;
  drafts.forEach((d, i) => {
    const item = emptyItem(i, d);
    const coded = d.funcCode ?? d.econCode;
    const named = d.label !== "" && !d.unitCode && !isUnitName(d.label, ctx);
    // a table of one unlabelled row (支出预算总表, 三公 by department) prints the department's whole: its 合计
    if (!coded && (isTotalLabel(d.label) || (drafts.length === 1 && d.label === "" && !d.unitCode))) {
      item.rowKind = "total";
      item.unitCode = null;
      total = d;
    } else if (!coded && !d.unitCode && isSubtotal(d)) {
      // "一般公共预算资金 | 小计": the subtotal of the group of rows printed under it
      item.rowKind = "class";
      item.unitCode = currentUnit;
    } else if (!coded && d.amounts.length === 0 && drafts[i + 1] !== undefined && isSubtotal(drafts[i + 1]!)) {
      // the group's name printed on a line of its own above its 小计 adds nothing
      item.unitCode = currentUnit;
    } else if (coded) {
      const len = coded.length;
      item.rowKind = projectTable ? "item" : d.funcCode ? (len < 7 ? "class" : "item") : len === 3 ? "class" : "item";
      item.unitCode = d.unitCode ?? currentUnit;
    } else if (projectTable && named && nextIsCoded(drafts, i)) {
      item.rowKind = "class";
      item.level = "project_group";
      item.unitCode = currentUnit;
    } else if ((projectTable && named) || (byNames && named && (previousKind === "item" || previousKind === "class"))) {
      item.unitCode = currentUnit;
    } else if (named && ctx.unitNames.size > 0 && !(previousKind === "total" || previousLevel === "department")) {
      // the document names its units elsewhere, and this row's name is none of them (right under 合计 or
      // the department row only a unit can stand, whatever name this table gives it)
      item.unitCode = currentUnit;
    } else {
      item.rowKind = "unit";
      const afterTotal = previousKind === "total";
      const departmentLike = !d.label || (d.unitCode !== null && d.unitCode.length <= 3) || (moreUnitsFollow(drafts, i) && repeats(d, total));
      item.level = afterTotal && departmentLike && !(d.unitCode && d.unitCode.length >= 6) ? "department" : "unit";
      if (item.level === "unit") currentUnit = d.unitCode;
    }
    previousKind = item.rowKind;
    previousLevel = item.level;
    items.push(item);
  });
  return items;
}

const isSubtotal = (d: RowDraft) => /小计$/.test(labelKey(d.label));

/** Tables listing projects (表3-2, 项目支出预算表, 专项业务经费支出表): uncoded rows are projects, not units. */
function isProjectTable(ctx: TableContext): boolean {
  return ctx.kind === "一般公共预算项目支出表" || (ctx.kind === "其他" && /项目支出|专项业务经费|专项资金/.test(ctx.title));
}

/** A department row repeats the 合计 above it; a first unit (本级) printed under 合计 does not. */
function repeats(d: RowDraft, total: RowDraft | null): boolean {
  if (!total) return true;
  const key = (r: RowDraft) => r.amounts.map((a) => `${a.measure}=${Number(a.value)}`).join("|");
  return key(d) === key(total);
}

function isUnitName(label: string, ctx: TableContext): boolean {
  const k = labelKey(label);
  const { own } = splitUnitCode(k.replace(/（本级）$/, ""));
  return ctx.unitNames.has(k) || ctx.unitNames.has(own) || (ctx.department !== null && labelKey(ctx.department) === own) || /本级）?$/.test(k);
}

function nextIsCoded(drafts: readonly RowDraft[], i: number): boolean {
  const next = drafts[i + 1];
  return next !== undefined && (next.funcCode ?? next.econCode) !== null;
}

function moreUnitsFollow(drafts: readonly RowDraft[], i: number): boolean {
  const next = drafts[i + 1];
  return next !== undefined && !(next.funcCode ?? next.econCode) && !isTotalLabel(next.label);
}

const classifyWith = (read: { drafts: RowDraft[]; byNames: boolean }, ctx: TableContext) => classifyRows(read.drafts, ctx, read.byNames);

/**
 * Gives a table's rows their meaning: kinds, codes, units and amounts, with findings for what could not be read.
 * @example normalizeTableRows(extractedTable, { kind: "部门支出总表", economic: false, year: 2025, classifier, unitNames, department })
 */
export function normalizeTableRows(
  table: ExtractedTable,
  ctx: TableContext,
): { rows: LineItem[]; measures: string[]; identities: RowIdentity[] | null; findings: Finding[] } {
  const findings: Finding[] = [];
  const twoSided = isTwoSided(ctx.kind) || printsBothSides(table.columns);
  const described = describeColumns(table.columns, table.rows, twoSided);
  const width = twoSided ? null : blockWidth(described);
  const cols = width ? described.slice(0, width) : described;
  if (width) table = { ...table, rows: unstackBlocks(table.rows, width, described.length / width) };
  const measures = [...new Set(cols.flatMap((c) => (c.role.role === "amount" ? [c.role.measure] : [])))];
  const rows = twoSided ? normalizeTwoSided(table, cols, ctx, findings) : classifyWith(draftRows(table, cols, ctx, findings), ctx);
  return { rows, measures, identities: headerIdentities(cols, twoSided), findings };
}
