import { horizontalBetween, mid, NUMERIC, type GridColumn, type Piece } from "./grid-parts.js";
import type { Line } from "./lines.js";
import type { Ruling } from "./rulings.js";

/** Lines closer than this (in font sizes) without a rule between them are one wrapped row. */
const WRAP_GAP = 0.45;
/** Horizontal rules closer than this (points) bound the same row. */
const ROW_RULE_GAP = 3;

/**
 * Rows of a body ruled row by row: a piece belongs to the cell whose top rule is the nearest rule
 * above it in its own column, and so to the row that starts at that rule (a rowspan's text goes to
 * its first row, a wrapped cell stays whole).
 */
export function rowsByRules(bodyPieces: readonly Piece[][], columns: readonly GridColumn[], hs: readonly Ruling[]): Piece[][] {
  // Rules closer than a line of text are one row boundary (a double rule under a total, drawn in some
  // columns only), so a row's cells under either stay one row.
  const tops: number[] = [];
  for (const pos of hs.map((h) => h.pos).sort((a, b) => a - b)) if (!tops.length || pos - tops[tops.length - 1]! > ROW_RULE_GAP) tops.push(pos);
  const rowOf = (pos: number): number => {
    const next = tops.findIndex((t) => t > pos + 0.5);
    return (next < 0 ? tops.length : next) - 1;
  };
  // The rules crossing each column, found once per column rather than once per piece.
  const crossing = columns.map((col) => {
    const x = mid(col.x0, col.x1);
    return hs.filter((h) => h.start <= x + 1 && h.end >= x - 1).map((h) => h.pos);
  });
  const rows = new Map<number, Piece[]>();
  for (const p of bodyPieces.flat()) {
    const y = mid(p.run.y0, p.run.y1);
    const above = crossing[p.col]!.filter((pos) => pos < y);
    const top = above.length ? Math.max(...above) : -Infinity;
    const key = top === -Infinity ? -1 : rowOf(top);
    const row = rows.get(key);
    if (row) row.push(p);
    else rows.set(key, [p]);
  }
  return [...rows.entries()].sort((a, b) => a[0] - b[0]).map(([, pieces]) => pieces);
}

/**
 * Rows of a body without rules between rows: a line starts a new row unless it wraps the row above
 * (close, no rule between, no column where both hold a number, at most one column continued), or is
 * part of a label centred around its row's numbers.
 */
export function rowsByLines(body: readonly Line[], bodyPieces: readonly Piece[][], hs: readonly Ruling[]): Piece[][] {
  const rows: Piece[][] = [];
  const claimedBy = centredWraps(body, bodyPieces, hs);
  let current: { pieces: Piece[]; last: Line } | null = null;
  body.forEach((line, i) => {
    if (claimedBy.has(i)) return;
    const pieces = [...bodyPieces[i]!];
    for (const [j, anchor] of claimedBy) if (anchor === i) pieces.push(...bodyPieces[j]!);
    if (current) {
      const prev = current.last;
      const xs = pieces.map((p) => mid(p.run.x0, p.run.x1));
      const ruleBetween = xs.some((x) => horizontalBetween(hs, mid(prev.y0, prev.y1), mid(line.y0, line.y1), x));
      const close = line.y0 - prev.y1 < WRAP_GAP * Math.min(line.size, prev.size);
      const shared = new Set(pieces.filter((p) => current!.pieces.some((q) => q.col === p.col)).map((p) => p.col));
      const numberClash = pieces.some(
        (p) => NUMERIC.test(p.run.text) && current!.pieces.some((q) => q.col === p.col && NUMERIC.test(q.run.text)),
      );
      // A label left with an open bracket goes on in the next line, however wide the spacing.
      const open = [...shared].some((c) => unclosed(current!.pieces.filter((q) => q.col === c)));
      const textOnly = !pieces.some((p) => NUMERIC.test(p.run.text));
      if (!ruleBetween && !numberClash && shared.size < 2 && (close || (open && textOnly))) {
        current.pieces.push(...pieces);
        current.last = line;
        return;
      }
      rows.push(current.pieces);
    }
    current = { pieces, last: line };
  });
  if (current) rows.push((current as { pieces: Piece[] }).pieces);
  return rows;
}

/** Does a cell's text open more brackets than it closes ("青禾市统计监测中心（青禾市统计")? */
function unclosed(pieces: readonly Piece[]): boolean {
  const text = pieces.map((p) => p.run.text).join("");
  return (text.match(/[（(]/g)?.length ?? 0) > (text.match(/[）)]/g)?.length ?? 0);
}

const isData = (pieces: readonly Piece[]): boolean => pieces.some((p) => NUMERIC.test(p.run.text));

/**
 * Cells centred vertically in a row whose label wraps: the row's numbers sit on a line of their own,
 * with the label's lines spread evenly above and below it. Each such line is claimed by the data line
 * it surrounds (line index → data line index). Only lines holding no number, in columns where the data
 * line has nothing, at the same pitch on both sides, with no rule between, are claimed.
 */
function centredWraps(body: readonly Line[], pieces: readonly Piece[][], hs: readonly Ruling[]): Map<number, number> {
  const claimed = new Map<number, number>();
  const cols = (i: number): Set<number> => new Set(pieces[i]!.map((p) => p.col));
  body.forEach((line, d) => {
    if (!isData(pieces[d]!)) return;
    const own = cols(d);
    for (let k = 1; d - k >= 0 && d + k < body.length; k++) {
      const u = d - k;
      const b = d + k;
      if (claimed.has(u) || claimed.has(b) || isData(pieces[u]!) || isData(pieces[b]!)) break;
      if ([...cols(u), ...cols(b)].some((c) => own.has(c))) break;
      const above = body[u + 1]!.baseline - body[u]!.baseline;
      const below = body[b]!.baseline - body[b - 1]!.baseline;
      if (Math.abs(above - below) > 0.3 * line.size) break;
      const x = mid(Math.min(...pieces[u]!.map((p) => p.run.x0)), Math.max(...pieces[u]!.map((p) => p.run.x1)));
      if (horizontalBetween(hs, body[u]!.y1, body[b]!.y0, x)) break;
      claimed.set(u, d);
      claimed.set(b, d);
    }
  });
  return claimed;
}
