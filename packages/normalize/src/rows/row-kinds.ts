import type { LineItem, TableKind } from "@yusuan/schema";
import { isTotalLabel, labelKey, splitUnitCode } from "../labels.js";
import { emptyItem, type RowDraft, type TableContext } from "../row-draft.js";
import { numberingOf } from "./numbering.js";
import { UNIT_NAME } from "./unit-names.js";

/** How uncoded rows that name no known unit are read. */
export interface RowKindOptions {
  /** the table printed no code and its codes were read from its names */
  byNames: boolean;
  /**
   * Read such rows as units that hold the rows below them, as templates that list units by name
   * only do; otherwise they are items (label-only rows, project names, misprinted codes).
   */
  uncodedAreUnits: boolean;
}

/**
 * Decides total / unit / class / item for the rows of a one-sided table and carries unit codes down.
 * A unit row is a unit: it prints a unit code, names one of the document's units or the department,
 * or (unlabelled, right under 合计) repeats the whole. With `byNames`, a row left without a code among
 * coded rows is an item whose name the registry does not know.
 * @example classifyRows(drafts, ctx, { byNames: false, uncodedAreUnits: false }).map((r) => r.rowKind) // ["total", "class", "item"]
 */
export function classifyRows(drafts: readonly RowDraft[], ctx: TableContext, { byNames, uncodedAreUnits }: RowKindOptions): LineItem[] {
  const items: LineItem[] = [];
  const projectTable = isProjectTable(ctx);
  let currentUnit: string | null = null;
  let previousKind: LineItem["rowKind"] | null = null;
  let previousLevel: LineItem["level"] = null;
  let total: RowDraft | null = null;
  let sawUnit = false;
  drafts.forEach((d, i) => {
    const item = emptyItem(i, d);
    const coded = d.funcCode ?? d.econCode;
    const named = d.label !== "" && !d.unitCode && !isUnitName(d.label, ctx);
    // a table of one unlabelled row (支出预算总表, 三公 by department) prints the department's whole: its 合计,
    // and so does an unlabelled first row above the rows it sums (a 合计 whose label cell was lost)
    const unlabelledWhole = d.label === "" && !d.unitCode && (drafts.length === 1 || (i === 0 && d.amounts.length > 0));
    if (!coded && (isTotalLabel(d.label) || unlabelledWhole)) {
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
    } else if (named && !uncodedAreUnits && (numberingOf(d.label).style !== null || !(looksLikeUnit(d.label) && (previousKind === "total" || previousLevel !== null || sawUnit)))) {
      // a label-only row (1、因公出国（境）费用), a project, a misprinted code: an item, not a container
      item.unitCode = currentUnit;
    } else {
      item.rowKind = "unit";
      const afterTotal = previousKind === "total";
      const departmentLike = !d.label || (d.unitCode !== null && d.unitCode.length <= 3) || (moreUnitsFollow(drafts, i) && repeats(d, total));
      item.level = afterTotal && departmentLike && !(d.unitCode && d.unitCode.length >= 6) ? "department" : "unit";
      if (item.level === "unit") currentUnit = d.unitCode;
      sawUnit = true;
    }
    previousKind = item.rowKind;
    previousLevel = item.level;
    items.push(item);
  });
  return items;
}

const isSubtotal = (d: RowDraft) => /小计$/.test(labelKey(d.label));

const PROJECT_KINDS: ReadonlySet<TableKind> = new Set(["一般公共预算项目支出表", "部门项目支出表"]);
/** Kinds that may or may not list projects: their title says (财政拨款上年结转资金支出表 by project …). */
const PROJECTS_BY_TITLE: ReadonlySet<TableKind> = new Set([
  "其他",
  "机关运行经费表",
  "财政拨款支出表",
  "财政拨款基本支出表",
  "财政拨款上年结转支出表",
  "一般公共预算支出经济分类表",
  "一般公共预算基本支出功能分类表",
  "部门基本支出表",
]);

/** Tables listing projects (表3-2, 项目支出预算表, 专项业务经费支出表): uncoded rows are projects, not units. */
export function isProjectTable(ctx: TableContext): boolean {
  return PROJECT_KINDS.has(ctx.kind) || (PROJECTS_BY_TITLE.has(ctx.kind) && /项目支出|专项业务经费|专项资金/.test(ctx.title));
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


const looksLikeUnit = (label: string) => UNIT_NAME.test(labelKey(label));
