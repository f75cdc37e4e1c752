#!/usr/bin/env node
/**
 * One measured workload of `npm run bench`, run in a fresh process of its own so each one pays the same
 * start-up and none inherits another's heap or warm caches.
 * Usage: node bench-probe.js bare|extract FILE... → prints {"pages":…}; the caller times the whole process.
 *   bare     getTextContent + getOperatorList of every page and nothing else: the floor of any pdfjs pipeline
 *   bare-shared CLAIMS FILE...  the same, of the files no other process sharing the CLAIMS folder took first:
 *            several such processes split one batch between them, each taking the next file when it is free
 *   extract  our extraction (pdfjs + text runs, rulings, tables), in this one process, scans left unread
 *   ocr      the same with OCR, of the files that have pages without a text layer → {"ocrPages":…,"ocrSeconds":…}
 */
import { closeSync, openSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const [mode, ...files] = process.argv.slice(2);

async function bare(paths: Iterable<string>): Promise<number> {
  const require = createRequire(resolve(fileURLToPath(import.meta.url), "../../../../packages/extract/package.json"));
  const pdfjsDir = resolve(require.resolve("pdfjs-dist/package.json"), "..");
  const pdfjs = (await import(join(pdfjsDir, "legacy/build/pdf.mjs"))) as typeof import("pdfjs-dist");
  let pages = 0;
  for (const p of paths) {
    const doc = await pdfjs.getDocument({
      data: new Uint8Array(readFileSync(p)),
      cMapUrl: join(pdfjsDir, "cmaps/"),
      cMapPacked: true,
      standardFontDataUrl: join(pdfjsDir, "standard_fonts/"),
      isEvalSupported: false,
      disableFontFace: true,
      verbosity: 0,
    }).promise;
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      await page.getTextContent();
      await page.getOperatorList();
      page.cleanup();
      pages++;
    }
    await doc.destroy();
  }
  return pages;
}

async function extract(paths: string[]): Promise<number> {
  const { extractDocument, useSynchronousInflate } = await import("@yusuan/extract");
  useSynchronousInflate(); // as the ingest processes do
  let pages = 0;
  for (const p of paths) pages += (await extractDocument(new Uint8Array(readFileSync(p)), { fileName: p, ocr: false })).pageCount;
  return pages;
}

/**
 * The files, in order, that this process claims first: a claim is an empty file named by the file's place,
 * created only if absent, so of several processes walking the same list exactly one takes each file.
 */
function* claimed(claims: string, paths: readonly string[]): Generator<string> {
  for (const [at, path] of paths.entries()) {
    let claim: number;
    try {
      claim = openSync(join(claims, String(at)), "wx");
    } catch {
      continue;
    }
    closeSync(claim);
    yield path;
  }
}

/** OCR's own pace: only the scanned files, timed here (their text pages and the check for scans left out). */
async function ocr(paths: string[]): Promise<{ ocrPages: number; ocrSeconds: number }> {
  const { extractDocument, useSynchronousInflate } = await import("@yusuan/extract");
  useSynchronousInflate();
  let ocrPages = 0;
  let ocrSeconds = 0;
  for (const p of new Set(paths)) {
    const bytes = new Uint8Array(readFileSync(p));
    const plain = await extractDocument(bytes, { fileName: p, ocr: false });
    if (!plain.pages.some((page) => page.textChars === 0)) continue;
    const t0 = performance.now();
    const read = await extractDocument(bytes, { fileName: p });
    ocrSeconds += (performance.now() - t0) / 1000;
    ocrPages += read.pages.filter((page) => page.source === "ocr").length;
  }
  return { ocrPages, ocrSeconds };
}

if (mode === "ocr") process.stdout.write(JSON.stringify(await ocr(files)) + "\n");
else {
  const pages =
    mode === "bare" ? await bare(files) : mode === "bare-shared" ? await bare(claimed(files[0]!, files.slice(1))) : mode === "extract" ? await extract(files) : NaN;
  if (Number.isNaN(pages)) {
    process.stderr.write("usage: bench-probe bare|extract|ocr FILE... or bench-probe bare-shared CLAIMS FILE...\n");
    process.exit(1);
  }
  process.stdout.write(JSON.stringify({ pages }) + "\n");
}
