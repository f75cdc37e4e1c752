import { z } from "zod";

/**
 * Where a page's text came from: its text layer (`pdf`), or recognition of its picture (`ocr`).
 * @example TextSource.parse("ocr")
 */
export const TextSource = z.enum(["pdf", "ocr"]);
export type TextSource = z.infer<typeof TextSource>;

/**
 * One character with its horizontal extent on the displayed page (points). A recognized character
 * keeps the engine's confidence in it (0..1); a character of the text layer has none.
 * @example { ch: "8", x0: 310.2, x1: 315.1, confidence: 0.998 }
 */
export const Glyph = z.object({
  ch: z.string(),
  x0: z.number(),
  x1: z.number(),
  confidence: z.number().min(0).max(1).optional(),
});
export type Glyph = z.infer<typeof Glyph>;

/**
 * A stretch of text on one baseline with no cell-sized gap inside it, in display coordinates (points,
 * top-left origin, y down): what pdf.js's text items and OCR's recognized lines both become. `glyphs`
 * keep per-character positions so a run can be cut at a column rule; `confidence` is the lowest of
 * its glyphs' (recognized text only).
 * @example { text: "853.73", glyphs, x0: 300, x1: 330, y0: 96, y1: 108, baseline: 106, size: 10.5, source: "ocr", confidence: 0.99 }
 */
export const TextRun = z.object({
  text: z.string(),
  glyphs: z.array(Glyph),
  x0: z.number(),
  x1: z.number(),
  y0: z.number(),
  y1: z.number(),
  baseline: z.number(),
  size: z.number(),
  source: TextSource,
  confidence: z.number().min(0).max(1).optional(),
});
export type TextRun = z.infer<typeof TextRun>;

/**
 * A horizontal (`h`) or vertical (`v`) table rule on the displayed page: at `pos` (y or x) from
 * `start` to `end`, in points; drawn as a path in a text PDF, found as a long stroke in a scan.
 * @example { dir: "h", pos: 88.2, start: 31.7, end: 810 }
 */
export const Ruling = z.object({
  dir: z.enum(["h", "v"]),
  pos: z.number(),
  start: z.number(),
  end: z.number(),
});
export type Ruling = z.infer<typeof Ruling>;
