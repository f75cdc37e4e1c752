import type { BudgetDatabase } from "./database.js";

export interface PrintedName {
  printedName: string;
  status: string | null;
  documents: number;
  /** one document that printed it, with table and page */
  example: string;
}

/**
 * How a 科目 code was printed across the loaded documents, most common name first.
 * @example codesSeen(db, "2101101") // [{ printedName: "行政单位医疗", documents: 4, … }, { printedName: "行政事业单位医疗", … }]
 */
export function codesSeen(db: BudgetDatabase, code: string): PrintedName[] {
  return db
    .prepare<[string], { printed_name: string; status: string | null; documents: number; example: string }>(
      `SELECT c.printed_name, MAX(c.status) AS status, COUNT(DISTINCT c.document_id) AS documents,
              MIN(d.file_name || ' 表' || COALESCE(c.table_no, '?') || ' p.' || c.page) AS example
       FROM codes_seen c JOIN documents d ON d.id = c.document_id
       WHERE c.code = ? GROUP BY c.printed_name ORDER BY documents DESC, c.printed_name`,
    )
    .all(code)
    .map((r) => ({ printedName: r.printed_name, status: r.status, documents: r.documents, example: r.example }));
}

export interface DocumentReport {
  document: string;
  status: string;
  error: string | null;
  department: string | null;
  fiscalYear: number | null;
  errors: number;
  warnings: number;
  infos: number;
  issues: { rule: string; severity: string; tableNo: string | null; page: number | null; message: string; expected: string | null; actual: string | null }[];
}

/**
 * Every document with its validation issues, errors first, for `yusuan check`.
 * @example validationReport(db).filter((d) => d.errors > 0).map((d) => d.document)
 */
export function validationReport(db: BudgetDatabase, fileName?: string): DocumentReport[] {
  const docs = db
    .prepare<[], { id: number; file_name: string; status: string; error: string | null; department: string | null; fiscal_year: number | null }>(
      "SELECT id, file_name, status, error, department, fiscal_year FROM documents ORDER BY file_name, id",
    )
    .all()
    .filter((d) => fileName === undefined || d.file_name === fileName);
  const issues = db.prepare<[number], DocumentReport["issues"][number]>(
    `SELECT rule, severity, table_no AS tableNo, page, message, expected, actual FROM validation_issues
     WHERE document_id = ? ORDER BY CASE severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, ordinal`,
  );
  return docs.map((d) => {
    const list = issues.all(d.id);
    const count = (s: string) => list.filter((i) => i.severity === s).length;
    return {
      document: d.file_name,
      status: d.status,
      error: d.error,
      department: d.department,
      fiscalYear: d.fiscal_year,
      errors: count("error"),
      warnings: count("warning"),
      infos: count("info"),
      issues: list,
    };
  });
}
