import { createCanvas } from "@napi-rs/canvas";
import { buildRuns, collectingStrayRejections, groupLines, openPdf, uprightView, type Line } from "@yusuan/extract";

/** One page drawn upright, as extraction viewed it, with the lines of text extraction read on it. */
export interface DrawnPage {
  readonly page: number;
  /** the page's size in points, as the cells' bboxes measure it */
  readonly width: number;
  readonly height: number;
  /** the page as a WebP image, or the reason it could not be drawn */
  readonly image: Buffer | { readonly error: string };
  readonly lines: readonly Line[];
}

/** Options of {@link drawPages}. */
export interface DrawOptions {
  /** image pixels per point (default 1.5: 893 × 1263 pixels for A4, small digits still sharp) */
  readonly scale?: number;
  /** WebP quality, 0–100 (default 80: a fourth of a PNG's bytes, text edges clean) */
  readonly quality?: number;
  /** only these pages (1-based; default every page) */
  readonly pages?: readonly number[];
}

/**
 * Draws every page of a PDF as an image in the view extraction read it in (a sideways table turned upright),
 * handing each page over as soon as it is drawn so that only one image is held at a time. A damaged file
 * throws; so does one on which pdf.js leaves a rejection unhandled (it would otherwise end the process).
 * @example await drawPages(bytes, async (p) => writeFileSync(`p${p.page}.webp`, p.image as Buffer));
 */
export async function drawPages(bytes: Uint8Array, each: (page: DrawnPage) => Promise<void> | void, options: DrawOptions = {}): Promise<void> {
  const { strays } = await collectingStrayRejections(() => drawAll(bytes, each, options));
  if (strays.length) throw new Error(`${strays[0]!.message} (pdf.js met it while drawing the pages and left it unhandled)`);
}

async function drawAll(bytes: Uint8Array, each: (page: DrawnPage) => Promise<void> | void, options: DrawOptions): Promise<void> {
  const scale = options.scale ?? 1.5;
  const doc = await openPdf(bytes, { render: true }).promise;
  try {
    for (let n = 1; n <= doc.numPages; n++) {
      if (options.pages && !options.pages.includes(n)) continue;
      const page = await doc.getPage(n);
      try {
        const view = await uprightView(page);
        const lines = groupLines(buildRuns(view.items));
        const viewport = page.getViewport({ scale, rotation: view.rotation });
        let image: DrawnPage["image"];
        try {
          const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
          const context = canvas.getContext("2d");
          context.fillStyle = "#fff";
          context.fillRect(0, 0, canvas.width, canvas.height);
          // pdf.js types its context as the DOM's (a type Node has not); @napi-rs/canvas implements that interface
          await page.render({ canvas: null, canvasContext: context as never, viewport }).promise;
          image = await canvas.encode("webp", options.quality ?? 80);
        } catch (error) {
          image = { error: error instanceof Error ? error.message : String(error) };
        }
        await each({ page: n, width: view.width, height: view.height, image, lines });
      } finally {
        page.cleanup();
      }
    }
  } finally {
    await doc.destroy();
  }
}
