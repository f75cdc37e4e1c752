import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deflateSync } from "node:zlib";

/** How a page is "scanned": resolution, the turn it is put on the glass with, and the grain. */
export interface ScanOptions {
  /** dots per inch (default 200, as the corpus's scans) */
  dpi?: number;
  /** degrees, positive clockwise (default 0.8) */
  rotation?: number;
  /** the largest grey-level change a pixel's noise makes (default 40 of 255) */
  noise?: number;
}

/**
 * Why a page cannot be scanned here (pdftoppm, of Debian's poppler-utils, rasterizes it), or null. Where CI
 * is set its absence is an error: CI installs it.
 * @example describe.skipIf(scannerMissing())("a scanned sample", () => { … });
 */
export function scannerMissing(): string | null {
  if (!spawnSync("pdftoppm", ["-v"]).error) return null;
  const why = "pdftoppm not found (apt-get install poppler-utils)";
  if (process.env.CI) throw new Error(`CI is set but ${why}`);
  console.warn(`${why}: the tests scanning a sample page are skipped`);
  return why;
}

/** A greyscale picture: one byte a pixel, 0 black … 255 white, rows top to bottom. */
export interface Grey {
  width: number;
  height: number;
  data: Uint8Array;
}

/**
 * One page of a text PDF as a scanner would see it: rasterized in grey at `dpi`, turned slightly, with
 * grain. Deterministic: the grain comes from a fixed seed.
 * @example const { width, height, data } = scannedPageImage("data/samples/a.pdf", 9, { rotation: -0.7 });
 */
export function scannedPageImage(pdf: string, page: number, options: ScanOptions = {}): Grey {
  const dir = mkdtempSync(join(tmpdir(), "yusuan-scan-"));
  try {
    const out = join(dir, "page");
    const run = spawnSync("pdftoppm", ["-r", String(options.dpi ?? 200), "-gray", "-f", String(page), "-l", String(page), "-singlefile", pdf, out]);
    if (run.status !== 0) throw new Error(`pdftoppm failed on ${pdf} p.${page}: ${run.stderr.toString()}`);
    return roughen(turn(readPgm(readFileSync(`${out}.pgm`)), options.rotation ?? 0.8), options.noise ?? 40);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * {@link scannedPageImage} in a PDF of its own holding only that picture (no text layer), the page the
 * size of the original: what a scanned disclosure's page is.
 * @example writeFileSync("/tmp/scan.pdf", scannedPagePdf("data/samples/a.pdf", 9));
 */
export function scannedPagePdf(pdf: string, page: number, options: ScanOptions = {}): Uint8Array {
  const dpi = options.dpi ?? 200;
  const picture = scannedPageImage(pdf, page, options);
  return imagePdf(picture, (picture.width * 72) / dpi, (picture.height * 72) / dpi);
}

/** A binary PGM (P5, 8 bits) as pdftoppm writes it. */
function readPgm(bytes: Buffer): Grey {
  const header = bytes.subarray(0, 64).toString("latin1").match(/^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/);
  if (!header) throw new Error("not a binary PGM");
  const [width, height] = [Number(header[1]), Number(header[2])];
  return { width, height, data: new Uint8Array(bytes.subarray(header[0].length, header[0].length + width * height)) };
}

/** The picture turned about its centre (nearest pixel; paper shows at the corners). */
function turn(img: Grey, degrees: number): Grey {
  const a = (degrees * Math.PI) / 180;
  const [cos, sin] = [Math.cos(a), Math.sin(a)];
  const data = new Uint8Array(img.width * img.height).fill(255);
  const [cx, cy] = [img.width / 2, img.height / 2];
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      const sx = Math.round(cx + (x - cx) * cos + (y - cy) * sin);
      const sy = Math.round(cy - (x - cx) * sin + (y - cy) * cos);
      if (sx >= 0 && sy >= 0 && sx < img.width && sy < img.height) data[y * img.width + x] = img.data[sy * img.width + sx]!;
    }
  }
  return { ...img, data };
}

/** Grain: every pixel moved by up to ±`amount` grey levels, from a fixed-seed generator (xorshift). */
function roughen(img: Grey, amount: number): Grey {
  let s = 0x9e3779b9;
  const data = img.data.map((v) => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return Math.max(0, Math.min(255, v + (((s >>> 0) % (2 * amount + 1)) - amount)));
  });
  return { ...img, data };
}

/** A one-page PDF showing the picture over the whole page (width × height points). */
function imagePdf(img: Grey, width: number, height: number): Uint8Array {
  const pixels = deflateSync(img.data);
  const content = Buffer.from(`q ${width.toFixed(2)} 0 0 ${height.toFixed(2)} 0 0 cm /Scan Do Q`);
  const objects: Buffer[] = [
    Buffer.from("<< /Type /Catalog /Pages 2 0 R >>"),
    Buffer.from("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
    Buffer.from(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${width.toFixed(2)} ${height.toFixed(2)}] /Resources << /XObject << /Scan 5 0 R >> >> /Contents 4 0 R >>`),
    Buffer.concat([Buffer.from(`<< /Length ${content.length} >>\nstream\n`), content, Buffer.from("\nendstream")]),
    Buffer.concat([
      Buffer.from(`<< /Type /XObject /Subtype /Image /Width ${img.width} /Height ${img.height} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length ${pixels.length} >>\nstream\n`),
      pixels,
      Buffer.from("\nendstream"),
    ]),
  ];
  const parts: Buffer[] = [Buffer.from("%PDF-1.4\n")];
  const offsets: number[] = [];
  let at = parts[0]!.length;
  objects.forEach((body, i) => {
    const obj = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), body, Buffer.from("\nendobj\n")]);
    offsets.push(at);
    parts.push(obj);
    at += obj.length;
  });
  const xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${at}\n%%EOF\n`));
  return new Uint8Array(Buffer.concat(parts));
}
