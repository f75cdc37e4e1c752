import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { basename } from "node:path";
import { loadRegistry } from "@yusuan/classification";
import { embeddedFontBytes } from "@yusuan/extract/font-programs";
import {
  addDocumentNames,
  databaseError,
  departmentOverridesPath,
  linkDepartments,
  readDepartmentOverrides,
  documentRecord,
  isStorageError,
  loadClassification,
  loadDocument,
  openDatabase,
  recordFailure,
  type BudgetDatabase,
  type DocumentRecord,
} from "@yusuan/load";
import { ExitCode, UsageError } from "../exit-codes.js";
import { listInputs } from "../inputs.js";
import { extractAll } from "../pool.js";
import type { FileOutcome } from "../process-file.js";
import { createProgress } from "../progress.js";
import { HEAVY_FONT_BYTES, readingOrder } from "../reading-order.js";
import { inShard, type Shard } from "../shard.js";
import { writeExports } from "../write-exports.js";
import { warnUnmatched } from "./departments.js";

export interface IngestOptions {
  db: string;
  csv?: string;
  jobs: number;
  force: boolean;
  retryFailed: boolean;
  replace: boolean;
  timeout: number;
  maxMemory: number;
  /** documents an extraction process reads before it is replaced */
  recycleAfter: number;
  quiet: boolean;
  overrides?: string;
  /** false with --no-ocr: pages without a text layer are left unread (the document needs OCR) */
  ocr: boolean;
  /** only this share of the inputs (for runs on several machines, merged afterwards) */
  shard?: Shard;
}

/**
 * The content hash that identifies a document version, the file's size, and whether it is heavy to read;
 * "" and 0 for a file that cannot be read (the worker says why).
 */
function identify(path: string): { sha256: string; bytes: number; heavy: boolean } {
  try {
    const bytes = readFileSync(path);
    return { sha256: createHash("sha256").update(bytes).digest("hex"), bytes: bytes.length, heavy: embeddedFontBytes(bytes) >= HEAVY_FONT_BYTES };
  } catch {
    return { sha256: "", bytes: 0, heavy: false };
  }
}

/** One content to ingest: the paths it was found under (the first is read), its sha256, size and weight, and what the database knows of it. */
interface Content {
  paths: string[];
  sha256: string;
  bytes: number;
  heavy: boolean;
  known: DocumentRecord | null;
}

/** Groups the files by content: copies under other names are one document, read once. An unreadable file stands alone. */
function byContent(db: BudgetDatabase, files: readonly string[]): Content[] {
  const contents = new Map<string, Content>();
  for (const path of files) {
    const { sha256, bytes, heavy } = identify(path);
    const same = sha256 ? contents.get(sha256) : undefined;
    if (same) same.paths.push(path);
    else contents.set(sha256 || path, { paths: [path], sha256, bytes, heavy, known: sha256 ? documentRecord(db, sha256) : null });
  }
  return [...contents.values()];
}

/** What happened to one content in this run, for the summary. */
type Settled = { status: "loaded"; clean: boolean } | { status: "failed" | "needs_ocr"; reason: string; kept: boolean };

/**
 * Writes one outcome: the document with every name it was found under, or its failure. A failed re-read of
 * loaded content leaves the loaded version (its reason goes beside it). Storage errors are thrown: they are
 * the run's, not the document's.
 */
function settle(db: BudgetDatabase, content: Content, outcome: FileOutcome, options: IngestOptions): Settled {
  const kept = content.known?.status === "loaded";
  let failure: { status: "failed" | "needs_ocr"; reason: string; pageCount: number | null };
  if (outcome.status === "loaded") {
    try {
      db.transaction(() => {
        const { documentId } = loadDocument(db, outcome.document, { replace: options.force, supersede: options.replace, sourcePath: content.paths[0] });
        addDocumentNames(db, documentId, content.paths);
      }).immediate();
      return { status: "loaded", clean: !outcome.document.findings.some((f) => f.severity === "error") };
    } catch (error) {
      if (isStorageError(error)) throw error;
      failure = { status: "failed", reason: `loading failed: ${(error as Error).message}`, pageCount: outcome.document.pageCount };
    }
  } else failure = { status: outcome.status, reason: outcome.reason, pageCount: outcome.pageCount };
  db.transaction(() => {
    const id = recordFailure(db, { fileName: content.paths[0]!, sha256: outcome.sha256, status: failure.status, error: failure.reason, pageCount: failure.pageCount });
    addDocumentNames(db, id, content.paths);
  }).immediate();
  return { status: failure.status, reason: failure.reason, kept };
}

/** `yusuan ingest`: every input ends loaded, failed or needs_ocr in the documents table; one transaction per document. */
export async function ingestCommand(inputs: string[], options: IngestOptions): Promise<void> {
  const { files, missing, skipped } = listInputs(inputs);
  if (missing.length) throw new UsageError(`not found: ${missing.join(", ")}`);
  if (files.length === 0 && skipped.length === 0) throw new UsageError(`no PDF files found in ${inputs.join(", ")}`);
  if (options.overrides && !existsSync(options.overrides)) throw new UsageError(`no overrides file at ${options.overrides}`);
  const db = openDatabase(options.db);
  let current = "";
  try {
    loadClassification(db, loadRegistry().entries());
    const shard = options.shard;
    const every = byContent(db, files);
    const contents = shard ? every.filter((c) => inShard(c.sha256 || c.paths[0]!, shard)) : every;
    const retry = (k: DocumentRecord | null) => !k || options.force || (options.retryFailed && k.status !== "loaded");
    const todo = readingOrder(contents.filter((c) => retry(c.known)));
    const known = contents.filter((c) => !retry(c.known));
    // a new name of known content is recorded even though the content is not read again
    for (const c of known) addDocumentNames(db, c.known!.documentId, c.paths);
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
    const reads = todo.map((c) => ({ path: c.paths[0]!, sha256: c.sha256, heavy: c.heavy }));
    let next = 0;
    for await (const outcome of extractAll(reads, {
      jobs: options.jobs,
      timeoutMs: options.timeout * 1000,
      maxMemoryMb: options.maxMemory,
      recycleAfter: options.recycleAfter,
      onStart: (path) => progress.started(basename(path)),
      onPage: (path, page, pageCount) => progress.page(basename(path), page, pageCount),
      onEnd: (path) => progress.ended(basename(path)),
      ocr: options.ocr,
      onOcrPage: (path, done, total) => progress.ocrPage(basename(path), done, total),
    })) {
      const content = todo[next++]!;
      current = basename(content.paths[0]!);
      const settled = settle(db, content, outcome, options);
      counts[settled.status]++;
      if (settled.status === "loaded" && settled.clean) counts.clean++;
      if (settled.status !== "loaded")
        failures.push(settled.kept ? `${current}: re-reading failed, the loaded version is kept: ${settled.reason}` : `${current}: ${settled.reason}`);
      progress.done(outcome.fileName, settled.status, outcome.status === "loaded" ? outcome.document.pageCount : (outcome.pageCount ?? 0));
    }
    current = "";
    progress.finish();
    // departments are linked across documents, so after the last one, with the user's corrections
    warnUnmatched(linkDepartments(db, readDepartmentOverrides(options.overrides ?? departmentOverridesPath(options.db))));
    if (options.csv) await writeExports(db, options.csv);
    const loadedBefore = known.filter((c) => c.known!.status === "loaded").length;
    const failedBefore = known.filter((c) => c.known!.status !== "loaded");
    const copies = files.length - every.length;
    const out = process.stdout;
    out.write(
      `${counts.loaded} loaded (${counts.clean} clean), ${counts.failed} failed, ${counts.needs_ocr} need OCR` +
        (loadedBefore ? `, ${loadedBefore} already loaded (use --force to re-ingest)` : "") +
        (failedBefore.length ? `, ${failedBefore.length} failed before (use --retry-failed to try again)` : "") +
        (copies ? `; ${copies} of ${files.length} files repeat another's content (one document, every name kept)` : "") +
        (skipped.length ? `; ${skipped.length} skipped` : "") +
        (shard ? `; shard ${shard.index}/${shard.count}: ${contents.length} of ${every.length} documents` : "") +
        ` → ${options.db}${options.csv ? ` and ${options.csv}` : ""}\n`,
    );
    for (const f of failures) out.write(`  ✗ ${f}\n`);
    for (const c of failedBefore) out.write(`  ✗ ${basename(c.paths[0]!)}: ${c.known!.status === "needs_ocr" ? "needs OCR" : "failed"} before: ${c.known!.error}\n`);
    for (const s of skipped) out.write(`  – skipped ${s.path}: ${s.reason}\n`);
    const incomplete = counts.failed + counts.needs_ocr + failedBefore.length + skipped.length;
    process.exitCode = incomplete > 0 ? ExitCode.SomeFailed : ExitCode.Ok;
  } catch (error) {
    if (!isStorageError(error)) throw error;
    const stopped = databaseError(error, options.db);
    // The document being written was rolled back whole; the ones before it are loaded.
    if (current) stopped.message += `. Stopped at ${current}: the documents before it are loaded, it and the files after it are as they were`;
    throw stopped;
  } finally {
    db.close();
  }
}
