import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { repoRoot, samplePdfs } from "@yusuan/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deathCause } from "./pool.js";
import { processTree } from "./processes.js";
import { cliInCgroup, mayMakeCgroup } from "./test-support/cgroup.js";
import { cli, query } from "./test-support/run-cli.js";

// The processes are watched through /proc: Linux only.
const linux = existsSync("/proc/self/task");
const samples = join(repoRoot, "data/samples");
const sampleCount = samplePdfs().length;

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), "yusuan-pool-"));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Watched {
  code: number | null;
  stderr: string;
  /** every extraction process seen while the CLI ran */
  extractors: Set<number>;
}

/**
 * Runs `yusuan ingest` and notes each extraction process it starts (every 10 ms); `meddle` is called with
 * each new one and with what the CLI has written to stderr so far.
 */
function ingestWatched(args: string[], meddle: (pid: number, stderr: string) => void = () => {}): Promise<Watched> {
  const child = spawn(process.execPath, [cli, "ingest", ...args], { stdio: ["ignore", "ignore", "pipe"] });
  const extractors = new Set<number>();
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d));
  const look = setInterval(() => {
    for (const pid of processTree(child.pid!).slice(1)) {
      extractors.add(pid);
      meddle(pid, stderr);
    }
  }, 10);
  return new Promise((done) =>
    child.on("exit", (code) => {
      clearInterval(look);
      done({ code, stderr, extractors });
    }),
  );
}

const facts = (db: string) => query(db, "SELECT document, table_no, page, row_index, label, measure, amount_text FROM facts ORDER BY 1, 2, 3, 4, 5, 6");

describe.skipIf(!linux)("the extraction processes", () => {
  it("a process reads --recycle-after documents, then a fresh one takes its place: the database is the same as with one process", async () => {
    const one = join(tmp, "one.sqlite");
    const recycled = join(tmp, "recycled.sqlite");
    const single = await ingestWatched([samples, "--db", one, "--jobs", "1", "--quiet", "--recycle-after", String(sampleCount)]);
    const run = await ingestWatched([samples, "--db", recycled, "--jobs", "1", "--quiet", "--recycle-after", "2"]);
    expect([single.code, run.code]).toEqual([0, 0]);
    expect(single.extractors.size).toBe(1);
    expect(run.extractors.size).toBe(Math.ceil(sampleCount / 2));
    expect(facts(recycled)).toEqual(facts(one));
  });

  it("an extraction process killed mid-run (as the kernel's OOM killer would) loses nothing: its file is read again, alone, in a fresh one", async () => {
    const db = join(tmp, "killed.sqlite");
    let victim = 0;
    const run = await ingestWatched([samples, "--db", db, "--jobs", "1"], (pid, stderr) => {
      // once the first document is in, the process is reading the second
      if (!victim && /^\[1\/\d+\] loaded /m.test(stderr)) {
        victim = pid;
        process.kill(pid, "SIGKILL");
      }
    });
    expect(victim).toBeGreaterThan(0);
    expect(run.code).toBe(0);
    // the killed one; the one that reads the files already queued behind it; a fresh one that reads its file again, alone
    expect(run.extractors.size).toBe(3);
    expect(query(db, "SELECT status, count(*) n FROM documents GROUP BY status")).toEqual([{ status: "loaded", n: sampleCount }]);
  });

  it("the kernel's out-of-memory killer is told to take an extraction process first, never the run's own", async () => {
    const scores = new Map<number, string>();
    // the last word seen of each process (one may exit between being listed and being read)
    const run = await ingestWatched([samples, "--db", join(tmp, "oom-score.sqlite"), "--jobs", "2", "--quiet"], (pid) => {
      try {
        scores.set(pid, readFileSync(`/proc/${pid}/oom_score_adj`, "latin1").trim());
      } catch {}
    });
    expect(run.code).toBe(0);
    expect(scores.size).toBeGreaterThan(0);
    expect(new Set(scores.values())).toEqual(new Set(["1000"]));
    expect(readFileSync("/proc/self/oom_score_adj", "latin1").trim()).not.toBe("1000");
  });

  it("a CLI killed outright leaves no extraction process behind", async () => {
    const extractors = new Set<number>();
    const child = spawn(process.execPath, [cli, "ingest", samples, "--db", join(tmp, "orphans.sqlite"), "--jobs", "2", "--quiet"]);
    // killed once both processes are reading
    await new Promise<void>((reading) => {
      const look = setInterval(() => {
        for (const pid of processTree(child.pid!).slice(1)) extractors.add(pid);
        if (extractors.size >= 2) {
          clearInterval(look);
          reading();
        }
      }, 10);
    });
    child.kill("SIGKILL");
    const deadline = Date.now() + 5000;
    while ([...extractors].some(running) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect([...extractors].filter(running)).toEqual([]);
  });
});

// A container whose memory holds the run and one extraction at a time, but not two: the kernel's out-of-memory
// killer then ends a process now and then. Only where this user may make a memory cgroup (root, cgroup v1).
describe.skipIf(!mayMakeCgroup("memory"))("the extraction processes where memory runs out (a real memory cgroup)", () => {
  const limit = (mb: number) => ({ "memory.limit_in_bytes": String(mb * 1024 * 1024) });

  it("the kernel kills an extraction process, never the run, and the file is read again alone: every sample is loaded", () => {
    const db = join(tmp, "tight.sqlite");
    const run = cliInCgroup("memory", limit(120), ["ingest", samples, "--db", db, "--jobs", "2", "--quiet"]);
    expect(run.oomKills).toBeGreaterThan(0);
    expect({ code: run.code, signal: run.signal }).toEqual({ code: 0, signal: null });
    expect(query(db, "SELECT status, count(*) n FROM documents GROUP BY status")).toEqual([{ status: "loaded", n: sampleCount }]);
  });

  it("a file that does not fit even alone fails, saying the system ended its process for want of memory, and the run goes on to the end", () => {
    const db = join(tmp, "starved.sqlite");
    const run = cliInCgroup("memory", limit(64), ["ingest", samplePdfs()[0]!, "--db", db, "--jobs", "2", "--quiet"]);
    expect({ code: run.code, signal: run.signal }).toEqual({ code: 2, signal: null });
    const [failed] = query<{ status: string; error: string }>(db, "SELECT status, error FROM documents");
    expect(failed!.status).toBe("failed");
    expect(failed!.error).toMatch(/^the extraction process crashed: killed by SIGKILL from outside, most likely by the system for want of memory: this run may use 64 MB in all$/);
  });
});

describe.skipIf(!linux)("heavy files (large embedded fonts): one at a time, while lighter ones pass them", () => {
  /** Reads `files` in two processes with the built pool (its processes run the built code), noting when each is taken and let go. */
  async function readTimed(files: { path: string; heavy: boolean }[]): Promise<Map<string, { start: number; end: number }>> {
    const { extractAll }: typeof import("./pool.js") = await import(pathToFileURL(join(dirname(cli), "pool.js")).href);
    const spans = new Map<string, { start: number; end: number }>();
    const inputs = files.map((f) => ({ ...f, sha256: "" }));
    const options = { jobs: 2, timeoutMs: 120_000, maxMemoryMb: 2048, recycleAfter: 500 };
    const onStart = (path: string) => spans.set(path, { start: performance.now(), end: Infinity });
    const onEnd = (path: string) => (spans.get(path)!.end = performance.now());
    for await (const outcome of extractAll(inputs, { ...options, onStart, onEnd })) expect(outcome.status).toBe("loaded");
    return spans;
  }
  const overlap = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

  it("two processes never read two heavy files at once, and the lighter files behind them are read meanwhile", async () => {
    const [h1, h2, h3, ...lighter] = samplePdfs();
    const spans = await readTimed([h1!, h2!, h3!].map((path) => ({ path, heavy: true })).concat(lighter.map((path) => ({ path, heavy: false }))));
    const heavy = [h1!, h2!, h3!].map((p) => spans.get(p)!);
    for (const [i, a] of heavy.entries()) for (const b of heavy.slice(i + 1)) expect(overlap(a, b)).toBe(false);
    // the first heavy file kept its place: it was not passed by the lighter files behind it
    expect(lighter.filter((p) => spans.get(p)!.start < heavy[0]!.start).length).toBeLessThanOrEqual(1);
    // the second process did not wait for the first heavy file: it went on to the lighter ones
    expect(Math.min(...lighter.map((p) => spans.get(p)!.start))).toBeLessThan(heavy[0]!.end);
  });

  it("once every lighter file has been taken, the heavy files left are read side by side", async () => {
    const [light, ...heavy] = samplePdfs().slice(0, 5);
    const spans = await readTimed([{ path: light!, heavy: false }, ...heavy.map((path) => ({ path, heavy: true }))]);
    const read = heavy.map((p) => spans.get(p)!);
    expect(read.some((a, i) => read.slice(i + 1).some((b) => overlap(a, b)))).toBe(true);
  });
});

describe("deathCause: why an extraction process died, in one line", () => {
  it("V8's fatal error when its heap was full", () => {
    const stderr = "\n<--- Last few GCs --->\n\n[6430:0x1d39a870]  104 ms: Mark-Compact 30.0 (62.9) -> 30.0 (62.7) MB\n\nFATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory\n----- Native stack trace -----\n\n 1: 0xb78db3 node::OOMErrorHandler(char const*, v8::OOMDetails const&) [node]\n";
    expect(deathCause(stderr, null, "SIGABRT")).toBe("FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory");
  });

  it("an error thrown with nobody to catch it: its name and message, not the stack or Node's version", () => {
    expect(deathCause("file:///x.js:1\nthrow new TypeError('boom')\n^\n\nTypeError: boom\n    at [eval]:1:7\n\nNode.js v20.20.2\n", 1, null)).toBe("TypeError: boom");
    // pdf.js's exceptions print as objects: the message is a field
    const stray = "file:///stray-rejections.js:10\n        throw reason;\n        ^\nError\n    at BaseExceptionClosure (pdf.worker.mjs:6289:29)\n {\n  message: 'Bad (uncompressed) XRef entry: 54R',\n  name: 'XRefEntryException'\n}\n\nNode.js v20.20.2\n";
    expect(deathCause(stray, 1, null)).toBe("XRefEntryException: Bad (uncompressed) XRef entry: 54R");
  });

  it("killed from outside, or gone without a word", () => {
    expect(deathCause("", null, "SIGTERM")).toBe("killed by SIGTERM");
    expect(deathCause("", 3, null)).toBe("exit code 3");
  });

  it("killed outright by someone other than the pool: most likely the out-of-memory killer, with the memory the run may use", () => {
    expect(deathCause("", null, "SIGKILL")).toMatch(/^killed by SIGKILL from outside, most likely by the system for want of memory: this run may use \d+ MB in all$/);
    // the pool kills a process past its time or memory limit, and says so itself
    expect(deathCause("", null, "SIGKILL", true)).toBe("killed by SIGKILL");
  });
});

/** Is the process still there (and not a zombie waiting for its parent)? */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !/State:\s+Z/.test(readFileSync(`/proc/${pid}/status`, "latin1"));
  } catch {
    return false;
  }
}
