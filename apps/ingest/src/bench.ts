#!/usr/bin/env node
/**
 * `npm run bench`: speed and memory of the pipeline, side by side with bare pdfjs parsing (the floor of any
 * pdfjs-based pipeline) and pdftotext -layout, over the same N files in one run.
 * Usage: npm run bench -- [--n 40] [--big 200]
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { extractDocument } from "@yusuan/extract";
import { loadDocument, openDatabase } from "@yusuan/load";
import { createClassifier, normalizeDocument } from "@yusuan/normalize";

const root = resolve(fileURLToPath(import.meta.url), "../../../..");
const cli = resolve(fileURLToPath(import.meta.url), "../cli.js");
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};

/** The PDFs of data/ and of ../shared (corpus + real) when present. */
function sources(): string[] {
  const dirs = [join(root, "data/samples"), join(root, "../shared/corpus"), join(root, "../shared/real")];
  return dirs
    .filter(existsSync)
    .flatMap((d) => readdirSync(d).filter((f) => f.endsWith(".pdf")).sort().map((f) => join(d, f)));
}

function replicate(files: string[], n: number): { dir: string; paths: string[] } {
  const dir = mkdtempSync(join(tmpdir(), "yusuan-bench-"));
  const paths = Array.from({ length: n }, (_, i) => {
    const p = join(dir, `${String(i).padStart(5, "0")}.pdf`);
    copyFileSync(files[i % files.length]!, p);
    return p;
  });
  return { dir, paths };
}

const require = createRequire(join(root, "packages/extract/package.json"));
const pdfjsDir = resolve(require.resolve("pdfjs-dist/package.json"), "..");

/** getTextContent + getOperatorList of every page and nothing else. */
async function barePdfjs(paths: string[]): Promise<{ seconds: number; pages: number }> {
  const pdfjs = await import(join(pdfjsDir, "legacy/build/pdf.mjs"));
  const t0 = performance.now();
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
  return { seconds: (performance.now() - t0) / 1000, pages };
}

async function extractionAlone(paths: string[]): Promise<number> {
  const t0 = performance.now();
  for (const p of paths) await extractDocument(new Uint8Array(readFileSync(p)), { fileName: p });
  return (performance.now() - t0) / 1000;
}

/** SQLite alone: documents extracted and normalized beforehand, only loadDocument timed. */
async function sqliteLoad(paths: string[], dir: string): Promise<{ rows: number; seconds: number }> {
  const classifier = createClassifier();
  const docs = [];
  for (const [i, p] of paths.entries()) {
    const extracted = await extractDocument(new Uint8Array(readFileSync(p)), { fileName: p }).catch(() => null);
    if (extracted) docs.push(normalizeDocument(extracted, { sha256: `bench-${i}`, classifier }));
  }
  const db = openDatabase(join(dir, "load.sqlite"));
  try {
    const t0 = performance.now();
    for (const doc of docs) loadDocument(db, doc);
    const seconds = (performance.now() - t0) / 1000;
    const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    return { rows: count("line_items") + count("amounts"), seconds };
  } finally {
    db.close();
  }
}

function pdftotext(paths: string[]): number | null {
  if (spawnSync("pdftotext", ["-v"]).error) return null;
  const t0 = performance.now();
  for (const p of paths) spawnSync("pdftotext", ["-layout", p, "-"], { stdio: ["ignore", "ignore", "ignore"] });
  return (performance.now() - t0) / 1000;
}

/** The CLI end to end in its own process; peak RSS from GNU time where it is installed. */
function endToEnd(dir: string, jobs: number): { seconds: number; peakMb: number | null } {
  const db = join(dir, `bench-${jobs}.sqlite`);
  rmSync(db, { force: true });
  const time = existsSync("/usr/bin/time");
  const cmd = time ? "/usr/bin/time" : process.execPath;
  const args = [...(time ? ["-f", "%M", process.execPath] : []), cli, "ingest", dir, "--db", db, "--jobs", String(jobs), "--quiet", "--force"];
  const t0 = performance.now();
  const run = spawnSync(cmd, args, { encoding: "utf8" });
  const seconds = (performance.now() - t0) / 1000;
  if (run.status !== 0 && run.status !== 2) throw new Error(`ingest failed: ${run.stderr}`);
  const kb = time ? Number(run.stderr.trim().split("\n").pop()) : NaN;
  return { seconds, peakMb: Number.isFinite(kb) ? kb / 1024 : null };
}

const n = arg("n", 40);
const big = arg("big", 0);
const files = sources();
if (files.length === 0) throw new Error("no PDFs found in data/samples or ../shared");
const { dir, paths } = replicate(files, n);
try {
  // Warm-up: pdfjs's first document pays for loading CMaps and compiling; measure neither run with it.
  await barePdfjs(paths.slice(0, 2));
  await extractionAlone(paths.slice(0, 2));
  const bare = await barePdfjs(paths);
  const alone = await extractionAlone(paths);
  const e1 = endToEnd(dir, 1);
  const e2 = endToEnd(dir, 2);
  const poppler = pdftotext(paths);
  const sqlite = await sqliteLoad(paths.slice(0, Math.min(paths.length, 20)), dir);
  const pps = (s: number) => (bare.pages / s).toFixed(1);
  const lines = [
    `files: ${n} (replicated from ${files.length} PDFs), pages: ${bare.pages}`,
    `bare pdfjs (1 thread):          ${bare.seconds.toFixed(2)} s  ${pps(bare.seconds)} pages/s`,
    `extraction alone (1 thread):    ${alone.toFixed(2)} s  ${pps(alone)} pages/s  ratio to bare pdfjs ${(alone / bare.seconds).toFixed(2)}×`,
    `end to end, --jobs 1:           ${e1.seconds.toFixed(2)} s  ${pps(e1.seconds)} pages/s  ratio to bare pdfjs ${(e1.seconds / bare.seconds).toFixed(2)}×  peak RSS ${e1.peakMb?.toFixed(0) ?? "?"} MB`,
    `end to end, --jobs 2:           ${e2.seconds.toFixed(2)} s  ${pps(e2.seconds)} pages/s  speed-up over 1 job ${(e1.seconds / e2.seconds).toFixed(2)}×  peak RSS ${e2.peakMb?.toFixed(0) ?? "?"} MB`,
    `SQLite alone:                   ${sqlite.rows} rows (line items + amounts) in ${sqlite.seconds.toFixed(2)} s, ${(sqlite.rows / sqlite.seconds).toFixed(0)} rows/s, one transaction per document`,
    poppler === null ? "pdftotext: not installed (apt-get install poppler-utils)" : `pdftotext -layout:              ${poppler.toFixed(2)} s  ${pps(poppler)} pages/s  our end to end (1 job) is ${(e1.seconds / poppler).toFixed(1)}× slower`,
  ];
  if (big > n) {
    const large = replicate(files, big);
    try {
      const eb = endToEnd(large.dir, 2);
      lines.push(
        `memory flat in N: --jobs 2 peak RSS ${e2.peakMb?.toFixed(0)} MB at N=${n}, ${eb.peakMb?.toFixed(0)} MB at N=${big} (${((eb.peakMb! / e2.peakMb! - 1) * 100).toFixed(1)}%); time per file ${(e2.seconds / n).toFixed(3)} s vs ${(eb.seconds / big).toFixed(3)} s`,
      );
    } finally {
      rmSync(large.dir, { recursive: true, force: true });
    }
  }
  process.stdout.write(lines.join("\n") + "\n");
} finally {
  rmSync(dir, { recursive: true, force: true });
}
