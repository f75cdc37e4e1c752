import { fork, type ChildProcess } from "node:child_process";
import { basename } from "node:path";
import { heavyAtOnce } from "./reading-order.js";
import { usableCores, usableMemoryBytes } from "./resource-limits.js";
import type { FileOutcome } from "./process-file.js";
import { offerToOomKiller, residentBytes } from "./processes.js";

export interface PoolOptions {
  jobs: number;
  /** per-document limits: a file that exceeds them fails with that reason, the batch goes on */
  timeoutMs: number;
  maxMemoryMb: number;
  /** told when a process takes a file, after each page of it, and when it is done with it, for the progress */
  onStart?: (path: string) => void;
  onPage?: (path: string, page: number, pageCount: number) => void;
  onEnd?: (path: string) => void;
  /** read pages without a text layer by OCR (the process's option, passed through); told after each OCR'd page */
  ocr?: boolean;
  onOcrPage?: (path: string, done: number, total: number) => void;
  /** documents a process reads before a fresh one takes its place */
  recycleAfter: number;
}

/** What the pool sends an extraction process: one file to read. */
export interface ExtractionTask {
  path: string;
  ocr: boolean;
  /** the file is heavy (see reading-order.ts): its process collects its garbage first */
  heavy: boolean;
}

/** What an extraction process tells the pool: it is ready, a page is read, a page is OCR'd, or the file's outcome. */
export type ProcessMessage = { ready: true } | { page: number; pageCount: number } | { ocr: number; total: number } | { outcome: FileOutcome };

interface InputFile {
  path: string;
  sha256: string;
  /** needs about twice a usual document's memory to read (see reading-order.ts) */
  heavy: boolean;
}

/** A read that says nothing of its file: its process died, and the cause may be a file it read before. */
interface Crash {
  crashed: string;
}

const MB = 1024 * 1024;

/**
 * The one line of a dead process's stderr that says why it died: V8's fatal error, or the error thrown. A
 * process killed outright (SIGKILL) that the pool did not kill was most likely ended by the kernel's
 * out-of-memory killer, which says nothing to the process: that is said, with the memory the run may use.
 */
export function deathCause(stderr: string, code: number | null, signal: string | null, killedByPool = false): string {
  const lines = stderr.split("\n").map((l) => l.trim());
  const fatal = lines.find((l) => /^FATAL ERROR:/.test(l));
  if (fatal) return fatal;
  // an uncaught error prints its name and message, or (an object thrown) its fields
  const thrown = lines.find((l) => /^[\w.]*(Error|Exception)\b.*:/.test(l));
  const message = /^message: '(.*)',?$/.exec(lines.find((l) => l.startsWith("message: '")) ?? "")?.[1];
  const name = /^name: '(.*)',?$/.exec(lines.find((l) => l.startsWith("name: '")) ?? "")?.[1];
  if (message) return `${name ?? "Error"}: ${message}`;
  if (thrown) return thrown;
  if (signal === "SIGKILL" && !killedByPool)
    return `killed by SIGKILL from outside, most likely by the system for want of memory: this run may use ${Math.round(usableMemoryBytes() / MB)} MB in all`;
  return signal ? `killed by ${signal}` : `exit code ${code}`;
}

// When the pool fills every core, each process runs V8 on its one thread: V8's background threads (concurrent
// GC and recompilation) then only take time from the other processes. With them one extraction kept ~1.5
// cores busy and a second one added little (--jobs 2 was 1.1× --jobs 1, now 1.7× --jobs 1 on one thread
// each). With a core to spare they are left on, where they make one process ~20 % faster. Processes rather
// than worker threads, because V8 takes --single-threaded only for a whole process. A heap may grow to twice
// what survived its last full collection (V8 allows four with a 2 GB limit): on the 33 PDFs of data/samples +
// ../shared that held two processes at ~740 MB together instead of ~1 GB, for ~5 % more CPU. A process that
// holds much after a file collects its garbage (--expose-gc; see extraction-process.ts). The heap limit is
// the per-document memory limit. V8 optimizes a function after 8× its default interrupt budget: pdf.js's
// operator and text loops are thousands of bytecodes whose branches each document exercises differently,
// and optimized early they were thrown away (deoptimized for want of type feedback) and compiled again,
// 2,223 times over 50 documents (7.7 s of 26 s on one thread). Waiting for more feedback: 987 compilations,
// 3.3 s, and one process ~14 % less CPU on one thread, 5–11 % less time with its helper threads.
/**
 * The node flags of an extraction process: on one thread where the pool fills the cores.
 * @example fork(script, [], { execArgv: extractionFlags(2048, { oneThread: true }) })
 */
export const extractionFlags = (maxMemoryMb: number, { oneThread }: { oneThread: boolean }): string[] => [
  ...(oneThread ? ["--single-threaded"] : []),
  "--heap-growing-percent=100",
  `--interrupt-budget=${8 * 66 * 1024}`,
  "--expose-gc",
  `--max-old-space-size=${maxMemoryMb}`,
];

/**
 * One extraction process: reads one file at a time. Its memory is watched from outside (a stream that
 * inflates to gigabytes does so inside one synchronous call, with no chance to look at itself): past what
 * it held when it took the file plus the per-document limit, it is killed and the file fails with that reason.
 */
class ExtractionProcess {
  readonly #child: ChildProcess;
  readonly ready: Promise<void>;
  /** settles when the process has exited, whatever the way */
  readonly exited: Promise<void>;
  #baseline = 0;
  #lastTold = 0;
  #stderr = "";
  #exited: string | null = null;
  #killed = false;
  #onMessage: ((m: ProcessMessage & { rss: number }) => void) | null = null;
  #onExit: ((why: string) => void) | null = null;
  documents = 0;

  /** `execArgv`: the node flags of the process (see extractionFlags) */
  constructor(
    private readonly options: PoolOptions,
    execArgv: string[],
  ) {
    this.#child = fork(new URL("./extraction-process.js", import.meta.url), [], {
      execArgv,
      serialization: "advanced",
      stdio: ["ignore", "ignore", "pipe", "ipc"],
    });
    // Where memory runs out, the kernel is to kill an extraction process, never the run's: the file it was
    // reading is read again or fails with a reason, where the run's death would end the batch.
    offerToOomKiller(this.#child.pid ?? 0);
    // the end of what it printed says why it died (V8's "heap out of memory", an uncaught error)
    this.#child.stderr!.on("data", (d: Buffer) => (this.#stderr = (this.#stderr + d.toString()).slice(-4000)));
    this.ready = new Promise((started, failed) => {
      this.#onMessage = (m) => {
        if ("ready" in m) started();
      };
      this.#onExit = (why) => failed(new Error(why));
    });
    this.#child.on("message", (m: ProcessMessage & { rss: number }) => {
      this.#lastTold = m.rss;
      this.#onMessage?.(m);
    });
    this.exited = new Promise((gone) =>
      this.#child.on("exit", (code, signal) => {
        this.#exited = deathCause(this.#stderr, code, signal, this.#killed);
        this.#onExit?.(this.#exited);
        gone();
      }),
    );
    // A message sent to a process that is dying fails (EPIPE); its exit, which follows, ends the read.
    this.#child.on("error", () => this.kill());
    // The pool never waits for an idle process: it exits by itself when let go.
    this.ready.catch(() => {});
  }

  /** Its resident memory now; from its own last word where /proc is missing. */
  #resident(): number {
    return residentBytes(this.#child.pid ?? 0) ?? this.#lastTold;
  }

  /** Memory it holds above what it held when it took the file it is reading. */
  memoryUsed(): number {
    return this.#resident() - this.#baseline;
  }

  get alive(): boolean {
    return this.#exited === null;
  }

  /** Reads one file: its outcome, or the crash that ended the process first. */
  read(file: InputFile): Promise<FileOutcome | Crash> {
    this.documents++;
    this.#baseline = this.#resident();
    return new Promise((done) => {
      this.#onMessage = (m) => {
        if ("outcome" in m) done(m.outcome);
        else if ("ocr" in m) this.options.onOcrPage?.(file.path, m.ocr, m.total);
        else if ("page" in m) this.options.onPage?.(file.path, m.page, m.pageCount);
      };
      this.#onExit = (why) => done({ crashed: why });
      if (this.#exited !== null) done({ crashed: this.#exited });
      else this.#child.send({ path: file.path, ocr: this.options.ocr !== false, heavy: file.heavy } satisfies ExtractionTask);
    });
  }

  kill(): void {
    this.#killed = true;
    this.#child.kill("SIGKILL");
  }

  /** Lets it go: it finishes nothing more and exits once the channel closes. */
  release(): void {
    if (this.#child.connected) this.#child.disconnect();
  }
}

/**
 * Extracts files in `jobs` processes and yields their outcomes in input order, keeping at most 4 × jobs
 * files in flight so memory stays flat however long the list, and at most `heavyAtOnce(jobs)` heavy files at
 * once while lighter ones remain (the order, `readingOrder`, puts lighter ones between them). Each one's time
 * limit counts from when a process takes it. A process reads `recycleAfter` files and is then replaced by a
 * fresh one: its heap is let grow rather than held small, which would recompile pdf.js after every full
 * collection, and whatever it kept from earlier files goes with it.
 *
 * A process that dies takes down the file it was reading, though the cause may be a file it read before
 * (a stray rejection surfacing late), or the others' memory (the kernel's out-of-memory killer takes
 * extraction processes first). That file is read again, alone, and fails only if it kills that process too.
 * @example for await (const outcome of extractAll([{ path, sha256, heavy: false }], { jobs: 2, timeoutMs: 120_000, maxMemoryMb: 2048, recycleAfter: 500 })) load(outcome);
 */
export async function* extractAll(files: readonly InputFile[], options: PoolOptions): AsyncGenerator<FileOutcome> {
  const idle: ExtractionProcess[] = [];
  // every process not yet exited, so that the run ends with none left (and their CPU time counted in its own)
  const live = new Set<ExtractionProcess>();
  // decided once a run: the cores are read from /proc and /sys, and a process is forked every `recycleAfter` files
  const execArgv = extractionFlags(options.maxMemoryMb, { oneThread: options.jobs >= usableCores() });
  const fresh = (): ExtractionProcess => {
    const p = new ExtractionProcess(options, execArgv);
    live.add(p);
    void p.exited.then(() => live.delete(p));
    return p;
  };
  const busy = new Set<{ process: ExtractionProcess; overMemory: () => void }>();
  const watchdog = setInterval(() => {
    for (const b of busy) if (b.process.memoryUsed() > options.maxMemoryMb * MB) b.overMemory();
  }, 100);
  watchdog.unref();

  const failure = (file: InputFile, reason: string): FileOutcome => ({ status: "failed", fileName: basename(file.path), sha256: file.sha256, pageCount: null, reason });
  const overMemory = `needed more than the per-document memory limit of ${options.maxMemoryMb} MB`;
  // Heavy files wait for one another, not for the lighter ones behind them, which pass them meanwhile. Once
  // no lighter file is left to pass, waiting would only leave processes idle: the heavy ones then go at once.
  let lightToStart = files.filter((f) => !f.heavy).length;
  const running = new Slots(options.jobs, lightToStart > 0 ? heavyAtOnce(options.jobs) : options.jobs);
  // Set when the caller stops early (the database failed, say): the reads still in flight end at once and
  // leave no process behind, or the run would never exit.
  let closing = false;
  // A file read again after a crash is read alone: where the processes together ran out of memory, it may fit by itself.
  const attempt = async (file: InputFile, { alone = false } = {}): Promise<FileOutcome | Crash> => {
    const need = { slots: alone ? options.jobs : 1, heavy: file.heavy && !alone };
    await running.take(need);
    if (!file.heavy && !alone && --lightToStart === 0) running.letHeavyGo(options.jobs);
    const letGo = () => running.give(need);
    if (closing) {
      letGo();
      return { crashed: "the run stopped" };
    }
    // alone also means no idle process holding memory, and a fresh one holding nothing from earlier files
    if (alone) for (const p of idle.splice(0)) p.release();
    const reader = alone ? fresh() : (idle.pop() ?? fresh());
    let stopped: string | null = null;
    let timer: NodeJS.Timeout | undefined;
    const watch = {
      process: reader,
      overMemory: () => {
        stopped ??= overMemory;
        reader.kill();
      },
    };
    try {
      await reader.ready;
      busy.add(watch);
      options.onStart?.(file.path);
      // The clock starts when a process takes the file, not while it waits behind others or starts up.
      timer = setTimeout(() => {
        stopped ??= `took longer than the per-document limit of ${options.timeoutMs / 1000} s`;
        reader.kill();
      }, options.timeoutMs);
      const outcome = await reader.read(file);
      if (stopped !== null) return failure(file, stopped);
      // V8 stops a heap at its limit by ending the process, saying so on stderr
      if ("crashed" in outcome && /heap out of memory|heap limit/i.test(outcome.crashed))
        return failure(file, overMemory);
      return outcome;
    } catch (error) {
      return { crashed: (error as Error).message };
    } finally {
      clearTimeout(timer);
      busy.delete(watch);
      if (timer) options.onEnd?.(file.path);
      if (!closing && reader.alive && stopped === null && reader.documents < options.recycleAfter) idle.push(reader);
      else reader.release();
      letGo();
    }
  };

  // Outcomes finished behind a slower file wait here to be yielded in order; room for four per process keeps
  // every process busy while the first one reads a long document (callers give the largest files first).
  const window = Math.max(2, options.jobs * 4);
  let inFlight: { file: InputFile; outcome: Promise<FileOutcome | Crash> }[] = [];
  let next = 0;
  try {
    while (next < files.length || inFlight.length > 0) {
      while (next < files.length && inFlight.length < window) {
        const file = files[next++]!;
        inFlight.push({ file, outcome: attempt(file) });
      }
      const head = inFlight[0]!;
      const first = await head.outcome;
      inFlight = inFlight.slice(1);
      if (!("crashed" in first)) yield first;
      else {
        const second = await attempt(head.file, { alone: true });
        yield "crashed" in second ? failure(head.file, `the extraction process crashed: ${second.crashed}`) : second;
      }
    }
  } finally {
    closing = true;
    clearInterval(watchdog);
    // the idle ones have nothing in hand; the others are reading or starting for files nobody waits for now
    for (const p of live) {
      if (idle.includes(p)) p.release();
      else p.kill();
    }
    await Promise.all(inFlight.map((a) => a.outcome));
    await Promise.all([...live].map((p) => p.exited));
  }
}

/**
 * At most `size` files at once (a file read alone takes them all), of which at most `heavyAtOnce` heavy; the
 * others wait their turn in order. A heavy file waiting for another heavy one to end is passed by the files
 * behind it; any other waiting file is passed by none (a file waiting for every slot is not starved).
 */
class Slots {
  #free: number;
  #heavyFree: number;
  readonly #waiting: { slots: number; heavy: boolean; granted: () => void }[] = [];
  constructor(size: number, heavyAtOnce: number) {
    this.#free = size;
    this.#heavyFree = heavyAtOnce;
  }
  /** Resolves when `slots` are this file's; they are set aside at once where free, so the order of calls is kept. */
  take(need: { slots: number; heavy: boolean }): Promise<void> {
    return new Promise<void>((granted) => {
      this.#waiting.push({ ...need, granted });
      this.#grant();
    });
  }
  give(need: { slots: number; heavy: boolean }): void {
    this.#free += need.slots;
    if (need.heavy) this.#heavyFree++;
    this.#grant();
  }
  /** `more` heavy files may go at once from now on. */
  letHeavyGo(more: number): void {
    this.#heavyFree += more;
    this.#grant();
  }
  #grant(): void {
    for (let i = 0; i < this.#waiting.length; ) {
      const next = this.#waiting[i]!;
      if (next.heavy && this.#heavyFree === 0) {
        i++;
        continue;
      }
      if (this.#free < next.slots) return;
      this.#waiting.splice(i, 1);
      this.#free -= next.slots;
      if (next.heavy) this.#heavyFree--;
      next.granted();
    }
  }
}
