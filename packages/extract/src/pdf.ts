import { createRequire } from "node:module";
import { nativePush } from "./native-push.js";
import { countingWarnings } from "./pdfjs-warnings.js";
import { collectingStrayRejections } from "./stray-rejections.js";
import type { PageImage, Placement } from "@yusuan/ocr";
import { getDocument, OPS, type PDFDocumentLoadingTask, type PDFPageProxy } from "pdfjs-dist/legacy/build/pdf.mjs";
// pdf.js's worker runs on this thread; loading it now rather than at the first document lets push be
// put back once both halves of pdf.js have loaded.
import "pdfjs-dist/legacy/build/pdf.worker.mjs";

Array.prototype.push = nativePush;

export { OPS };

/** A 2-D affine matrix [a, b, c, d, e, f] as PDF and pdf.js use it. */
export type Matrix = [number, number, number, number, number, number];

/** Options of {@link readPdf}. */
export interface ReadOptions {
  /** pdf.js warnings past which the document is given up (default {@link MAX_WARNINGS}) */
  readonly maxWarnings?: number;
  /** told after each page is read: its number and the document's page count (for progress) */
  readonly onPage?: (page: number, pageCount: number) => void;
}

/** Sound disclosures give pdf.js a few dozen warnings at most, the damaged samples a few hundred. */
export const MAX_WARNINGS = 5000;

/** One text item as pdf.js reports it, with its matrix already mapped to the displayed page. */
export interface RawTextItem {
  str: string;
  /** item.transform composed with the viewport: display coordinates, top-left origin, y down */
  matrix: Matrix;
  /** advance width in unscaled text space units times the font scale, as pdf.js measures it */
  width: number;
}

/** What one page gives us: its size as displayed, its text items and its drawing operators. */
export interface RawPage {
  page: number;
  width: number;
  height: number;
  /** the rotation the page is viewed at: its /Rotate, plus a quarter turn where text is drawn sideways */
  rotation: number;
  /** maps PDF user space to the displayed page (top-left origin, y down) */
  viewport: Matrix;
  items: RawTextItem[];
  fnArray: number[];
  argsArray: unknown[][];
}

const pdfjsRoot = createRequire(import.meta.url).resolve("pdfjs-dist/package.json").replace(/package\.json$/, "");
// Without the CMaps and standard fonts, CID-keyed Chinese fonts decode to nothing, silently.
const CMAP_URL = `${pdfjsRoot}cmaps/`;
const STANDARD_FONT_DATA_URL = `${pdfjsRoot}standard_fonts/`;

let fontsDropped = 0;
/**
 * The document pdf.js loads embedded fonts into: one that drops them. We never render, but without a
 * document to load fonts into (Node has none) pdf.js instead compiles every glyph shown into a path and
 * posts it across: 8% of a process's time, and a fifth of V8's compiling (TurboFan time over 50 documents
 * fell from 18.5 to 14.4 s without it). Given a font set, pdf.js hands each font over as a FontFace of its
 * bytes (see DroppedFontFace) rather than as a base64 @font-face rule, whose encoding alone was 2% of a
 * process's time. Extraction is byte-identical either way.
 */
const fontDroppingDocument = {
  fonts: {
    add: (): void => {
      fontsDropped++;
    },
    delete: (): void => {},
  },
};

/**
 * The FontFace pdf.js makes of an embedded font for {@link fontDroppingDocument}: nothing is drawn with
 * it, so it is loaded at once. Node has no FontFace of its own; where a platform has one, it is kept.
 */
class DroppedFontFace {
  readonly loaded: Promise<DroppedFontFace> = Promise.resolve(this);
  constructor(readonly family: string) {}
}
(globalThis as { FontFace?: unknown }).FontFace ??= DroppedFontFace;

/** How many embedded fonts pdf.js has loaded (into nothing) on this thread: none means it drew glyph paths instead. */
export const fontsLoaded = (): number => fontsDropped;

/**
 * Does text drawn with this matrix read left to right (its baseline within a tenth of level)? Both the
 * page's upright view and the way runs are placed are decided by it.
 * @example isHorizontal([12, 0, 0, 12, 72, 700]) // true
 */
export const isHorizontal = ([a, b]: Matrix): boolean => a > 0 && Math.abs(b) <= a * 0.1;

/** Multiplies two affine matrices: the result applies `m` first, then `n`. */
export function multiply(n: Matrix, m: Matrix): Matrix {
  return [
    n[0] * m[0] + n[2] * m[1],
    n[1] * m[0] + n[3] * m[1],
    n[0] * m[2] + n[2] * m[3],
    n[1] * m[2] + n[3] * m[3],
    n[0] * m[4] + n[2] * m[5] + n[4],
    n[1] * m[4] + n[3] * m[5] + n[5],
  ];
}

/** A point (x, y) mapped by the matrix. */
export const apply = (m: Matrix, x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];

/**
 * Walks a page's operators keeping the current transformation matrix (save/restore, transform, and the
 * matrix of each form XObject painted), and tells `visit` every operator with the CTM it is drawn under.
 * The CTM passed stays the same object until it changes, so a caller may cache what it derives from it.
 * @example eachOperator(ops.fnArray, ops.argsArray, (fn, args, ctm) => { if (fn === OPS.paintImageXObject) … })
 */
export function eachOperator(
  fnArray: ArrayLike<number>,
  argsArray: ArrayLike<unknown>,
  visit: (fn: number, args: unknown[] | null, ctm: Matrix) => void,
): void {
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const stack: Matrix[] = [];
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i]!;
    const args = (argsArray[i] ?? null) as unknown[] | null;
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.transform && args) ctm = multiply(ctm, args as unknown as Matrix);
    else if (fn === OPS.paintFormXObjectBegin && args) {
      stack.push(ctm);
      const matrix = args[0] as Matrix | null;
      if (matrix) ctm = multiply(ctm, matrix);
    } else if (fn === OPS.paintFormXObjectEnd) ctm = stack.pop() ?? ctm;
    else visit(fn, args, ctm);
  }
}

/**
 * The rotation to view a page at so that most of its text reads left to right: its /Rotate, unless
 * the content is drawn sideways (a landscape table on a portrait page), then a further quarter turn.
 */
function uprightRotation(rotate: number, texts: readonly { str: string; transform: Matrix }[], transformAt: (rotation: number) => Matrix): number {
  const upright = (rotation: number): number => {
    const vt = transformAt(rotation);
    let chars = 0;
    for (const t of texts) {
      if (isHorizontal(multiply(vt, t.transform))) chars += t.str.length;
    }
    return chars;
  };
  const total = texts.reduce((n, t) => n + t.str.length, 0);
  if (!total || upright(rotate) * 2 >= total) return rotate;
  const turns = [90, 180, 270].map((q) => (rotate + q) % 360);
  return turns.find((r) => upright(r) * 2 >= total) ?? rotate;
}

/**
 * Reads every page once: text content and operator list, nothing rendered. Each page is handed to
 * `read` as soon as it is loaded, so its operator list can be dropped before the next page. A rejection
 * pdf.js leaves unhandled meanwhile fails this document (as a FormatError), whatever it read.
 * @example const pages = await readPdf(new Uint8Array(readFileSync("a.pdf")), (page) => page.items.length);
 */
export async function readPdf<T>(bytes: Uint8Array, read: (page: RawPage) => T, options: ReadOptions = {}): Promise<T[]> {
  const limit = options.maxWarnings ?? MAX_WARNINGS;
  const { result, strays } = await collectingStrayRejections(() => countingWarnings(limit, (onLimit) => readPages(bytes, read, onLimit, options.onPage)));
  if (strays.length === 0) return result;
  const error = new Error(`${strays[0]!.message} (pdf.js met it while reading the pages and left it unhandled)`);
  error.name = "FormatError";
  throw error;
}

/** Options of {@link openPdf}. */
export interface OpenOptions {
  /**
   * Open the document to draw its pages (default: to read them). Reading drops embedded fonts and every
   * image (see fontDroppingDocument, maxImageSize); drawing needs both, so pdf.js draws glyphs as paths.
   */
  readonly render?: boolean;
  /** when drawing or taking pictures: images larger than this many pixels are not decoded (default: any size) */
  readonly maxImagePixels?: number;
}

/**
 * Starts loading a PDF with the CMaps and standard fonts Chinese text needs: the one way every package
 * opens a PDF with pdf.js. The caller destroys the task's document when done.
 * @example const doc = await openPdf(bytes, { render: true }).promise; try { … } finally { await doc.destroy() }
 */
export function openPdf(bytes: Uint8Array, options: OpenOptions = {}): PDFDocumentLoadingTask {
  // pdf.js detaches the buffer it is given; keep the caller's bytes intact.
  const data = new Uint8Array(bytes);
  const fonts = { cMapUrl: CMAP_URL, cMapPacked: true, standardFontDataUrl: STANDARD_FONT_DATA_URL, isEvalSupported: false, useSystemFonts: false };
  // drawing is not wrapped in countingWarnings: pdf.js prints only its errors
  if (options.render)
    return getDocument({ data, ...fonts, verbosity: 0, isOffscreenCanvasSupported: false, ...(options.maxImagePixels ? { maxImageSize: options.maxImagePixels } : {}) });
  return getDocument({
    data,
    ...fonts,
    disableFontFace: false,
    ownerDocument: fontDroppingDocument,
    // Images are never read (rulings are paths, text is text), so none is decoded: pdf.js drops every
    // image larger than this many pixels before decoding it, and JPEG decoding was a tenth of a run.
    maxImageSize: 0,
    // warnings are counted (see countingWarnings), never printed
    verbosity: 1,
  });
}

/** A page as it is read upright: the rotation it is viewed at, that view's matrix and its text items in it. */
export interface UprightView {
  /** the page's /Rotate, plus a quarter turn where text is drawn sideways */
  rotation: number;
  /** maps PDF user space to the displayed page (top-left origin, y down) at scale 1 */
  viewport: Matrix;
  width: number;
  height: number;
  items: RawTextItem[];
}

/**
 * How a page is viewed so that its text reads left to right, with its text items placed in that view:
 * extraction reads cells in these coordinates, so whatever draws them over the page views it the same way.
 * @example const view = await uprightView(await doc.getPage(1)); page.getViewport({ scale: 2, rotation: view.rotation })
 */
export async function uprightView(page: PDFPageProxy): Promise<UprightView> {
  const content = await page.getTextContent();
  // A loop, not flatMap: pages of one item per glyph make a throwaway array per item costly.
  const texts: { str: string; transform: Matrix; width: number }[] = [];
  for (const item of content.items) if ("str" in item) texts.push({ str: item.str, transform: item.transform as Matrix, width: item.width });
  const rotation = uprightRotation(page.rotate, texts, (r) => page.getViewport({ scale: 1, rotation: r }).transform as Matrix);
  const view = page.getViewport({ scale: 1, rotation });
  const vt = view.transform as Matrix;
  const items: RawTextItem[] = texts.map((t) => ({ str: t.str, matrix: multiply(vt, t.transform), width: t.width }));
  return { rotation, viewport: vt, width: view.width, height: view.height, items };
}

async function readPages<T>(
  bytes: Uint8Array,
  read: (page: RawPage) => T,
  onLimit: (stop: () => void) => void,
  onPage?: (page: number, pageCount: number) => void,
): Promise<T[]> {
  const task = openPdf(bytes);
  onLimit(() => void task.destroy());
  const doc = await task.promise;
  try {
    const pages: T[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      try {
        const { rotation, viewport, width, height, items } = await uprightView(page);
        const ops = await page.getOperatorList();
        pages.push(read({
          page: n,
          width,
          height,
          rotation,
          viewport,
          items,
          fnArray: ops.fnArray,
          argsArray: ops.argsArray as unknown[][],
        }));
      } finally {
        page.cleanup();
      }
      onPage?.(n, doc.numPages);
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}

/** A page's picture (the largest image it paints) and where it sits on the displayed page, in points. */
export interface PagePicture {
  page: number;
  image: PageImage;
  placement: Placement;
}

/**
 * Pictures larger than this (pixels) are not decoded for OCR: an A3 page scanned at 600 dpi has 70 million;
 * more is a decompression bomb, not a scan. Such a page stays unread.
 */
const MAX_SCAN_PIXELS = 80_000_000;

/** pdf.js's ImageKind: 1 bit grey, 24-bit RGB, 32-bit RGBA. */
const CHANNELS: Record<number, 1 | 3 | 4> = { 2: 3, 3: 4 };

/** The decoded image object pdf.js holds under a name (page-local, or shared where its name says so). */
function imageObject(page: PDFPageProxy, name: string): Promise<{ width: number; height: number; kind: number; data?: Uint8Array | Uint8ClampedArray }> {
  const objs = name.startsWith("g_") ? page.commonObjs : page.objs;
  return new Promise((resolve) => objs.get(name, resolve));
}

/** 1-bit-per-pixel rows (kind 1) unpacked to one grey byte a pixel. */
function unpackBits(width: number, height: number, data: Uint8Array | Uint8ClampedArray): Uint8Array {
  const out = new Uint8Array(width * height);
  const rowBytes = (width + 7) >> 3;
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) out[y * width + x] = (data[y * rowBytes + (x >> 3)]! >> (7 - (x & 7))) & 1 ? 255 : 0;
  return out;
}

/**
 * Hands the picture of each of the given pages (scans without a text layer) to `read`, one page at a
 * time so only one decoded picture is held: the largest image the page paints, with the box it is
 * painted in on the displayed page. A page that paints no image is skipped.
 * @example await readPagePictures(bytes, [1, 2], async ({ page, image }) => ocr(image));
 */
export async function readPagePictures<T>(bytes: Uint8Array, pages: readonly number[], read: (picture: PagePicture) => Promise<T>): Promise<T[]> {
  const doc = await openPdf(bytes, { render: true, maxImagePixels: MAX_SCAN_PIXELS }).promise;
  try {
    const out: T[] = [];
    for (const n of pages) {
      const page = await doc.getPage(n);
      try {
        const viewport = page.getViewport({ scale: 1 });
        const ops = await page.getOperatorList();
        const painted: { name: string; area: number; m: Matrix }[] = [];
        eachOperator(ops.fnArray, ops.argsArray, (fn, args, ctm) => {
          if (fn === OPS.paintImageXObject && args)
            painted.push({ name: args[0] as string, area: (args[1] as number) * (args[2] as number), m: multiply(viewport.transform as Matrix, ctm) });
        });
        // the largest image, the first of equals
        const best = painted.reduce<(typeof painted)[number] | null>((b, p) => (!b || p.area > b.area ? p : b), null);
        if (!best) continue;
        const img = await imageObject(page, best.name);
        if (!img.data) continue;
        const channels = CHANNELS[img.kind] ?? 1;
        const data = img.kind === 1 ? unpackBits(img.width, img.height, img.data) : img.data;
        // The unit square the image is painted in, on the displayed page.
        const corners = [apply(best.m, 0, 0), apply(best.m, 1, 1)];
        const placement: Placement = {
          x0: Math.min(corners[0]![0], corners[1]![0]),
          y0: Math.min(corners[0]![1], corners[1]![1]),
          x1: Math.max(corners[0]![0], corners[1]![0]),
          y1: Math.max(corners[0]![1], corners[1]![1]),
        };
        out.push(await read({ page: n, image: { width: img.width, height: img.height, channels, data }, placement }));
      } finally {
        page.cleanup();
      }
    }
    return out;
  } finally {
    await doc.destroy();
  }
}

