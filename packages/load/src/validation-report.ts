import type { Statement } from "better-sqlite3";
import type { BudgetDatabase } from "./database.js";

export interface ReportedIssue {
  readonly severity: "error" | "warning" | "info";
  readonly rule: string;
  readonly tableNo: string | null;
  readonly page: number | null;
  readonly message: string;
  readonly expected: string | null;
  readonly actual: string | null;
}

export interface DocumentReport {
  readonly document: string;
  readonly sha256: string | null;
  readonly status: "loaded" | "failed" | "needs_ocr";
  /** why it was not loaded */
  readonly error: string | null;
  readonly department: string | null;
  readonly fiscalYear: number | null;
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
  /** errors first, then warnings, then notes, each in the order they were found */
  readonly issues: readonly ReportedIssue[];
}

interface DocumentRow {
  id: number;
  file_name: string;
  sha256: string | null;
  status: DocumentReport["status"];
  error: string | null;
  department: string | null;
  fiscal_year: number | null;
}

/** The statement reading a document's issues by its id: errors first, then warnings, then notes, each in the order found. */
export const issuesStatement = (db: BudgetDatabase): Statement<[number], ReportedIssue> =>
  db.prepare<[number], ReportedIssue>(
    `SELECT severity, rule, table_no AS tableNo, page, message, expected, actual FROM validation_issues
     WHERE document_id = ?
     ORDER BY CASE severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, ordinal`,
  );

/**
 * Every document (or those with one file name) with its validation issues, errors first.
 * @example for (const d of validationReport(db)) console.log(d.document, d.status, d.errors);
 */
export function validationReport(db: BudgetDatabase, document?: string): DocumentReport[] {
  const docs = db
    .prepare<[string | null, string | null], DocumentRow>(
      `SELECT id, file_name, sha256, status, error, department, fiscal_year FROM documents
       WHERE ? IS NULL OR file_name = ? ORDER BY file_name, sha256`,
    )
    .all(document ?? null, document ?? null);
  const issuesOf = issuesStatement(db);
  return docs.map((d) => {
    const issues = issuesOf.all(d.id);
    const count = (s: ReportedIssue["severity"]) => issues.filter((i) => i.severity === s).length;
    return {
      document: d.file_name,
      sha256: d.sha256,
      status: d.status,
      error: d.error,
      department: d.department,
      fiscalYear: d.fiscal_year,
      errors: count("error"),
      warnings: count("warning"),
      infos: count("info"),
      issues,
    };
  });
}
