import { basename } from "node:path";
import type { BudgetDatabase } from "./database.js";
import { replacingDocument } from "./document-names.js";
import { statements, type Statements } from "./statements.js";

export interface Failure {
  readonly fileName: string;
  /** null (or "") when the file could not be read at all */
  readonly sha256: string | null;
  /** why the document could not be loaded, for whoever reads the documents table */
  readonly error: string;
  /** "needs_ocr": a scanned document without a text layer; "failed": anything else */
  readonly status: "failed" | "needs_ocr";
  readonly pageCount?: number | null;
  readonly recordedAt?: Date;
}

/**
 * Records a document that could not be loaded, replacing any older failure of the same sha256 (or, for an
 * unreadable file, the older unreadable row of the same name). Content already loaded stays loaded: a
 * re-read that failed is stored beside it (`reread_error`). Returns the id of the row that holds the reason.
 * @example recordFailure(db, { fileName: "a.pdf", sha256, status: "needs_ocr", error: "no text layer on 30 of 30 pages" })
 */
export function recordFailure(db: BudgetDatabase, failure: Failure): number {
  if (!failure.error.trim()) throw new Error(`${failure.fileName}: a failure needs a reason`);
  const st = statements(db);
  const write = db.transaction((): number => {
    const sha256 = failure.sha256 || null;
    const same = sha256 === null ? undefined : st.findBySha.get(sha256);
    if (same?.status === "loaded") {
      st.setRereadError.run(failure.error, same.id);
      return same.id;
    }
    if (sha256 === null) st.deleteUnreadFailuresOf.run(basename(failure.fileName));
    return replacingDocument(st, same?.id, () => insertFailure(st, failure, sha256), failure.fileName);
  });
  return write.immediate();
}

function insertFailure(st: Statements, failure: Failure, sha256: string | null): number {
  const { lastInsertRowid } = st.insertDocument.run({
    file_name: basename(failure.fileName),
    source_path: failure.fileName,
    sha256,
    status: failure.status,
    error: failure.error,
    fiscal_year: null,
    region: null,
    department: null,
    doc_kind: null,
    page_count: failure.pageCount ?? null,
    edition: null,
    loaded_at: (failure.recordedAt ?? new Date()).toISOString(),
    ocr_pages: 0,
  });
  return Number(lastInsertRowid);
}
