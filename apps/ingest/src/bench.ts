#!/usr/bin/env node
/**
 * `npm run bench`: speed and memory of the pipeline side by side with bare pdfjs parsing (the floor of any
 * pdfjs-based pipeline) and pdftotext -layout, over the same N files in one run.
 * Options: `npm run bench -- --help`.
 *
 * This machine's speed drifts by ±20 % from minute to minute, so every workload runs once per round in a
 * fresh process (start-up included, nothing warm inherited), the rounds interleave the workloads in a
 * rotating order, and each ratio is taken within a round and reported as the median over the rounds.
 */
import { spawn, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { extractDocument } from "@yusuan/extract";
import { loadDocument, openDatabase } from "@yusuan/load";
import { createClassifier, normalizeDocument } from "@yusuan/normalize";
import { usableCores } from "./resource-limits.js";
import { extractionFlags } from "./pool.js";
import { processTree, residentBytes } from "./processes.js";

const here = resolve(fileURLToPath(import.meta.url), "..");
const root = resolve(here, "../../..");
const cli = join(here, "cli.js");
const probe = join(here, "bench-probe.js");
const argText = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const arg = (name: string, fallback: number) => Number(argText(name) ?? fallback);

if (process.argv.includes("--help") || process.argv.includes("-h")) {
  process.stdout.write(`Usage: npm run bench -- [--n 40] [--big 0] [--rounds 3] [--compare OTHER/apps/ingest/dist/cli.js]
  --n        how many documents (copies of data/samples and ../shared PDFs, each one a document of its own)
  --big      a second, larger run of the same mix, for peak memory against N (0: none)
  --rounds   rounds of every workload; ratios are the median over the rounds
  --compare  another build of yusuan (an earlier commit's, say), whose --jobs 1 and 2 run in the same rounds
`);
  process.exit(0);
}

/** The PDFs of data/ and of ../shared (corpus + real) when present. */
function sources(): string[] {
  const dirs = [join(root, "data/samples"), join(root, "../shared/corpus"), join(root, "../shared/real")];
  return dirs
    .filter(existsSync)
    .flatMap((d) => readdirSync(d).filter((f) => f.endsWith(".pdf")).sort().map((f) => join(d, f)));
}

/**
 * N files from the sources, each a document of its own: a copy gets a trailing comment, which changes its
 * sha256 and not its PDF. Plain copies would be one content to ingest, read once, while bare pdf.js parsed
 * each of them.
 */
function replicate(files: string[], n: number): { dir: string; paths: string[] } {
  const dir = mkdtempSync(join(tmpdir(), "yusuan-bench-"));
  const paths = Array.from({ length: n }, (_, i) => {
    const p = join(dir, `${String(i).padStart(5, "0")}.pdf`);
    const source = files[i % files.length]!;
    if (i < files.length) copyFileSync(source, p);
    else writeFileSync(p, Buffer.concat([readFileSync(source), Buffer.from(`\n% yusuan bench copy ${i}\n`)]));
    return p;
  });
  return { dir, paths };
}

interface Measured {
  seconds: number;
  /** the peak of the resident memory of every process of the run together (the CLI and the processes it starts); null where neither /proc nor GNU time tells */
  peakMb: number | null;
  /** the processes' CPU time (user + system, every thread); null without GNU time */
  cpuSeconds: number | null;
  stdout: string;
}

const gnuTime = existsSync("/usr/bin/time");

/**
 * Runs the commands side by side, each in its own process, and times them until the last one ends. Memory is
 * sampled every 100 ms over all of their processes: the kernel's own peak (GNU time) is that of one process,
 * where a run of several processes needs the peak of their sum.
 */
async function measure(...commands: string[][]): Promise<Measured> {
  const t0 = performance.now();
  const roots: number[] = [];
  let sampledKb: number | null = null;
  const sampler = setInterval(() => {
    const bytes = roots.flatMap(processTree).reduce((sum, pid) => sum + (residentBytes(pid) ?? 0), 0);
    if (bytes > 0) sampledKb = Math.max(sampledKb ?? 0, bytes / 1024);
  }, 100);
  const runs = await Promise.all(
    commands.map(
      ([cmd, ...args]) =>
        new Promise<{ status: number | null; stdout: string; stderr: string }>((done, fail) => {
          const child = spawn(gnuTime ? "/usr/bin/time" : cmd!, gnuTime ? ["-f", "%M %U %S", cmd!, ...args] : args);
          if (child.pid) roots.push(child.pid);
          let stdout = "";
          let stderr = "";
          child.stdout.on("data", (d: Buffer) => (stdout += d));
          child.stderr.on("data", (d: Buffer) => (stderr += d));
          child.on("error", fail);
          child.on("close", (status) => done({ status, stdout, stderr }));
        }),
    ),
  );
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  // ingest exits 2 when some inputs failed: the scanned documents of ../shared/real do, on purpose.
  const broken = runs.find((r) => r.status !== 0 && r.status !== 2);
  if (broken) throw new Error(`${commands.map((c) => c.join(" ")).join(" & ")} failed: ${broken.stderr}`);
  const timed = runs.map((r) => (r.stderr.trim().split("\n").pop() ?? "").split(" ").map(Number));
  const sum = (i: number) => (gnuTime && timed.every((t) => Number.isFinite(t[i])) ? timed.reduce((a, t) => a + t[i]!, 0) : null);
  const kb = sum(0);
  const user = sum(1);
  const system = sum(2);
  const peakKb = sampledKb ?? kb;
  return { seconds, peakMb: peakKb === null ? null : peakKb / 1024, cpuSeconds: user === null || system === null ? null : user + system, stdout: runs[0]!.stdout };
}

const node = process.execPath;
/** The CLI (this one, or the one compared) on a new database each time, so every run does the same work. */
function ingest(dir: string, jobs: number, build = cli): string[] {
  const db = join(dir, `bench-${jobs}.sqlite`);
  for (const suffix of ["", "-wal", "-shm"]) rmSync(db + suffix, { force: true });
  // Text PDFs only: a scan's OCR is measured apart (it is two orders of magnitude slower a page).
  return [node, build, "ingest", dir, "--db", db, "--jobs", String(jobs), "--quiet", "--no-ocr"];
}

/** pdftotext -layout of every file, one after another; null where poppler-utils is not installed. */
function pdftotext(paths: string[]): number | null {
  if (spawnSync("pdftotext", ["-v"]).error) return null;
  const t0 = performance.now();
  for (const p of paths) spawnSync("pdftotext", ["-layout", p, "-"], { stdio: ["ignore", "ignore", "ignore"] });
  return (performance.now() - t0) / 1000;
}

/**
 * SQLite alone: documents extracted and normalized beforehand, only loadDocument timed, `rounds` times into a
 * fresh database each (the median: one load of 20 documents takes half a second, and its first one also pays
 * for compiling the loader).
 */
async function sqliteLoad(paths: string[], dir: string, rounds: number): Promise<{ rows: number; seconds: number; cpuSeconds: number }> {
  const classifier = createClassifier();
  const docs = [];
  for (const [i, p] of paths.entries()) {
    const extracted = await extractDocument(new Uint8Array(readFileSync(p)), { fileName: p }).catch(() => null);
    if (extracted) docs.push(normalizeDocument(extracted, { sha256: `bench-${i}`, classifier }));
  }
  const loads = [];
  for (let round = 0; round < rounds; round++) {
    const db = openDatabase(join(dir, `load-${round}.sqlite`));
    try {
      const t0 = performance.now();
      const cpu0 = process.cpuUsage();
      for (const doc of docs) loadDocument(db, doc);
      const seconds = (performance.now() - t0) / 1000;
      const cpu = process.cpuUsage(cpu0);
      const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
      loads.push({ rows: count("line_items") + count("amounts"), seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6 });
    } finally {
      db.close();
    }
  }
  return { rows: loads[0]!.rows, seconds: median(loads.map((l) => l.seconds)), cpuSeconds: median(loads.map((l) => l.cpuSeconds)) };
}

/**
 * A national year (500,000 documents, ~15 million pages, ~30 a document) on one 32-core machine with its cores to
 * itself. From CPU time, which a shared machine disturbs far less than wall time: the pages one CPU-second reads
 * with 1 job, times 32 at the efficiency of 2 jobs (the CPU time of 1 job over that of 2), or the pages per
 * CPU-second of the one thread that writes SQLite, whichever is lower. A ceiling: it assumes the CPU cost per
 * page of 2 jobs holds at 32.
 */
function projection(m: { pages: number; cpu1: number; cpu2: number; loadCpuSeconds: number }): string {
  const perCore = m.pages / m.cpu1;
  const efficiency = m.cpu1 / m.cpu2;
  const extraction = 32 * perCore * efficiency;
  const writer = m.pages / m.loadCpuSeconds;
  const hours = 15e6 / Math.min(extraction, writer) / 3600;
  return (
    `projected national year (500,000 documents, 15 M pages) on 32 free cores: ${hours.toFixed(1)} h ` +
    `(${perCore.toFixed(1)} pages per CPU-second × 32 × ${(efficiency * 100).toFixed(0)}% CPU efficiency of 2 jobs = ${extraction.toFixed(0)} pages/s; ` +
    `the one SQLite writer loads ${writer.toFixed(0)} pages/s: ${extraction < writer ? "extraction" : "the writer"} limits); ` +
    `across machines with --shard K/N and yusuan merge, it divides by the number of machines`
  );
}

/** Does the kernel share the CPU between sessions rather than threads (Linux autogroup)? */
function sharedBySession(): boolean {
  try {
    return readFileSync("/proc/sys/kernel/sched_autogroup_enabled", "utf8").trim() === "1";
  } catch {
    return false;
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

type Workload = "bare" | "bare ×2" | "bare shared" | "extract" | "jobs 1" | "jobs 2" | "pdftotext" | "compared 1" | "compared 2";

const n = arg("n", 40);
const big = arg("big", 0);
const rounds = Math.max(1, arg("rounds", 3));
const compared = argText("compare");
if (compared && !existsSync(compared)) throw new Error(`--compare: no CLI at ${compared}`);
const files = sources();
if (files.length === 0) throw new Error("no PDFs found in data/samples or ../shared");
const { dir, paths } = replicate(files, n);
const largestFirst = [...paths].sort((a, b) => statSync(b).size - statSync(a).size);
try {
  const workloads: Partial<Record<Workload, () => Promise<Measured | null>>> = {
    bare: () => measure([node, probe, "bare", ...paths]),
    // Two bare parsers over the same files at once: what this machine gives two independent processes.
    "bare ×2": () => measure([node, probe, "bare", ...paths], [node, probe, "bare", ...paths]),
    // Two bare parsers sharing the files, largest first, as --jobs 2 shares them: each also starts, and warms
    // its compiled code, for half the work, and the last file may leave one of them idle.
    "bare shared": () => {
      const claims = mkdtempSync(join(dir, "claims-"));
      const share = [node, probe, "bare-shared", claims, ...largestFirst];
      return measure(share, share);
    },
    // on V8's one thread, as each ingest process runs when they fill the cores
    extract: () => measure([node, ...extractionFlags(2048, { oneThread: true }), probe, "extract", ...paths]),
    "jobs 1": () => measure(ingest(dir, 1)),
    "jobs 2": () => measure(ingest(dir, 2)),
    pdftotext: async () => {
      const seconds = pdftotext(paths);
      return seconds === null ? null : { seconds, peakMb: null, cpuSeconds: null, stdout: "" };
    },
    ...(compared && {
      "compared 1": () => measure(ingest(dir, 1, compared)),
      "compared 2": () => measure(ingest(dir, 2, compared)),
    }),
  };
  const names = Object.keys(workloads) as Workload[];
  const results = new Map<Workload, (Measured | null)[]>(names.map((w) => [w, []]));
  // The machine may be shared: its load (runnable processes, 1-minute average) says how far the figures are
  // from an idle machine's, where a ratio between two workloads measured side by side still holds best.
  const loads = [loadavg()[0]!];
  for (let r = 0; r < rounds; r++) {
    // A rotating order, so that no workload always runs in the same part of a slow or fast spell.
    for (let i = 0; i < names.length; i++) {
      const w = names[(i + r) % names.length]!;
      results.get(w)!.push(await workloads[w]!());
      loads.push(loadavg()[0]!);
    }
  }
  const pages = (JSON.parse(results.get("bare")![0]!.stdout) as { pages: number }).pages;
  /** The median over rounds of a ratio taken within each round. */
  const ratio = (f: (r: number) => number) => median(Array.from({ length: rounds }, (_, r) => f(r)));
  const s = Object.fromEntries(names.map((w) => [w, results.get(w)!.map((m) => m?.seconds ?? NaN)])) as Record<Workload, number[]>;
  /** Each run's peak RSS (NaN where it was not measured). */
  const peaksOf = (runs: readonly (Measured | null)[]) => runs.map((m) => m?.peakMb ?? NaN);
  const peak = (w: Workload) => median(peaksOf(results.get(w)!));
  const mb = (v: number) => (Number.isFinite(v) ? `${v.toFixed(0)} MB` : "? MB");
  const cpuOf = (w: Workload, r: number) => results.get(w)![r]?.cpuSeconds ?? NaN;
  /** The median CPU time (every thread of every process) and how many cores it kept busy on average. */
  const cpu = (w: Workload) => {
    const c = median(results.get(w)!.map((m) => m?.cpuSeconds ?? NaN));
    return Number.isFinite(c) ? `CPU ${c.toFixed(1)} s (${(c / median(s[w])).toFixed(2)} cores)  ` : "";
  };
  const line = (label: string, w: Workload, extra: string, pagesDone = pages) =>
    `${label.padEnd(32)}${median(s[w]).toFixed(2).padStart(7)} s  ${(pagesDone / median(s[w])).toFixed(1).padStart(6)} pages/s  ${cpu(w)}${extra}`;
  const cores = usableCores();
  const bareScaling = ratio((r) => (2 * s.bare[r]!) / s["bare ×2"][r]!);
  const jobsScaling = ratio((r) => s["jobs 1"][r]! / s["jobs 2"][r]!);
  const sharedScaling = ratio((r) => s.bare[r]! / s["bare shared"][r]!);

  const out = [
    `files: ${n} (replicated from ${files.length} PDFs), pages: ${pages}; ${rounds} rounds, each workload a fresh process, medians`,
    `per round (s): ${names.map((w) => `${w} ${s[w].map((v) => v.toFixed(1)).join("/")}`).join(", ")}`,
    `conditions: ${cores} cores, load average ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)} during the run (above ${cores}, other processes competed for the cores)` +
      (sharedBySession() && Math.max(...loads) > cores
        ? "; the kernel shares the CPU by session (autogroup), so under other sessions' load a second thread or process gets no more CPU and every speed-up reads near 1×: compare the CPU times"
        : ""),
    line("bare pdfjs (1 process):", "bare", `peak RSS ${mb(peak("bare"))}`),
    line("bare pdfjs, 2 processes at once:", "bare ×2", `(each parsing all files) → this machine's 2-process speed-up ${bareScaling.toFixed(2)}×`, 2 * pages),
    line("bare pdfjs, 2 sharing the files:", "bare shared", `(each taking the next file, largest first) → speed-up ${sharedScaling.toFixed(2)}×`),
    line("extraction alone (1 process):", "extract", `ratio to bare pdfjs ${ratio((r) => s.extract[r]! / s.bare[r]!).toFixed(2)}×`),
    line("end to end, --jobs 1:", "jobs 1", `ratio to bare pdfjs ${ratio((r) => s["jobs 1"][r]! / s.bare[r]!).toFixed(2)}×  peak RSS ${mb(peak("jobs 1"))}`),
    `CPU time of --jobs 2 over --jobs 1: ${ratio((r) => cpuOf("jobs 2", r) / cpuOf("jobs 1", r)).toFixed(2)}× (bare pdfjs, 2 processes over 1: ${ratio((r) => cpuOf("bare ×2", r) / (2 * cpuOf("bare", r))).toFixed(2)}×): the work added by running in parallel`,
    line("end to end, --jobs 2:", "jobs 2", `${(pages / median(s["jobs 2"]) / 2).toFixed(1)} pages/s per core  speed-up over 1 job ${jobsScaling.toFixed(2)}× (${(jobsScaling / bareScaling).toFixed(2)} of bare pdfjs's, ${(jobsScaling / sharedScaling).toFixed(2)} of theirs sharing the files)  peak RSS ${mb(peak("jobs 2"))}`),
    results.get("pdftotext")![0] === null
      ? "pdftotext: not installed (apt-get install poppler-utils)"
      : line("pdftotext -layout:", "pdftotext", `our end to end (1 job) is ${ratio((r) => s["jobs 1"][r]! / s.pdftotext[r]!).toFixed(1)}× slower`),
  ];
  if (compared)
    out.push(
      `compared with ${compared}:`,
      line("  its --jobs 1:", "compared 1", `ratio to bare pdfjs ${ratio((r) => s["compared 1"][r]! / s.bare[r]!).toFixed(2)}×  this build's --jobs 1 takes ${ratio((r) => s["jobs 1"][r]! / s["compared 1"][r]!).toFixed(2)}× its time  peak RSS ${mb(peak("compared 1"))}`),
      line("  its --jobs 2:", "compared 2", `speed-up over its 1 job ${ratio((r) => s["compared 1"][r]! / s["compared 2"][r]!).toFixed(2)}×  this build's --jobs 2 takes ${ratio((r) => s["jobs 2"][r]! / s["compared 2"][r]!).toFixed(2)}× its time  peak RSS ${mb(peak("compared 2"))}`),
    );
  // Once, not per round: a scanned page takes seconds.
  const scanned = JSON.parse((await measure([node, ...extractionFlags(2048, { oneThread: true }), probe, "ocr", ...files])).stdout) as { ocrPages: number; ocrSeconds: number };
  out.push(
    scanned.ocrPages
      ? `${"OCR (1 process, the scans):".padEnd(32)}${scanned.ocrSeconds.toFixed(2).padStart(7)} s  ${(scanned.ocrPages / scanned.ocrSeconds).toFixed(2).padStart(6)} pages/s  (${scanned.ocrPages} pages, extraction included)`
      : "OCR: no scanned PDF among the sources",
  );
  const sqlite = await sqliteLoad(paths.slice(0, Math.min(paths.length, 20)), dir, 3);
  out.push(`SQLite alone:                   ${sqlite.rows} rows (line items + amounts) in ${sqlite.seconds.toFixed(2)} s, ${(sqlite.rows / sqlite.seconds).toFixed(0)} rows/s, one transaction per document (median of 3 loads)`);
  const cpu1 = median(results.get("jobs 1")!.map((m) => m?.cpuSeconds ?? NaN));
  const cpu2 = median(results.get("jobs 2")!.map((m) => m?.cpuSeconds ?? NaN));
  if (Number.isFinite(cpu1) && Number.isFinite(cpu2)) out.push(projection({ pages, cpu1, cpu2, loadCpuSeconds: sqlite.cpuSeconds * (n / Math.min(n, 20)) }));
  if (big > n) {
    // the N files over again (as documents of their own): the same mix, only a longer run
    const large = replicate(paths, big);
    try {
      // As many rounds as at N, so that both peaks are medians: one run's peak is the single highest
      // sample of its RSS, and varies by ±5 % with which large documents happen to be extracted together.
      const runs: Measured[] = [];
      for (let r = 0; r < rounds; r++) runs.push(await measure(ingest(large.dir, 2)));
      const bigPeak = median(peaksOf(runs));
      out.push(
        `memory flat in N: --jobs 2 peak RSS ${mb(peak("jobs 2"))} at N=${n}, ${mb(bigPeak)} at N=${big} (${((bigPeak / peak("jobs 2") - 1) * 100).toFixed(1)}%); ` +
          `per round ${peaksOf(results.get("jobs 2")!).map(mb).join("/")} vs ${peaksOf(runs).map(mb).join("/")}; ` +
          `time per file ${(median(s["jobs 2"]) / n).toFixed(3)} s vs ${(median(runs.map((m) => m.seconds)) / big).toFixed(3)} s`,
      );
    } finally {
      rmSync(large.dir, { recursive: true, force: true });
    }
  }
  process.stdout.write(out.join("\n") + "\n");
} finally {
  rmSync(dir, { recursive: true, force: true });
}
