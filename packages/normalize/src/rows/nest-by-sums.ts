import type { LineItem } from "@yusuan/schema";
import { finestHalfUnit, toUnits } from "../checks/money.js";
import { codeOf } from "./hierarchy.js";
import { numberingOf } from "./numbering.js";

/** Search steps one run may take before it is left as printed (tables of a few dozen rows need far fewer). */
const BUDGET = 20_000;

const isBare = (r: LineItem) => r.rowKind === "item" && codeOf(r) === null && !r.ofWhich && numberingOf(r.label).style === null;

type Vector = number[];
const vectorOf = (r: LineItem, measures: readonly string[]): Vector =>
  measures.map((m) => {
    const a = r.amounts.find((x) => x.measure === m);
    return a ? toUnits(a.value) : 0;
  });

/**
 * Rows that print neither code, number nor indentation, nested by their own sums: project tables
 * print category → group → project as one flat list (通用项目 2,797,300 over 办公用房物业管理服务项目
 * 2,207,300 over 食堂包厨服务 …). Where the rows under a parent do not add up to it as printed, and
 * exactly one reading of them as a forest (each row either a leaf or the sum of the rows right after
 * it) adds up to the parent in every measure, that reading gives the rows their parents.
 * @example nestBySums(rows, ["项目金额"]).map((r) => r.parent) // [null, 0, 1, 2, 2, 1, 0, …]
 */
export function nestBySums(rows: readonly LineItem[], measures: readonly string[]): LineItem[] {
  const out = rows.map((r) => ({ ...r }));
  const half = finestHalfUnit(rows.flatMap((r) => r.amounts.filter((a) => measures.includes(a.measure)).map((a) => a.value)));
  const byIndex = new Map(out.map((r, i) => [r.rowIndex, i]));
  const runs = new Map<number, number[]>();
  out.forEach((r, i) => {
    if (r.parent !== null && isBare(r)) runs.set(r.parent, [...(runs.get(r.parent) ?? []), i]);
  });
  for (const [parentIndex, members] of runs) {
    const parent = out[byIndex.get(parentIndex)!]!;
    const all = out.filter((r) => r.parent === parentIndex && !r.ofWhich);
    // only a run of bare rows printed one after another, and all of the parent's rows
    if (all.length !== members.length || members.some((m, k) => k > 0 && m !== members[k - 1]! + 1) || members.length < 3) continue;
    const items = members.map((i) => out[i]!);
    const target = vectorOf(parent, measures);
    const flat = items.reduce((s, r) => s.map((x, k) => x + vectorOf(r, measures)[k]!), measures.map(() => 0));
    if (flat.every((x, k) => Math.abs(x - target[k]!) <= half * (items.length + 1))) continue;
    const forest = parseForest(items.map((r) => vectorOf(r, measures)), half, target);
    if (!Array.isArray(forest)) continue;
    forest.forEach((p, k) => {
      items[k]!.parent = p === null ? parentIndex : items[p]!.rowIndex;
    });
  }
  return out;
}

/**
 * Can rows printed under a parent, none of them coded, numbered or a unit, add up to it nested in any
 * way? "no" means that however they nest, the parent is not their sum: the document's numbers are
 * wrong, not our reading of its layout; "unknown" where more than one nesting fits or the search is
 * too long to finish.
 * `half`: half a unit of the last digit the table prints.
 * @example nestable(unitRow, projectRows, ["项目金额"], 50) // "no" when one project's amount was misprinted
 */
export function nestable(parent: LineItem, rows: readonly LineItem[], measures: readonly string[], half: number): "yes" | "no" | "unknown" {
  if (rows.length > 60) return "unknown";
  const forest = parseForest(rows.map((r) => vectorOf(r, measures)), half, vectorOf(parent, measures));
  return Array.isArray(forest) ? "yes" : forest;
}

/**
 * Parents (index into the run, or null for the run's own parent) under which every row that has
 * rows under it equals their sum and the top rows add up to `target`; "no" when no reading does,
 * "unknown" when more than one does or the search runs out of steps.
 */
function parseForest(values: readonly Vector[], half: number, target: Vector): (number | null)[] | "no" | "unknown" {
  let steps = 0;
  // rounding: `half` (half a unit of the table's last printed digit) for each addend of a sum and for its total
  const memo = new Map<string, (number | null)[][]>();
  /**
   * up to two readings of rows [i, end) as siblings adding up to goal, after `added` siblings already
   * taken from it; parents as absolute indexes (null: the enclosing row)
   */
  const forests = (i: number, end: number, goal: Vector, added: number): (number | null)[][] => {
    if (i === end) return goal.every((x) => Math.abs(x) <= half * (added + 1) + 1e-9) ? [[]] : [];
    const key = `${i}:${end}:${added}:${goal.join(",")}`;
    const known = memo.get(key);
    if (known) return known;
    if (++steps > BUDGET) return [];
    const own = values[i]!;
    const rest = goal.map((x, m) => x - own[m]!);
    const found: (number | null)[][] = [];
    for (const after of forests(i + 1, end, rest, added + 1)) found.push([null, ...after]);
    for (let k = i + 2; k <= end && found.length < 2; k++) {
      const kids = forests(i + 1, k, own, 0);
      if (!kids.length) continue;
      for (const under of kids)
        for (const after of forests(k, end, rest, added + 1)) found.push([null, ...under.map((p) => p ?? i), ...after]);
    }
    const kept = found.slice(0, 2);
    memo.set(key, kept);
    return kept;
  };
  const readings = forests(0, values.length, target, 0);
  if (steps > BUDGET || readings.length > 1) return "unknown";
  return readings.length === 1 ? readings[0]! : "no";
}
