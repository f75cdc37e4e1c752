import type { Box } from "./grid.js";
import type { Ruling } from "./rulings.js";

/** Rules this close (points) touch. */
const TOUCH = 2.5;
/** A table region is at least this wide and tall (points). */
const MIN_WIDTH = 60;
const MIN_HEIGHT = 12;

const touches = (h: Ruling, v: Ruling): boolean =>
  v.pos >= h.start - TOUCH && v.pos <= h.end + TOUCH && h.pos >= v.start - TOUCH && h.pos <= v.end + TOUCH;

/**
 * Table regions of a page: boxes around groups of rules that cross or touch each other, top to bottom.
 * @example findRegions(findRulings(page)); // [{ x0: 31.7, y0: 88.2, x1: 810, y1: 218.4 }]
 */
export function findRegions(rulings: readonly Ruling[]): Box[] {
  const parent = rulings.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i]!)));
  rulings.forEach((a, i) => {
    if (a.dir !== "h") return;
    rulings.forEach((b, j) => {
      if (b.dir === "v" && touches(a, b)) parent[root(i)] = root(j);
    });
  });
  const groups = new Map<number, Ruling[]>();
  rulings.forEach((r, i) => {
    const group = groups.get(root(i));
    if (group) group.push(r);
    else groups.set(root(i), [r]);
  });
  const boxes: Box[] = [];
  for (const g of groups.values()) {
    const hs = g.filter((r) => r.dir === "h");
    const vs = g.filter((r) => r.dir === "v");
    if (hs.length < 2 || vs.length < 2) continue;
    const box = {
      x0: Math.min(...g.map((r) => (r.dir === "h" ? r.start : r.pos))),
      x1: Math.max(...g.map((r) => (r.dir === "h" ? r.end : r.pos))),
      y0: Math.min(...g.map((r) => (r.dir === "v" ? r.start : r.pos))),
      y1: Math.max(...g.map((r) => (r.dir === "v" ? r.end : r.pos))),
    };
    if (box.x1 - box.x0 >= MIN_WIDTH && box.y1 - box.y0 >= MIN_HEIGHT) boxes.push(box);
  }
  // A box inside another (a framed cell, a nested grid) belongs to the outer table.
  const outer = boxes.filter(
    (b) => !boxes.some((o) => o !== b && o.x0 <= b.x0 + 1 && o.x1 >= b.x1 - 1 && o.y0 <= b.y0 + 1 && o.y1 >= b.y1 - 1 && (o.x1 - o.x0) * (o.y1 - o.y0) > (b.x1 - b.x0) * (b.y1 - b.y0)),
  );
  return outer.sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0);
}
