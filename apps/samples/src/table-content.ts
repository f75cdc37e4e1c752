import type { BodyGroup, GridTable } from "./draw-table.js";
import { headerGrid } from "./header-grid.js";
import type { HeaderNode, PerformanceTarget, ProcurementItem, SampleDocument, SampleTable, TruthRow } from "./model.js";
import { formatAmount, rowCells, sideLines, twoSidedCells, twoUpLines, type BodyCell } from "./row-cells.js";

const PERFORMANCE_HEADER: readonly HeaderNode[] = [
  "单位名称", "项目名称", "预算数", "年度目标", "一级指标", "二级指标", "三级指标",
  "指标性质", "指标值", "度量单位", "权重", "指标方向性",
].map((label) => ({ label, key: "label" as const }));

const PROCUREMENT_HEADER: readonly HeaderNode[] = [
  "单位名称/项目名称", "采购品目", "数量", "总金额", "专门面向中小企业采购", "专门面向小型、微型企业采购",
  "专门面向监狱企业采购", "专门面向残疾人福利性单位采购", "采购说明",
].map((label) => ({ label, key: "label" as const }));

const left = (text: string): BodyCell => ({ text, align: "left" });
const centre = (text: string): BodyCell => ({ text, align: "center" });
const right = (text: string): BodyCell => ({ text, align: "right" });

// 表6: each project is a block whose unit, project, budget and goal cells span its indicator rows.
function performanceGroups(doc: SampleDocument, table: SampleTable): BodyGroup[] {
  const money = (v: string): BodyCell => right(formatAmount(v, doc.thousands_separators));
  const projects: PerformanceTarget[][] = [];
  for (const t of doc.performance_targets) {
    const last = projects[projects.length - 1];
    if (last?.[0]?.project === t.project && last[0].unit === t.unit) last.push(t);
    else projects.push([t]);
  }
  const groups: BodyGroup[] = [];
  const unitsDone = new Set<string>();
  for (const block of projects) {
    const first = block[0];
    if (first === undefined) continue;
    const unitBudget = table.unit_budgets?.[first.unit];
    if (unitBudget !== undefined && !unitsDone.has(first.unit)) {
      unitsDone.add(first.unit);
      groups.push([[left(first.unit), left(""), money(unitBudget), ...Array.from({ length: 9 }, () => left(""))]]);
    }
    groups.push(block.map((t, i) => {
      const indicators = [centre(t.level1), centre(t.level2), left(t.level3), centre(t.operator), centre(t.value),
        centre(t.measure_unit), centre(t.weight), centre(t.direction)];
      if (i > 0) return [null, null, null, null, ...indicators];
      const span = block.length;
      return [{ ...left(t.unit), rowSpan: span }, { ...left(t.project), rowSpan: span },
        { ...money(t.budget), rowSpan: span }, { ...left(t.goal), rowSpan: span }, ...indicators];
    }));
  }
  return groups;
}

// 表8: a unit row carrying the unit total, then the unit's purchase items.
function procurementGroups(doc: SampleDocument, table: SampleTable): BodyGroup[] {
  const money = (v: string): BodyCell => right(formatAmount(v, doc.thousands_separators));
  const groups: BodyGroup[] = [];
  for (const [unit, total] of Object.entries(table.unit_totals ?? {})) {
    groups.push([[left(unit), left(""), centre(""), money(total), ...Array.from({ length: 5 }, () => centre(""))]]);
    for (const p of doc.procurement.filter((item: ProcurementItem) => item.unit === unit)) {
      groups.push([[left(p.project), left(p.item), centre(p.quantity), money(p.amount),
        centre(p.sme), centre(p.micro), centre(p.prison), centre(p.disabled), centre("")]]);
    }
  }
  return groups;
}

function emptyNoteRows(table: SampleTable, leaves: readonly HeaderNode[]): BodyGroup[] {
  const note = table.empty_note;
  if (note === undefined || !note.inside) return [];
  const labelCol = Math.max(0, leaves.findIndex((l) => l.key === "label"));
  const blank = (): BodyCell[] => leaves.map(() => left(""));
  const noteRow = blank();
  noteRow[labelCol] = left(note.text);
  return [[noteRow], [blank()], [blank()]];
}

function grow(leaves: readonly HeaderNode[], layout: SampleTable["layout"]): number[] {
  if (layout === "performance") return leaves.map((l) => (["单位名称", "项目名称", "年度目标", "三级指标"].includes(l.label) ? 2 : 0));
  if (layout === "procurement") return leaves.map((_, i) => (i < 2 ? 2 : 0));
  return leaves.map((l) => (l.key === "label" || l.key === "income_label" || l.key === "expense_label" ? 3 : l.key === undefined ? 1 : 0));
}

/**
 * Turns a sample table into the header grid, body rows and notes to draw.
 * @example gridTable(doc, doc.tables[0]).groups.length // printed lines of 表1
 */
export function gridTable(doc: SampleDocument, table: SampleTable): GridTable {
  const headerNodes = table.layout === "performance" ? PERFORMANCE_HEADER
    : table.layout === "procurement" ? PROCUREMENT_HEADER
    : table.layout === "two-up" ? [...table.header, ...table.header] : table.header;
  const header = headerGrid(headerNodes);
  const sep = doc.thousands_separators;
  let groups: BodyGroup[];
  if (table.layout === "performance") groups = performanceGroups(doc, table);
  else if (table.layout === "procurement") groups = procurementGroups(doc, table);
  else if (table.layout === "two-sided") groups = sideLines(table.rows).map((line) => [twoSidedCells(header.leaves, line, sep)]);
  else if (table.layout === "two-up") {
    const block = header.leaves.slice(0, header.leaves.length / 2);
    const cells = (row: TruthRow | undefined): BodyCell[] =>
      row === undefined ? block.map(() => left("")) : rowCells(block, row, table.layout, doc.department_code ?? "", sep);
    groups = twoUpLines(table.rows).map(([l, r]) => [[...cells(l), ...cells(r)]]);
  }
  else groups = table.rows.map((row) => [rowCells(header.leaves, row, table.layout, doc.department_code ?? "", sep)]);
  groups.push(...emptyNoteRows(table, header.leaves));
  const notes = [...(table.notes ?? [])];
  if (table.empty_note !== undefined && !table.empty_note.inside) notes.push(table.empty_note.text);
  return { header, groups, grow: grow(header.leaves, table.layout), notes };
}
