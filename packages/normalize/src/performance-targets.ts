import type { ExtractedTable, PerformanceTarget } from "@yusuan/schema";
import { parseAmount } from "./amount.js";
import { compact } from "./labels.js";

type Field = Exclude<keyof PerformanceTarget, "page">;

/** A project's merged cells, shared by its indicators (and completed when a page break cut them). */
interface Project {
  unit: string;
  project: string;
  budget: string | null;
  goal: string;
  page: number;
  /** vertical middle of the merged 项目名称 cell's text, on `page` */
  middle: number;
}

interface Placed {
  project: Project;
  /** vertical extent of the indicator row */
  top: number;
  bottom: number;
  target: Omit<PerformanceTarget, "unit" | "project" | "budget" | "goal">;
}

const TOLERANCE = 3;

/**
 * Indicator rows left at the foot of a page below the last project's block belong to the project whose
 * merged cells open the next page (a block cut by the page break prints its cells on the second part). A block is as tall above its merged
 * text's middle as below, which holds only where the renderer centres merged cells: checked on the
 * blocks that end on their own page (most of them must be centred) before anything is moved.
 */
function moveOrphans(placed: Placed[]): void {
  const projects = [...new Set(placed.map((p) => p.project))];
  const rowsOf = (project: Project) => placed.filter((p) => p.project === project && p.target.page === project.page);
  const extent = (project: Project) => {
    const rows = rowsOf(project);
    return rows.length ? { top: rows[0]!.top, bottom: rows.at(-1)!.bottom } : null;
  };
  const complete = projects.filter((p, i) => projects[i + 1]?.page === p.page);
  // most, not all: a block continued from the previous page is only the lower part of its cell
  const centredBlocks = complete.filter((p) => {
    const e = extent(p);
    return e !== null && Math.abs((e.top + e.bottom) / 2 - p.middle) <= TOLERANCE;
  });
  const centred = complete.length > 0 && centredBlocks.length >= 0.75 * complete.length;
  if (!centred) return;
  projects.forEach((project, i) => {
    const next = projects[i + 1];
    if (!next || next.page === project.page || next.project === project.project) return;
    // only when the next page opens with that project's cells; otherwise this project simply goes on there
    if (placed.find((p) => p.target.page === next.page)?.project !== next) return;
    const rows = rowsOf(project);
    const end = 2 * project.middle - (rows[0]?.top ?? project.middle);
    for (const row of rows) if ((row.top + row.bottom) / 2 > end + TOLERANCE) row.project = next;
  });
}

/** Which column of 表6 holds what, by its header words; the first match wins. */
const COLUMNS: ReadonlyArray<readonly [Field, RegExp]> = [
  ["level1", /一级指标/],
  ["level2", /二级指标/],
  ["level3", /三级指标/],
  ["operator", /指标性质|性质|符号/],
  ["value", /指标值|目标值/],
  ["measureUnit", /度量单位|计量单位/],
  ["weight", /权重|分值/],
  ["direction", /方向/],
  ["goal", /年度目标|绩效目标|目标/],
  ["budget", /预算|金额|资金/],
  ["project", /项目名称|项目/],
  ["unit", /单位/],
];

/**
 * Reads 表6 项目支出绩效目标表 into one record per indicator. A project's merged cells (单位, 项目, 预算数,
 * 年度目标) are printed once, on its first indicator row, and carried down to its other indicators;
 * a row with a unit and a budget but no project is the unit's subtotal, not an indicator.
 * @example readPerformanceTargets(table6)[0] // { unit: "101001-…", project: "教育督导评估工作经费", level3: "督导评估学校数", operator: "≥", value: "45", … }
 */
export function readPerformanceTargets(table: ExtractedTable): PerformanceTarget[] {
  const index = new Map<Field, number>();
  table.columns.forEach((c, i) => {
    const header = compact(c.path.join("/"));
    const found = COLUMNS.find(([field, re]) => !index.has(field) && re.test(header));
    if (found) index.set(found[0], i);
  });
  if (!index.has("level3") && !index.has("level1")) return [];
  const text = (row: ExtractedTable["rows"][number], field: Field) => {
    const i = index.get(field);
    return i === undefined ? "" : compact(row.cells[i]?.text ?? "");
  };
  const isIndicator = (row: ExtractedTable["rows"][number]) => text(row, "level3") !== "" || text(row, "level1") !== "";
  const targets: Placed[] = [];
  const cellOf = (row: ExtractedTable["rows"][number], field: Field) => {
    const i = index.get(field);
    return i === undefined ? null : (row.cells[i] ?? null);
  };
  let unit = "";
  let current: Project | null = null;
  // Lines of merged cells printed on rows of their own, around a page break: before a project row they
  // are the first lines of its reprint or the last lines of the previous project.
  let pending = { unit: "", goal: "" };
  // A project cut by a page break is printed again on the next page: its text there, growing line by line.
  let reprint: { unit: string; goal: string } | null = null;
  const absorb = (r: { unit: string; goal: string }) => {
    if (!current) return;
    if (r.unit.length > current.unit.length) current.unit = r.unit;
    if (r.goal.length > current.goal.length) current.goal = r.goal;
  };
  for (const row of table.rows) {
    const rowUnit = text(row, "unit");
    if (text(row, "project")) {
      const budget = parseAmount(text(row, "budget"));
      const next: Project = {
        unit: rowUnit || unit,
        project: text(row, "project"),
        budget: budget.kind === "amount" ? budget.value : null,
        goal: text(row, "goal"),
        page: row.page,
        middle: ((cellOf(row, "project")?.bbox[1] ?? 0) + (cellOf(row, "project")?.bbox[3] ?? 0)) / 2,
      };
      if (current && next.project === current.project && next.budget === current.budget) {
        reprint = { unit: pending.unit + rowUnit, goal: pending.goal + next.goal };
        absorb(reprint);
      } else {
        if (current && !reprint) {
          current.unit += pending.unit;
          current.goal += pending.goal;
        }
        current = next;
        reprint = null;
      }
      pending = { unit: "", goal: "" };
      unit = current.unit;
    } else if (!isIndicator(row) && (rowUnit || text(row, "goal"))) {
      if (text(row, "budget")) {
        unit = rowUnit; // a unit's subtotal row
        current = null;
        reprint = null;
      } else if (reprint) {
        reprint = { unit: reprint.unit + rowUnit, goal: reprint.goal + text(row, "goal") };
        absorb(reprint);
      } else pending = { unit: pending.unit + rowUnit, goal: pending.goal + text(row, "goal") };
      continue;
    }
    if (!current || !isIndicator(row)) continue;
    const indicatorCells = (["level1", "level2", "level3", "value"] as const).map((f) => cellOf(row, f)).filter((c) => c !== null);
    targets.push({
      project: current,
      top: Math.min(...indicatorCells.map((c) => c.bbox[1])),
      bottom: Math.max(...indicatorCells.map((c) => c.bbox[3])),
      target: {
        level1: text(row, "level1"),
        level2: text(row, "level2"),
        level3: text(row, "level3"),
        operator: text(row, "operator"),
        value: text(row, "value"),
        measureUnit: text(row, "measureUnit"),
        weight: text(row, "weight"),
        direction: text(row, "direction"),
        page: row.page,
      },
    });
  }
  moveOrphans(targets);
  return targets.map(({ project, target }) => ({ unit: project.unit, project: project.project, budget: project.budget, goal: project.goal, ...target }));
}
