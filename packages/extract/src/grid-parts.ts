import type { BBox } from "@yusuan/schema";
import type { Ruling } from "./rulings.js";
import type { Run } from "./text-runs.js";

/** A rectangle of the displayed page. */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** One cell's text (lines joined) and where it sits. */
export interface GridCell {
  text: string;
  bbox: BBox;
  /** read by OCR: the lowest confidence of its runs */
  confidence?: number;
}

/** A leaf column: its header path and x extent. */
export interface GridColumn {
  path: string[];
  x0: number;
  x1: number;
}

/** A printed amount (a decimal, or an integer with thousands separators), a code, a number of any kind. */
export const AMOUNT = /^-?[\d,，]*\d\.\d+$|^-?\d{1,3}(,\d{3})+$/;
export const CODE = /^\d{3,}$/;
export const NUMERIC = /^[-+]?[\d,，.%]*\d[\d,，.%]*$/;
/** Column index rows ("栏次", 1 2 3 …, "**") number the columns; they name nothing. */
export const COLUMN_INDEX = /^(\d{1,2}|\*+|栏次|[A-Z])$/;

export const mid = (a: number, b: number): number => (a + b) / 2;
export const squeeze = (s: string): string => s.replace(/\s+/g, "");

/** Is there a vertical rule at x crossing height y? */
export const verticalAt = (vs: readonly Ruling[], x: number, y: number, tol = 2): boolean =>
  vs.some((v) => Math.abs(v.pos - x) <= tol && v.start <= y + 1 && v.end >= y - 1);

/**
 * The vertical rules near each of the positions `xs` (the ones {@link verticalAt} could find there):
 * asking these for many heights is cheaper than asking every rule of the page each time.
 */
export const rulesAtEach = (vs: readonly Ruling[], xs: readonly number[], tol = 2): Ruling[][] =>
  xs.map((x) => vs.filter((v) => Math.abs(v.pos - x) <= tol));

/** Is there a horizontal rule between heights a < b crossing x? */
export const horizontalBetween = (hs: readonly Ruling[], a: number, b: number, x: number): boolean =>
  hs.some((h) => h.pos > a && h.pos < b && h.start <= x + 1 && h.end >= x - 1);

/** A run placed in a column; `line` orders the lines of one cell. */
export interface Piece {
  run: Run;
  col: number;
  line: number;
}

/** Joins a cell's pieces: runs of one line with a space, wrapped lines directly (Chinese text). */
export function joinCell(pieces: readonly Piece[]): GridCell {
  const sorted = [...pieces].sort((a, b) => a.line - b.line || a.run.x0 - b.run.x0);
  let text = "";
  sorted.forEach((p, i) => {
    const prev = sorted[i - 1];
    text += prev && prev.line === p.line ? ` ${p.run.text}` : p.run.text;
  });
  const bbox: BBox = [
    Math.min(...sorted.map((p) => p.run.x0)),
    Math.min(...sorted.map((p) => p.run.y0)),
    Math.max(...sorted.map((p) => p.run.x1)),
    Math.max(...sorted.map((p) => p.run.y1)),
  ];
  return { text, bbox, ...lowestConfidence(sorted.map((p) => p.run)) };
}

/**
 * The lowest OCR confidence among things read together (runs of a cell, cells merged into one), as a
 * field to spread: none when none was read by OCR.
 * @example lowestConfidence([{ confidence: 0.99 }, { confidence: 0.7 }]) // { confidence: 0.7 }
 */
export function lowestConfidence(items: readonly { confidence?: number }[]): { confidence?: number } {
  let confidence: number | undefined;
  for (const i of items) if (i.confidence !== undefined) confidence = Math.min(confidence ?? 1, i.confidence);
  return confidence === undefined ? {} : { confidence };
}
