import { basename } from "node:path";
import { MessageChannel } from "node:worker_threads";
import { Piscina } from "piscina";
import type { FileOutcome } from "./process-file.js";

export interface PoolOptions {
  jobs: number;
  /** per-document limits: a file that exceeds them fails with that reason, the batch goes on */
  timeoutMs: number;
  maxMemoryMb: number;
  /** told when a thread takes a file, after each page of it, and when it is done with it, for the progress */
  onStart?: (path: string) => void;
  onPage?: (path: string, page: number, pageCount: number) => void;
  onEnd?: (path: string) => void;
  /** read pages without a text layer by OCR (the worker's option, passed through); told after each OCR'd page */
  ocr?: boolean;
  onOcrPage?: (path: string, done: number, total: number) => void;
}

/** What a worker tells of its file's progress: a page read, or a page OCR has read. */
export type PageMessage = { page: number; pageCount: number } | { ocr: number; total: number };

interface InputFile {
  path: string;
  sha256: string;
}

/** An attempt that says nothing of its file yet: stopped for the run's memory, or its thread died. */
type Retry = { retry: "over-memory" } | { retry: "crashed"; reason: string };

interface Attempt {
  file: InputFile;
  stop: AbortController;
  outcome: Promise<FileOutcome | Retry>;
}

const MB = 1024 * 1024;
/** why an attempt was stopped */
const TIMED_OUT = "timed out";
const OVER_MEMORY = "over memory";

/**
 * Extracts files on worker threads and yields their outcomes in input order, keeping at most
 * 4 × jobs files in flight so memory stays flat however long the list. At most `jobs` of them
 * extract at once, and each one's time limit counts from when it starts.
 *
 * Memory: decoded PDF streams live outside the V8 heap, so heap limits alone cannot stop a stream
 * that inflates to gigabytes. A watchdog compares the process's resident memory with the budget
 * (jobs × the per-document limit); when it is passed, every file in flight is stopped and retried
 * alone, where the one that passes the per-document limit by itself fails with that reason.
 *
 * A thread that dies takes down the file it was reading, though the cause may be a file it read before
 * (a stray rejection surfacing late). That file is read again on a fresh thread and fails only if it
 * kills that one too.
 * @example for await (const outcome of extractAll([{ path, sha256 }], { jobs: 2, timeoutMs: 120_000, maxMemoryMb: 2048 })) load(outcome);
 */
export async function* extractAll(files: readonly InputFile[], options: PoolOptions): AsyncGenerator<FileOutcome> {
  const pool = new Piscina({
    filename: new URL("./worker.js", import.meta.url).href,
    minThreads: Math.min(options.jobs, files.length || 1),
    maxThreads: options.jobs,
    idleTimeout: 1000,
    resourceLimits: { maxOldGenerationSizeMb: options.maxMemoryMb },
  });
  const baseline = process.memoryUsage.rss();
  let inFlight: Attempt[] = [];
  let solo = false;
  const watchdog = setInterval(() => {
    const budget = baseline + options.maxMemoryMb * MB * (solo ? 1 : options.jobs);
    if (process.memoryUsage.rss() > budget) for (const a of inFlight) a.stop.abort(OVER_MEMORY);
  }, 100);
  watchdog.unref();

  const failure = (file: InputFile, reason: string): FileOutcome => ({ status: "failed", fileName: basename(file.path), sha256: file.sha256, pageCount: null, reason });
  const running = new Slots(options.jobs);
  const start = (file: InputFile): Attempt => {
    const stop = new AbortController();
    const extract = async (): Promise<FileOutcome | Retry> => {
      await running.take();
      options.onStart?.(file.path);
      // The clock starts when a thread takes the file, not while it waits behind others. It is a plain
      // timer held here: Node 20 can collect an AbortSignal.timeout() inside AbortSignal.any() before
      // it fires (nodejs/node#57736), and then a slow file was never stopped.
      const timer = setTimeout(() => stop.abort(TIMED_OUT), options.timeoutMs);
      // the worker tells each page it has read on a port of its own
      const pages = new MessageChannel();
      pages.port1.on("message", (m: PageMessage) => ("ocr" in m ? options.onOcrPage?.(file.path, m.ocr, m.total) : options.onPage?.(file.path, m.page, m.pageCount)));
      pages.port1.unref();
      try {
        return await pool.run({ path: file.path, pages: pages.port2, ocr: options.ocr !== false }, { signal: stop.signal, transferList: [pages.port2] });
      } catch (e) {
        const error = e as { code?: string; message?: string };
        if (stop.signal.reason === OVER_MEMORY) return { retry: "over-memory" };
        if (stop.signal.reason === TIMED_OUT) return failure(file, `took longer than the per-document limit of ${options.timeoutMs / 1000} s`);
        if (error?.code === "ERR_WORKER_OUT_OF_MEMORY") return failure(file, `needed more than the per-document memory limit of ${options.maxMemoryMb} MB`);
        return { retry: "crashed", reason: `the extraction worker crashed: ${error?.message ?? String(error)}` };
      } finally {
        clearTimeout(timer);
        pages.port1.close();
        options.onEnd?.(file.path);
        running.give();
      }
    };
    return { file, stop, outcome: extract() };
  };

  // Outcomes finished behind a slower file wait here to be yielded in order; room for four per thread keeps
  // every thread busy while the first one reads a long document (callers give the largest files first).
  const window = Math.max(2, options.jobs * 4);
  let next = 0;
  try {
    while (next < files.length || inFlight.length > 0) {
      if (!solo) while (next < files.length && inFlight.length < window) inFlight.push(start(files[next++]!));
      const head = inFlight[0]!;
      const first = await head.outcome;
      let outcome: FileOutcome;
      if ("retry" in first) {
        // Over memory, retried alone: only a file that passes the limit by itself is to blame.
        if (first.retry === "over-memory") solo = true;
        const again = start(head.file);
        inFlight[0] = again;
        const second = await again.outcome;
        if (!("retry" in second)) outcome = second;
        else if (second.retry === "crashed") outcome = failure(head.file, second.reason);
        else outcome = failure(head.file, `needed more than the per-document memory limit of ${options.maxMemoryMb} MB`);
      } else outcome = first;
      inFlight = inFlight.slice(1);
      if (solo && !(await Promise.all(inFlight.map((a) => a.outcome))).some((o) => "retry" in o && o.retry === "over-memory")) solo = false;
      yield outcome;
    }
  } finally {
    clearInterval(watchdog);
    await pool.destroy();
  }
}

/** At most `size` files extracting at once; the others wait their turn in order. */
class Slots {
  #free: number;
  readonly #waiting: (() => void)[] = [];
  constructor(size: number) {
    this.#free = size;
  }
  async take(): Promise<void> {
    if (this.#free > 0) this.#free--;
    else await new Promise<void>((granted) => this.#waiting.push(granted));
  }
  give(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#free++;
  }
}
