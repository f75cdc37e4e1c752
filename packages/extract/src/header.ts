import { COLUMN_INDEX, joinCell, mid, verticalAt, horizontalBetween, type GridColumn, type Piece } from "./grid-parts.js";
import type { Line } from "./lines.js";
import type { Ruling } from "./rulings.js";

/**
 * Without rules, group headers are centred over their columns and overlap few of them. When the top
 * header line holds several cells (收入 | 支出), each takes the columns whose first header cell below
 * sits on the same line as the cells right under it (its children), nearest centre first; a column
 * whose header stands between the levels (a rowspan like 合计) stays on its own.
 */
function splitTopLevel(cells: HeaderCell[], columns: readonly GridColumn[]): void {
  const first = cells[0];
  if (!first) return;
  const top = cells.filter((c) => c.y0 < first.y1);
  if (top.length < 2) return;
  const rest = cells.filter((c) => !top.includes(c));
  const x0 = (c: HeaderCell): number => Math.min(...c.pieces.map((p) => p.run.x0));
  const x1 = (c: HeaderCell): number => Math.max(...c.pieces.map((p) => p.run.x1));
  const size = first.pieces[0]!.run.size;
  const childLine = new Map<HeaderCell, number>();
  for (const t of top) {
    const under = rest.filter((c) => c.c0 <= t.c1 && c.c1 >= t.c0);
    if (under.length) childLine.set(t, Math.min(...under.map((c) => c.y0)));
  }
  const owners = columns.map((col, k) => {
    const below = rest.filter((c) => c.c0 <= k && c.c1 >= k);
    if (!below.length) return null;
    const line = Math.min(...below.map((c) => c.y0));
    const x = mid(col.x0, col.x1);
    const eligible = top.filter((t) => childLine.has(t) && Math.abs(childLine.get(t)! - line) < 0.5 * size);
    return eligible.sort((a, b) => Math.abs(mid(x0(a), x1(a)) - x) - Math.abs(mid(x0(b), x1(b)) - x))[0] ?? null;
  });
  for (const cell of top) {
    const mine = owners.map((o, i) => (o === cell ? i : -1)).filter((i) => i >= 0);
    if (!mine.length) continue;
    cell.c0 = Math.min(cell.c0, ...mine);
    cell.c1 = Math.max(cell.c1, ...mine);
  }
}

interface HeaderCell {
  c0: number;
  c1: number;
  y0: number;
  y1: number;
  pieces: Piece[];
}

/** Spreads header text over the leaf columns its cell spans and writes each column's path. */
export function assignHeader(
  header: readonly Line[],
  columns: GridColumn[],
  vs: readonly Ruling[],
  hs: readonly Ruling[],
  hasRules: boolean,
  textCuts: ReadonlySet<number>,
  piecesOf: (line: Line, index: number) => Piece[],
): void {
  const cells: HeaderCell[] = [];
  header.forEach((line, i) => {
    for (const p of piecesOf(line, i)) {
      const y = mid(p.run.y0, p.run.y1);
      let c0 = p.col;
      let c1 = p.col;
      // Without rules a header spans the columns it substantially overlaps.
      const covers = (c: GridColumn): boolean =>
        Math.min(p.run.x1, c.x1) - Math.max(p.run.x0, c.x0) >= 0.5 * Math.min(p.run.x1 - p.run.x0, c.x1 - c.x0);
      if (hasRules) {
        const open = (x: number, next: GridColumn): boolean => !verticalAt(vs, x, y) && (!textCuts.has(x) || covers(next));
        while (c0 > 0 && open(columns[c0]!.x0, columns[c0 - 1]!)) c0--;
        while (c1 < columns.length - 1 && open(columns[c1]!.x1, columns[c1 + 1]!)) c1++;
      } else {
        while (c0 > 0 && covers(columns[c0 - 1]!)) c0--;
        while (c1 < columns.length - 1 && covers(columns[c1 + 1]!)) c1++;
      }
      const x = mid(columns[c0]!.x0, columns[c1]!.x1);
      const same = cells.find(
        (h) =>
          h.c0 === c0 &&
          h.c1 === c1 &&
          p.run.y0 - h.y1 < (hasRules ? 1.2 : 0.5) * p.run.size &&
          !horizontalBetween(hs, mid(h.y0, h.y1), y, x) &&
          !horizontalBetween(hs, h.y1 - 0.5, p.run.y0 + 0.5, mid(p.run.x0, p.run.x1)),
      );
      if (same) {
        same.pieces.push(p);
        same.y0 = Math.min(same.y0, p.run.y0);
        same.y1 = Math.max(same.y1, p.run.y1);
      } else cells.push({ c0, c1, y0: p.run.y0, y1: p.run.y1, pieces: [p] });
    }
  });
  cells.sort((a, b) => a.y0 - b.y0);
  if (!hasRules) splitTopLevel(cells, columns);
  for (const cell of cells) {
    const text = joinCell(cell.pieces).text.replace(/\s+/g, "");
    // Column index rows ("栏次", 1 2 3 …, "**") number the columns; they name nothing.
    if (COLUMN_INDEX.test(text)) continue;
    for (let c = cell.c0; c <= cell.c1; c++) columns[c]!.path.push(text);
  }
}
