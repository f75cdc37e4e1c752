import type { Glyph, Ruling, TextRun } from "@yusuan/schema";
import { skewAngle } from "./deskew.js";
import { detectLines, loadEngine, recognizeLine, type LineBox, type ReadChar } from "./engine.js";
import { rotate, toGray, type PageImage } from "./image.js";
import { findRules, minErasedLength, minRuleLength, withoutRules, type PixelRule } from "./rules.js";

/** Where the picture sits on the displayed page, in points (top-left origin, y down). */
export interface Placement {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** What OCR reads from one page: the same runs and rules pdf.js gives for a text page. */
export interface ScannedPage {
  runs: TextRun[];
  rulings: Ruling[];
  /** the rotation (degrees, clockwise) taken out before reading */
  skew: number;
}

/** A recognized line's box is taller than its print: the font size is this share of it. */
const SIZE_OF_BOX = 0.9;
/** Characters whose centres are further apart than this (font sizes) are in different runs (cells). */
const RUN_GAP = 1.8;
/** Skew smaller than this (degrees) is left alone: turning the picture costs more than it gains. */
const NEGLIGIBLE_SKEW = 0.05;
const CJK = /[\u2e80-\uffef]/;
/** The recognizer reads a printed bracket as either width; Chinese print uses the full-width ones. */
const FULL_WIDTH_BRACKET: Record<string, string> = { "(": "（", ")": "）" };

/**
 * Reads a scanned page: straightens it, finds its table rules (long strokes), paints them out, finds
 * the text lines and reads each one cell by cell (a line crossing a vertical rule is cut there first),
 * in page points.
 * @example const { runs, rulings } = await readScannedPage(image, { x0: 0, y0: 0, x1: 595.44, y1: 842.04 });
 */
export async function readScannedPage(image: PageImage, placement: Placement): Promise<ScannedPage> {
  const engine = await loadEngine();
  const gray = toGray(image);
  const skew = skewAngle(gray);
  const straight = Math.abs(skew) < NEGLIGIBLE_SKEW ? gray : rotate(gray, -skew);
  const scale = image.width / (placement.x1 - placement.x0);
  const rules = findRules(straight, minRuleLength(scale));
  // Only long rules are painted out and cut lines: a shorter one may be a stroke of a large character.
  const long = rules.filter((r) => r.end - r.start >= minErasedLength(scale));
  const clean = withoutRules(straight, long);
  const verticals = long.filter((r) => r.dir === "v");
  const runs: TextRun[] = [];
  for (const line of await detectLines(engine, clean)) {
    for (const piece of cutAtRules(line, verticals)) {
      const chars = await recognizeLine(engine, clean, piece);
      runs.push(...toRuns(chars, piece, scale, placement));
    }
  }
  runs.sort((a, b) => a.baseline - b.baseline || a.x0 - b.x0);
  const toPoints = (r: PixelRule): Ruling => {
    const [offPos, offAlong] = r.dir === "h" ? [placement.y0, placement.x0] : [placement.x0, placement.y0];
    return { dir: r.dir, pos: offPos + r.pos / scale, start: offAlong + r.start / scale, end: offAlong + r.end / scale };
  };
  return { runs, rulings: rules.map(toPoints), skew };
}

/** A line box cut at the vertical rules that cross its middle: one piece per cell. */
function cutAtRules(box: LineBox, verticals: readonly PixelRule[]): LineBox[] {
  const mid = (box.y0 + box.y1) / 2;
  const cuts = verticals
    .filter((v) => v.pos > box.x0 + 2 && v.pos < box.x1 - 2 && v.start <= mid && v.end >= mid)
    .map((v) => v.pos)
    .sort((a, b) => a - b);
  const edges = [box.x0, ...cuts, box.x1];
  return edges.slice(1).map((x1, i) => ({ ...box, x0: edges[i]!, x1 })).filter((b) => b.x1 - b.x0 > 4);
}

/**
 * The characters of one piece as runs in page points: split where a wide gap separates them, each
 * glyph centred where it was read with the nominal width of its kind (as the text layer's are).
 */
function toRuns(chars: readonly ReadChar[], box: LineBox, scale: number, placement: Placement): TextRun[] {
  const size = ((box.y1 - box.y0) * SIZE_OF_BOX) / scale;
  const centre = placement.y0 + (box.y0 + box.y1) / 2 / scale;
  const baseline = centre + 0.35 * size;
  const groups: ReadChar[][] = [];
  let prevCentre = -Infinity;
  for (const c of chars) {
    const at = (c.x0 + c.x1) / 2 / scale;
    if (c.ch.trim() === "") continue;
    if (at - prevCentre > RUN_GAP * size || !groups.length) groups.push([]);
    groups[groups.length - 1]!.push(c);
    prevCentre = at;
  }
  return groups.map((group) => {
    const chinese = group.some((c) => CJK.test(c.ch) && !(c.ch in FULL_WIDTH_BRACKET));
    const glyphs: Glyph[] = group.map((c) => {
      const ch = chinese ? (FULL_WIDTH_BRACKET[c.ch] ?? c.ch) : c.ch;
      const at = placement.x0 + (c.x0 + c.x1) / 2 / scale;
      const half = (CJK.test(ch) ? 1 : 0.5) * size * 0.5;
      return { ch, x0: at - half, x1: at + half, confidence: c.confidence };
    });
    return {
      text: glyphs.map((g) => g.ch).join(""),
      glyphs,
      x0: glyphs[0]!.x0,
      x1: glyphs[glyphs.length - 1]!.x1,
      y0: baseline - 0.85 * size,
      y1: baseline + 0.15 * size,
      baseline,
      size,
      source: "ocr" as const,
      confidence: Math.min(...glyphs.map((g) => g.confidence ?? 1)),
    };
  });
}
