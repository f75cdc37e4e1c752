import type { Run } from "./text-runs.js";

/** Runs sharing a baseline, left to right, with their common vertical extent. */
export interface Line {
  runs: Run[];
  y0: number;
  y1: number;
  baseline: number;
  size: number;
  text: string;
}

/**
 * Groups runs into lines by baseline, top to bottom; `text` joins the runs with a space.
 * @example groupLines(runs).map((l) => l.text); // ["表1-2", "部门支出总表", …]
 */
export function groupLines(runs: readonly Run[]): Line[] {
  const sorted = [...runs].sort((a, b) => a.baseline - b.baseline || a.x0 - b.x0);
  const groups: Run[][] = [];
  for (const r of sorted) {
    const g = groups[groups.length - 1];
    if (g && Math.abs(g[0]!.baseline - r.baseline) <= 0.3 * Math.max(g[0]!.size, r.size)) g.push(r);
    else groups.push([r]);
  }
  return groups.map((g) => {
    g.sort((a, b) => a.x0 - b.x0);
    return {
      runs: g,
      y0: Math.min(...g.map((r) => r.y0)),
      y1: Math.max(...g.map((r) => r.y1)),
      baseline: g[0]!.baseline,
      size: Math.max(...g.map((r) => r.size)),
      text: g.map((r) => r.text).join(" "),
    };
  });
}
