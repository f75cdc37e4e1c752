import type { BudgetDatabase } from "./database.js";

export interface PrintedCode {
  readonly system: string;
  readonly code: string;
  readonly printedName: string;
  /** how the name compares with the registry (matched, name_differs, …), where it was resolved */
  readonly status: string | null;
  readonly officialName: string | null;
  /** loaded documents printing the code under this name */
  readonly documents: number;
  readonly occurrences: number;
  /** one place it is printed, e.g. "dazhou_rsxxzx_2025.pdf 表3 p.10" */
  readonly example: string;
}

interface PrintedRow {
  system: string;
  code: string;
  printed_name: string;
  status: string | null;
  official_name: string | null;
  documents: number;
  occurrences: number;
  file_name: string;
  table_no: string | null;
  page: number;
}

/**
 * How the loaded documents print a code: each printed name with how many documents use it, most used first.
 * @example codesSeen(db, "2080505") // [{ printedName: "机关事业单位基本养老保险缴费支出", documents: 5, … }]
 */
export function codesSeen(db: BudgetDatabase, code: string): PrintedCode[] {
  const rows = db
    .prepare<[string], PrintedRow>(
      `SELECT c.system, c.code, c.printed_name, max(c.status) AS status, max(c.official_name) AS official_name,
         count(DISTINCT c.document_id) AS documents, sum(c.occurrences) AS occurrences,
         min(d.file_name) AS file_name, min(c.table_no) AS table_no, min(c.page) AS page
       FROM codes_seen c JOIN documents d ON d.id = c.document_id
       WHERE c.code = ? AND d.status = 'loaded'
       GROUP BY c.system, c.code, c.printed_name
       ORDER BY documents DESC, occurrences DESC, c.printed_name`,
    )
    .all(code);
  return rows.map((r) => ({
    system: r.system,
    code: r.code,
    printedName: r.printed_name,
    status: r.status,
    officialName: r.official_name,
    documents: r.documents,
    occurrences: r.occurrences,
    example: `${r.file_name}${r.table_no ? ` 表${r.table_no}` : ""} p.${r.page}`,
  }));
}
