import type { BudgetDatabase } from "./database.js";

export interface DocumentRecord {
  readonly documentId: number;
  readonly fileName: string;
  readonly status: "loaded" | "failed" | "needs_ocr";
  readonly error: string | null;
  /** ISO 8601 */
  readonly loadedAt: string;
  readonly factCount: number;
  readonly errorCount: number;
  readonly warningCount: number;
}

interface StatusRow {
  id: number;
  file_name: string;
  status: DocumentRecord["status"];
  error: string | null;
  loaded_at: string;
  fact_count: number;
  error_count: number;
  warning_count: number;
}

/**
 * What the database holds of a file, by its sha256, or null when it has never been seen.
 * @example documentRecord(db, sha)?.error // "no text layer on any of 30 pages"
 */
export function documentRecord(db: BudgetDatabase, sha256: string): DocumentRecord | null {
  const row = db
    .prepare<[string], StatusRow>(
      `SELECT id, file_name, status, error, loaded_at, fact_count, error_count, warning_count
       FROM documents WHERE sha256 = ?`,
    )
    .get(sha256);
  return row
    ? {
        documentId: row.id,
        fileName: row.file_name,
        status: row.status,
        error: row.error,
        loadedAt: row.loaded_at,
        factCount: row.fact_count,
        errorCount: row.error_count,
        warningCount: row.warning_count,
      }
    : null;
}

/**
 * The status of a file by its sha256 ("loaded", "failed", "needs_ocr"), or null when never seen.
 * @example if (documentStatus(db, sha) === "loaded") console.log("already loaded");
 */
export function documentStatus(db: BudgetDatabase, sha256: string): DocumentRecord["status"] | null {
  return documentRecord(db, sha256)?.status ?? null;
}
