import { availableParallelism } from "node:os";
import { basename } from "node:path";
import { Piscina } from "piscina";
import type { FileOutcome } from "./process-file.js";

export interface PoolOptions {
  jobs: number;
  /** per-document limits: a file that exceeds them fails with that reason, the batch goes on */
  timeoutMs: number;
  maxMemoryMb: number;
}

export const defaultJobs = () => Math.max(1, availableParallelism());

/**
 * Extracts files on worker threads and yields their outcomes in input order, keeping at most
 * 2 × jobs files in flight so memory stays flat however long the list.
 * @example for await (const outcome of extractAll([{ path, sha256 }], { jobs: 2, timeoutMs: 120_000, maxMemoryMb: 2048 })) load(outcome);
 */
export async function* extractAll(files: readonly { path: string; sha256: string }[], options: PoolOptions): AsyncGenerator<FileOutcome> {
  const pool = new Piscina({
    filename: new URL("./worker.js", import.meta.url).href,
    minThreads: Math.min(options.jobs, files.length || 1),
    maxThreads: options.jobs,
    idleTimeout: 1000,
    resourceLimits: { maxOldGenerationSizeMb: options.maxMemoryMb },
  });
  const start = ({ path, sha256 }: { path: string; sha256: string }): Promise<FileOutcome> =>
    pool.run({ path }, { signal: AbortSignal.timeout(options.timeoutMs) }).catch(
      (error: { name?: string; code?: string; message?: string }): FileOutcome => ({
        status: "failed",
        fileName: basename(path),
        sha256,
        pageCount: null,
        reason:
          error?.name === "AbortError" || error?.name === "TimeoutError"
            ? `took longer than the per-document limit of ${options.timeoutMs / 1000} s`
            : error?.code === "ERR_WORKER_OUT_OF_MEMORY"
              ? `needed more than the per-document memory limit of ${options.maxMemoryMb} MB`
              : `the extraction worker crashed: ${error?.message ?? String(error)}`,
      }),
    );
  const window = Math.max(2, options.jobs * 2);
  const inFlight: Promise<FileOutcome>[] = [];
  let next = 0;
  try {
    while (next < files.length || inFlight.length > 0) {
      while (next < files.length && inFlight.length < window) inFlight.push(start(files[next++]!));
      yield await inFlight.shift()!;
    }
  } finally {
    await pool.destroy();
  }
}
