import type { Ruling } from "@yusuan/schema";
import { apply, eachOperator, multiply, OPS, type Matrix, type RawPage } from "./pdf.js";

export type { Ruling };

/** Rectangles thinner than this (points) are drawn borders, not shaded areas. */
const THIN = 3;
/** Rules this close (points) on one axis are the same rule. */
const SAME_POS = 1.2;
/** Glyph strokes are no longer than this (points) even in large titles. */
const THIN_TEXT_REACH = 20;
/** Collinear pieces with gaps up to this (points) form one rule. */
const JOIN_GAP = 2.5;

const STROKES = new Set<number>([OPS.stroke, OPS.closeStroke, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
const FILLS = new Set<number>([OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);

type Point = [number, number];

/** Splits pdf.js's serialized path (DrawOPS) into subpaths of transformed points; `closed` marks closePath. */
function subpaths(data: ArrayLike<number>, m: Matrix): { points: Point[]; closed: boolean }[] {
  const out: { points: Point[]; closed: boolean }[] = [];
  let cur: Point[] = [];
  for (let i = 0; i < data.length; ) {
    const op = data[i++]!;
    if (op === 0) {
      if (cur.length) out.push({ points: cur, closed: false });
      cur = [apply(m, data[i]!, data[i + 1]!)];
      i += 2;
    } else if (op === 1) {
      cur.push(apply(m, data[i]!, data[i + 1]!));
      i += 2;
    } else if (op === 2) {
      cur.push(apply(m, data[i + 4]!, data[i + 5]!));
      i += 6;
    } else if (op === 3) {
      cur.push(apply(m, data[i + 2]!, data[i + 3]!));
      i += 4;
    } else {
      if (cur.length) out.push({ points: cur, closed: true });
      cur = cur.length ? [cur[0]!] : [];
    }
  }
  if (cur.length > 1) out.push({ points: cur, closed: false });
  return out;
}

function segmentRuling(p: Point, q: Point): Ruling | null {
  const dx = Math.abs(p[0] - q[0]);
  const dy = Math.abs(p[1] - q[1]);
  if (dy <= 0.5 && dx > 1) return { dir: "h", pos: (p[1] + q[1]) / 2, start: Math.min(p[0], q[0]), end: Math.max(p[0], q[0]) };
  if (dx <= 0.5 && dy > 1) return { dir: "v", pos: (p[0] + q[0]) / 2, start: Math.min(p[1], q[1]), end: Math.max(p[1], q[1]) };
  return null;
}

/** A thin filled shape (a rectangle, or one with mitred corners) is a rule along its long side. */
function rectRuling(points: Point[]): Ruling | null {
  if (points.length < 3 || points.length > 8) return null;
  let [x0, y0] = points[0]!;
  let [x1, y1] = [x0, y0];
  for (const [x, y] of points) {
    x0 = Math.min(x0, x);
    x1 = Math.max(x1, x);
    y0 = Math.min(y0, y);
    y1 = Math.max(y1, y);
  }
  const w = x1 - x0;
  const h = y1 - y0;
  if (h <= THIN && w > h) return { dir: "h", pos: (y0 + y1) / 2, start: x0, end: x1 };
  if (w <= THIN && h > w) return { dir: "v", pos: (x0 + x1) / 2, start: y0, end: y1 };
  return null;
}

/** Joins collinear overlapping pieces into whole rules. */
export function mergeRulings(rulings: readonly Ruling[]): Ruling[] {
  const out: Ruling[] = [];
  for (const dir of ["h", "v"] as const) {
    const sorted = rulings.filter((r) => r.dir === dir).sort((a, b) => a.pos - b.pos);
    const bands: Ruling[][] = [];
    for (const r of sorted) {
      const band = bands[bands.length - 1];
      if (band && r.pos - band[0]!.pos <= SAME_POS) band.push(r);
      else bands.push([r]);
    }
    for (const band of bands) {
      const pos = band.reduce((s, r) => s + r.pos, 0) / band.length;
      band.sort((a, b) => a.start - b.start);
      let cur: Ruling | null = null;
      for (const r of band) {
        if (cur && r.start <= cur.end + JOIN_GAP) cur.end = Math.max(cur.end, r.end);
        else {
          if (cur) out.push(cur);
          cur = { dir, pos, start: r.start, end: r.end };
        }
      }
      if (cur) out.push(cur);
    }
  }
  return out;
}

/**
 * Reads the page's drawing operators for table borders: stroked axis-aligned lines and thin filled
 * rectangles (many renderers draw borders that way), in display coordinates, joined.
 * @example const rules = findRulings(page); // [{ dir: "h", pos: 88.2, start: 31.7, end: 810 }, …]
 */
export function findRulings(page: RawPage): Ruling[] {
  const found: Ruling[] = [];
  // The path-to-display matrix, kept while the CTM stays: pages draw many paths under one CTM.
  let m: Matrix = page.viewport;
  let mFor: Matrix | null = null;
  eachOperator(page.fnArray, page.argsArray, (fn, args, ctm) => {
    if (fn !== OPS.constructPath || !args) return;
    const op = args[0] as number;
    const data = (args[1] as (ArrayLike<number> | null)[] | undefined)?.[0];
    if (!data || !(STROKES.has(op) || FILLS.has(op))) return;
    if (mFor !== ctm) {
      m = multiply(page.viewport, ctm);
      mFor = ctm;
    }
    for (const sp of subpaths(data, m)) {
      if (FILLS.has(op)) {
        const r = rectRuling(sp.points);
        if (r) found.push(r);
      }
      if (STROKES.has(op)) {
        const pts = sp.closed ? [...sp.points, sp.points[0]!] : sp.points;
        for (let k = 1; k < pts.length; k++) {
          const r = segmentRuling(pts[k - 1]!, pts[k]!);
          if (r) found.push(r);
        }
      }
    }
  });
  return mergeRulings(found);
}

/**
 * Drops rules that are strokes of glyphs drawn as shapes (outlined text): short rules lying inside
 * the box of a run of text. Cell borders run between texts, never through one.
 * @example withoutGlyphStrokes(findRulings(page), buildRuns(page.items));
 */
export function withoutGlyphStrokes(rulings: readonly Ruling[], boxes: readonly { x0: number; x1: number; y0: number; y1: number; size: number }[]): Ruling[] {
  return rulings.filter((r) => {
    if (r.end - r.start > 2 * THIN_TEXT_REACH) return true;
    return !boxes.some((b) => {
      const slack = 0.1 * b.size;
      const [along0, along1, across0, across1] = r.dir === "v" ? [b.y0, b.y1, b.x0, b.x1] : [b.x0, b.x1, b.y0, b.y1];
      return r.end - r.start <= 1.5 * b.size && r.start >= along0 - slack && r.end <= along1 + slack && r.pos > across0 + slack && r.pos < across1 - slack;
    });
  });
}
