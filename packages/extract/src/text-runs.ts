import type { Glyph, TextRun, TextSource } from "@yusuan/schema";
import { isHorizontal, type Matrix, type RawTextItem } from "./pdf.js";
import { unifyRadical } from "./radicals.js";

/** A run of the page's text: built here from pdf.js's items, or read by OCR from a scan. */
export type Run = TextRun;
export type { Glyph };

/** A white-space gap inside one text item wider than this (in font sizes) separates two cells. */
const ITEM_SPLIT_GAP = 0.9;
/** Pieces on one baseline closer than this (in font sizes) belong to the same run. */
const MERGE_GAP = 0.3;
/** Pieces closer than this (in font sizes) are joined without a space. */
const TIGHT_GAP = 0.12;

const AMOUNT_PIECE = /^-?[\d,]+\.\d+$/;
const SPACE = /\s/;
const WORDS_START = /^[\u4e00-\u9fff（(]/;
const TWO_DECIMALS = /\.\d{2}$/;
const AMOUNT_START = /^[-\d]/;
const HAN = /[\u4e00-\u9fff]/;
const FULL_WIDTH = /[\u2e80-\uffef]/;
const HALF_WIDTH_FORM = /[\uff61-\uff9f]/;
const isSpace = (ch: string): boolean => SPACE.test(ch);
/** Nominal advance of a character in font sizes: CJK and full-width forms are square, the rest about half. */
const nominalWidth = (ch: string): number => (FULL_WIDTH.test(ch) && !HALF_WIDTH_FORM.test(ch) ? 1 : 0.5);
const textOf = (glyphs: readonly Glyph[]): string => glyphs.map((g) => g.ch).join("");

interface Piece {
  glyphs: Glyph[];
  baseline: number;
  size: number;
}

/**
 * Places the characters of one item: known nominal widths for printing characters, and whatever
 * width remains goes to the spaces, which is where renderers hide the gap between two cells.
 */
function placeItem(item: RawTextItem): Piece[] {
  const [, , c, d, e, f] = item.matrix;
  const size = Math.hypot(c, d);
  const chars = [...item.str].map(unifyRadical);
  if (!chars.length || size <= 0) return [];
  if (!isHorizontal(item.matrix)) return placeUpright(chars, item.matrix, size);
  const width = Math.max(item.width, 0);
  const spacing = chars.map(isSpace);
  const nominal = chars.map((ch, i) => (spacing[i] ? 0 : nominalWidth(ch) * size));
  const printing = nominal.reduce((s, w) => s + w, 0);
  const spaces = spacing.filter(Boolean).length;
  let widths: number[];
  if (width <= 0) widths = nominal;
  else if (spaces > 0 && width > printing) widths = spaceWidths(spacing, nominal, width - printing, size);
  else {
    const spaceNominal = 0.5 * size;
    const total = printing + spaces * spaceNominal;
    widths = chars.map((_, i) => ((spacing[i] ? spaceNominal : nominal[i]!) * width) / total);
  }
  const pieces: Piece[] = [];
  let current: Glyph[] = [];
  // A space joins `current` only after a glyph, so a trimmed piece is never empty.
  const close = (): void => {
    if (current.length) pieces.push({ glyphs: trimSpaces(current), baseline: f, size });
    current = [];
  };
  let x = e;
  for (let i = 0; i < chars.length; i++) {
    const w = widths[i]!;
    if (spacing[i]) {
      // "18,330.37 一、一般公共服务支出": an amount never shares its cell with the words after it.
      // (Its text is joined only where words follow: joining it at every space is quadratic.)
      const amountEnds = HAN.test(chars[i + 1] ?? "") && AMOUNT_PIECE.test(textOf(current));
      if (w > ITEM_SPLIT_GAP * size || amountEnds) close();
      else if (current.length) current.push({ ch: " ", x0: x, x1: x + w });
    } else current.push({ ch: chars[i]!, x0: x, x1: x + w });
    x += w;
  }
  close();
  return pieces;
}

/**
 * Shares the width left over by the printing characters among the spaces: each space gets up to a
 * normal half-em, the rest goes to runs of spaces by the square of their length, so "合 计    618.22"
 * keeps its inner space narrow and puts the gap where the many spaces are.
 */
function spaceWidths(spacing: readonly boolean[], nominal: readonly number[], rest: number, size: number): number[] {
  const spaces = spacing.filter(Boolean).length;
  const base = Math.min(0.5 * size, rest / spaces);
  const extra = rest - base * spaces;
  const runLength = spacing.map((space, i) => {
    if (!space) return 0;
    let s = i;
    let e = i;
    while (s > 0 && spacing[s - 1]) s--;
    while (e + 1 < spacing.length && spacing[e + 1]) e++;
    return e - s + 1;
  });
  // Each space of a run of length n carries n of the run's n² share.
  const total = runLength.reduce((sum, n) => sum + n, 0);
  return spacing.map((space, i) => (space ? base + (extra * runLength[i]!) / total : nominal[i]!));
}

/**
 * Text not running left to right on the displayed page (a narrow header set vertically): each
 * character stands on a baseline of its own along the text direction, as if stacked one per line.
 */
function placeUpright(chars: readonly string[], [a, b, , , e, f]: Matrix, size: number): Piece[] {
  const norm = Math.hypot(a, b) || 1;
  const [dx, dy] = [a / norm, b / norm];
  return chars.flatMap((ch, i) => {
    if (isSpace(ch)) return [];
    const x = e + dx * (i + 0.5) * size;
    const y = f + dy * (i + 0.5) * size;
    return [{ glyphs: [{ ch, x0: x - 0.5 * size, x1: x + 0.5 * size }], baseline: y + 0.35 * size, size }];
  });
}

/** The glyphs without leading and trailing spaces: the same array when there are none to drop. */
function trimSpaces(glyphs: Glyph[]): Glyph[] {
  let s = 0;
  let e = glyphs.length;
  while (s < e && glyphs[s]!.ch === " ") s++;
  while (e > s && glyphs[e - 1]!.ch === " ") e--;
  return s === 0 && e === glyphs.length ? glyphs : glyphs.slice(s, e);
}

function toRun(p: Piece, text = textOf(p.glyphs), source: TextSource = "pdf"): Run {
  const glyphs = p.glyphs;
  // A loop: this runs for every run of every text page, which carry no confidence.
  let confidence: number | undefined;
  for (const g of glyphs) if (g.confidence !== undefined) confidence = Math.min(confidence ?? 1, g.confidence);
  return {
    text,
    glyphs,
    x0: glyphs[0]!.x0,
    x1: glyphs[glyphs.length - 1]!.x1,
    y0: p.baseline - 0.85 * p.size,
    y1: p.baseline + 0.15 * p.size,
    baseline: p.baseline,
    size: p.size,
    source,
    ...(confidence === undefined ? {} : { confidence }),
  };
}

/**
 * Turns pdf.js text items into runs: items split where a wide gap hides inside them, pieces of one
 * number or word on the same baseline merged back together.
 * @example const runs = buildRuns(page.items); // "18,330.37 一、一般公共服务支出" → two runs
 */
export function buildRuns(items: readonly RawTextItem[]): Run[] {
  const pieces = items.flatMap(placeItem).sort((p, q) => p.baseline - q.baseline || p.glyphs[0]!.x0 - q.glyphs[0]!.x0);
  // Group pieces by baseline, then merge neighbours left to right.
  const lines: Piece[][] = [];
  for (const p of pieces) {
    const line = lines[lines.length - 1];
    if (line && Math.abs(line[0]!.baseline - p.baseline) <= 0.25 * Math.max(line[0]!.size, p.size)) line.push(p);
    else lines.push([p]);
  }
  const runs: Run[] = [];
  for (const line of lines) {
    line.sort((p, q) => p.glyphs[0]!.x0 - q.glyphs[0]!.x0);
    // The text of `cur` grows with it: joining its glyphs at every step is quadratic on long lines.
    let cur: Piece | null = null;
    let text = "";
    for (const p of line) {
      const first = p.glyphs[0]!;
      if (cur) {
        const last = cur.glyphs[cur.glyphs.length - 1]!;
        const gap = first.x0 - last.x1;
        const size = Math.max(cur.size, p.size);
        // An amount is followed by words or by the next column's amount, never by more of itself
        // once its two decimals are complete.
        const amountThenWords = AMOUNT_PIECE.test(text) && (WORDS_START.test(first.ch) || (TWO_DECIMALS.test(text) && AMOUNT_START.test(first.ch)));
        if (gap <= MERGE_GAP * size && gap >= -size && !amountThenWords) {
          if (gap > TIGHT_GAP * size) {
            cur.glyphs.push({ ch: " ", x0: last.x1, x1: first.x0 });
            text += " ";
          }
          cur.glyphs.push(...p.glyphs);
          text += textOf(p.glyphs);
          cur.size = size;
          continue;
        }
        runs.push(toRun(cur, text));
      }
      // The pieces are this call's own: a run may take over (and grow) its first piece's glyphs.
      cur = { glyphs: p.glyphs, baseline: p.baseline, size: p.size };
      text = textOf(p.glyphs);
    }
    if (cur) runs.push(toRun(cur, text));
  }
  return runs;
}

/** Cuts a run at the given x positions (column rules), keeping each character on the side of its centre. */
export function splitRunAt(run: Run, xs: readonly number[]): Run[] {
  const cuts = xs.filter((x) => x > run.x0 && x < run.x1).sort((a, b) => a - b);
  if (!cuts.length) return [run];
  const groups: Glyph[][] = cuts.map(() => []);
  groups.push([]);
  for (const g of run.glyphs) {
    const mid = (g.x0 + g.x1) / 2;
    let k = 0;
    while (k < cuts.length && mid > cuts[k]!) k++;
    groups[k]!.push(g);
  }
  return groups
    .map(trimSpaces)
    .filter((g) => g.length)
    .map((glyphs) => toRun({ glyphs, baseline: run.baseline, size: run.size }, textOf(glyphs), run.source));
}
