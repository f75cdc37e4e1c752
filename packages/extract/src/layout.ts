import { readScannedPage } from "@yusuan/ocr";
import type { PageInfo } from "@yusuan/schema";
import { groupLines } from "./lines.js";
import { readPagePictures } from "./pdf.js";
import { withoutGlyphStrokes } from "./rulings.js";
import type { PageLayout } from "./tables.js";

/**
 * The page's text runs and rulings are what every later step reads, whatever produced them: pdf.js from
 * the text layer (text-runs.ts, rulings.ts), or OCR from the picture of a page without one (here).
 * Tolerances that depend on the source live with it: the OCR package places recognized characters as
 * the text layer's are placed (nominal widths, one run per cell), so tables, rows and columns need none.
 */

/** One page as read so far: its layout and what is known of it. */
export interface ReadPage {
  layout: PageLayout;
  info: PageInfo;
}

/**
 * Reads the pages without a text layer by OCR, in place: each one's layout becomes the runs and rules
 * read from its picture (glyph strokes of large print dropped, as on text pages), its info says `ocr`.
 * A page with no picture, or none OCR finds text in, stays blank.
 * @example await readScans(bytes, pages, (done, total) => progress(done, total));
 */
export async function readScans(bytes: Uint8Array, pages: readonly ReadPage[], onOcrPage?: (done: number, total: number) => void): Promise<void> {
  const scans = pages.filter((r) => r.info.textChars === 0);
  if (!scans.length) return;
  let done = 0;
  await readPagePictures(bytes, scans.map((r) => r.info.page), async ({ page, image, placement }) => {
    const { runs, rulings } = await readScannedPage(image, placement);
    const read = scans.find((s) => s.info.page === page)!;
    read.layout = { page, runs, rulings: withoutGlyphStrokes(rulings, runs), lines: groupLines(runs) };
    read.info = { ...read.info, textChars: runs.reduce((n, run) => n + run.text.replace(/\s/g, "").length, 0), source: "ocr" };
    onOcrPage?.(++done, scans.length);
  });
}
