import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { loadRegistry } from "@yusuan/classification";
import { documentStatus, loadClassification, loadDocument, openDatabase, recordFailure } from "@yusuan/load";
import { ExitCode, UsageError } from "../exit-codes.js";
import { listInputs } from "../inputs.js";
import { extractAll } from "../pool.js";
import { createProgress } from "../progress.js";
import { writeExports } from "../write-exports.js";

export interface IngestOptions {
  db: string;
  csv?: string;
  jobs: number;
  force: boolean;
  replace: boolean;
  timeout: number;
  maxMemory: number;
  quiet: boolean;
}

/** The content hash that identifies a document version; "" for a file that cannot be read (the worker says why). */
function sha256Of(path: string): string {
  try {
    return createHash("sha256").update(readFileSync(path)).digest("hex");
  } catch {
    return "";
  }
}

/** `yusuan ingest`: every input ends loaded, failed or needs_ocr in the documents table; one transaction per document. */
export async function ingestCommand(inputs: string[], options: IngestOptions): Promise<void> {
  const { files, missing } = listInputs(inputs);
  if (missing.length) throw new UsageError(`not found: ${missing.join(", ")}`);
  if (files.length === 0) throw new UsageError(`no PDF files found in ${inputs.join(", ")}`);
  const db = openDatabase(options.db);
  try {
    loadClassification(db, loadRegistry().entries());
    const hashed = files.map((path) => ({ path, sha256: sha256Of(path) }));
    const todo = options.force ? hashed : hashed.filter((f) => !f.sha256 || documentStatus(db, f.sha256) !== "loaded");
    const skipped = files.length - todo.length;
    const progress = createProgress(todo.length, { quiet: options.quiet });
    const counts = { loaded: 0, clean: 0, failed: 0, needs_ocr: 0 };
    const failures: string[] = [];
    // Each document is loaded in one synchronous transaction and a signal handler only runs between two
    // of them: whatever is in the database on Ctrl-C is whole, so stop at once and say how to go on.
    const interrupt = (signal: NodeJS.Signals) => {
      progress.finish();
      // An export may be reading; then SQLite finishes the close from its WAL when the database is next opened.
      try {
        db.close();
      } catch {}
      const finished = counts.loaded + counts.failed + counts.needs_ocr;
      process.stderr.write(`yusuan: interrupted (${signal}) after ${finished} of ${todo.length} files; run the same command again to continue\n`);
      process.exit(ExitCode.Interrupted);
    };
    process.once("SIGINT", interrupt).once("SIGTERM", interrupt);
    for await (const outcome of extractAll(todo, { jobs: options.jobs, timeoutMs: options.timeout * 1000, maxMemoryMb: options.maxMemory })) {
      if (outcome.status === "loaded") {
        try {
          loadDocument(db, outcome.document, { replace: options.force, supersede: options.replace });
          counts.loaded++;
          if (!outcome.document.findings.some((f) => f.severity === "error")) counts.clean++;
          progress.done(outcome.fileName, "loaded", outcome.document.pageCount);
          continue;
        } catch (error) {
          recordFailure(db, { fileName: outcome.fileName, sha256: outcome.sha256, status: "failed", error: `loading failed: ${(error as Error).message}` });
          counts.failed++;
          failures.push(`${outcome.fileName}: loading failed: ${(error as Error).message}`);
          progress.done(outcome.fileName, "failed", outcome.document.pageCount);
          continue;
        }
      }
      recordFailure(db, { fileName: outcome.fileName, sha256: outcome.sha256, status: outcome.status, error: outcome.reason });
      counts[outcome.status]++;
      failures.push(`${outcome.fileName}: ${outcome.reason}`);
      progress.done(outcome.fileName, outcome.status, outcome.pageCount ?? 0);
    }
    progress.finish();
    if (options.csv) await writeExports(db, options.csv);
    const out = process.stdout;
    out.write(
      `${counts.loaded} loaded (${counts.clean} clean), ${counts.failed} failed, ${counts.needs_ocr} need OCR` +
        (skipped ? `, ${skipped} already loaded (use --force to re-ingest)` : "") +
        ` → ${options.db}${options.csv ? ` and ${options.csv}` : ""}\n`,
    );
    for (const f of failures) out.write(`  ✗ ${f}\n`);
    process.exitCode = counts.failed + counts.needs_ocr > 0 ? ExitCode.SomeFailed : ExitCode.Ok;
  } finally {
    db.close();
  }
}
