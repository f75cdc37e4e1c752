import type { GrayImage } from "./image.js";
import { INK } from "./deskew.js";

/** A rule found in the picture, in pixels: row (h) or column (v) `pos`, from `start` to `end`. */
export interface PixelRule {
  dir: "h" | "v";
  pos: number;
  start: number;
  end: number;
  /** thickness in pixels: the rows (or columns) of ink it was made of */
  thickness: number;
}

/** Gaps in a stroke up to this (pixels) are noise or blur, not its end. */
const GAP = 3;
/** Strokes this many line heights long or longer are rules: the longest stroke of a character is one. */
const RULE_REACH = 2.2;
/**
 * Only strokes this many line heights long are painted out before reading: a cover's title is printed
 * two or three times larger, and the strokes of its characters must stay (extraction drops them as rules).
 */
const ERASE_REACH = 4.5;

/**
 * The long strokes of a straightened page: runs of ink along rows (horizontal rules) and columns
 * (vertical rules) at least `minLength` pixels long, neighbouring rows of one stroke joined.
 * @example findRules(page, 60) // [{ dir: "h", pos: 301, start: 80, end: 1590, thickness: 3 }, …]
 */
export function findRules(img: GrayImage, minLength: number): PixelRule[] {
  return [...strokes(img, "h", minLength), ...strokes(img, "v", minLength)];
}

/** The shortest rule (pixels) at a resolution, in lines of 10.5 pt text. */
export const minRuleLength = (pixelsPerPoint: number): number => Math.round(RULE_REACH * 10.5 * pixelsPerPoint);

/** The shortest rule (pixels) painted out before reading, at a resolution (see {@link ERASE_REACH}). */
export const minErasedLength = (pixelsPerPoint: number): number => Math.round(ERASE_REACH * 10.5 * pixelsPerPoint);

function strokes(img: GrayImage, dir: "h" | "v", minLength: number): PixelRule[] {
  const [lines, along] = dir === "h" ? [img.height, img.width] : [img.width, img.height];
  const at = dir === "h" ? (line: number, i: number) => img.data[line * img.width + i]! : (line: number, i: number) => img.data[i * img.width + line]!;
  /** open strokes: those seen on the previous line, extended while the next line continues them */
  let open: PixelRule[] = [];
  const done: PixelRule[] = [];
  for (let line = 0; line < lines; line++) {
    const found: { start: number; end: number }[] = [];
    let start = -1;
    let last = -1;
    for (let i = 0; i < along; i++) {
      if (at(line, i) >= INK) continue;
      if (start >= 0 && i - last > GAP + 1) {
        if (last - start + 1 >= minLength) found.push({ start, end: last });
        start = i;
      } else if (start < 0) start = i;
      last = i;
    }
    if (start >= 0 && last - start + 1 >= minLength) found.push({ start, end: last });
    const next: PixelRule[] = [];
    for (const f of found) {
      const k = open.findIndex((o) => o.start <= f.end && f.start <= o.end);
      if (k >= 0) {
        const o = open.splice(k, 1)[0]!;
        // pos is the running mean of the stroke's lines
        next.push({ dir, pos: (o.pos * o.thickness + line) / (o.thickness + 1), start: Math.min(o.start, f.start), end: Math.max(o.end, f.end), thickness: o.thickness + 1 });
      } else next.push({ dir, pos: line, start: f.start, end: f.end, thickness: 1 });
    }
    done.push(...open);
    open = next;
  }
  done.push(...open);
  return done;
}

/**
 * The picture with its rules painted out (paper): a rule beside a number is read as a 1 or a |, and
 * text touching a rule is taken as one line with the text across it.
 * @example recognize(withoutRules(page, findRules(page, 60)))
 */
export function withoutRules(img: GrayImage, rules: readonly PixelRule[]): GrayImage {
  const data = new Uint8Array(img.data);
  for (const r of rules) {
    const half = r.thickness / 2 + 1.5;
    for (let p = Math.floor(r.pos - half); p <= Math.ceil(r.pos + half); p++) {
      for (let i = r.start; i <= r.end; i++) {
        const [x, y] = r.dir === "h" ? [i, p] : [p, i];
        if (x >= 0 && y >= 0 && x < img.width && y < img.height && data[y * img.width + x]! < 200) data[y * img.width + x] = 255;
      }
    }
  }
  return { width: img.width, height: img.height, data };
}
