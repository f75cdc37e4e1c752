import type { Code, ExtractedRow, ExtractedTable, Finding, LineItem } from "@yusuan/schema";
import { describeColumns, printsBothSides, type ColumnInfo } from "./columns.js";
import { joinCodeParts, parseJoinedCode, splitCodedLabel } from "./codes.js";
import { compact, isTotalLabel, labelKey } from "./labels.js";
import { blockWidth, unstackBlocks } from "./column-blocks.js";
import { headerIdentities, type RowIdentity } from "./measure-identities.js";
import { nameCoder, withoutPartialSiblings } from "./name-codes.js";
import { readAmounts, textOf, type RowDraft, type TableContext } from "./row-draft.js";
import { isTwoSided } from "./table-kind.js";
import { readRows } from "./rows/read-rows.js";
import { withCodeParents } from "./rows/hierarchy.js";
import { isProjectTable } from "./rows/row-kinds.js";
import { normalizeTwoSided } from "./two-sided.js";

export type { TableContext } from "./row-draft.js";

const findPart = (cols: readonly ColumnInfo[], part: string) =>
  cols.find((c) => c.role.role === "code" && c.role.part === part);

/**
 * A row classified both ways (功能分类科目编码 | 名称 | 部门经济分类科目编码 | 名称 … | 金额): the code
 * columns the header names 功能 and 经济, and the name printed after the economic code, the most
 * specific one. null where the table prints one classification.
 */
function crossClassified(row: ExtractedRow, cols: readonly ColumnInfo[]): Pick<RowDraft, "label" | "funcCode" | "econCode"> | null {
  const joined = cols.filter((c) => c.role.role === "code" && c.role.part === "joined");
  const func = joined.find((c) => c.path.some((p) => /功能/.test(p)));
  const econ = joined.find((c) => c.path.some((p) => /经济/.test(p)));
  if (!func || !econ) return null;
  const names = cols.filter((c) => c.role.role === "label");
  const econName = names.filter((c) => c.index > econ.index).map((c) => textOf(row, c)).find((t) => t !== "");
  return {
    label: compact(econName ?? names.map((c) => textOf(row, c)).join("")),
    funcCode: parseJoinedCode(textOf(row, func)),
    econCode: parseJoinedCode(textOf(row, econ)),
  };
}

/** Reads label, codes and amounts of one row of a one-sided table. */
function draftRow(
  row: ExtractedRow,
  cols: readonly ColumnInfo[],
  ctx: TableContext,
  tableNo: string | null,
  findings: Finding[],
  above: Code | null,
): RowDraft {
  const both = crossClassified(row, cols);
  const printedUnitCode = compact(textOf(row, cols.find((c) => c.role.role === "unitCode"))) || null;
  if (both) return { ...both, unitCode: printedUnitCode, page: row.page, amounts: readAmounts(row, cols, tableNo, findings) };
  let label = compact(cols.filter((c) => c.role.role === "label").map((c) => textOf(row, c)).join(""));
  const printedUnit = printedUnitCode;
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
 * 类 "201") are read against the code of the row above, whose prefix the part extends; templates
 * that print each row's whole code under the part its level names (20105 under 款) give it whole.
 */
function splitCode(cls: string, kuan: string, xiang: string, above: Code | null): Code | null {
  const own = joinCodeParts(cls, kuan, xiang);
  if (own) return own;
  // a whole code printed under a split header, indented by its level: 20105 under 款, 2010501 under 项
  const parts = [cls, kuan, xiang].map(compact).filter((p) => p !== "");
  if (parts.length === 1 && /^\d{5}(\d{2})?$/.test(parts[0]!)) return parts[0]!;
  if (compact(cls) !== "" || !above) return own;
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


function readRowsOf(table: ExtractedTable, cols: readonly ColumnInfo[], ctx: TableContext, findings: Finding[], measures: readonly string[]): LineItem[] {
  const { drafts, byNames } = draftRows(table, cols, ctx, findings);
  return readRows(drafts, ctx, { byNames, measures });
}

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
  // the money columns: a 完成率 column's values are read as amounts of their row but add up to nothing
  const measures = [...new Set(cols.flatMap((c) => (c.role.role === "amount" && !c.role.ratio ? [c.role.measure] : [])))];
  const rows = twoSided
    ? withCodeParents(normalizeTwoSided(table, cols, ctx, findings), (r) => r.side === "expense")
    : readRowsOf(table, cols, ctx, findings, measures);
  return { rows, measures, identities: headerIdentities(cols, twoSided), findings };
}
