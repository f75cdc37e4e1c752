import type { BudgetDatabase } from "./database.js";

/** One document printing a code under one name: where first, how often, and how the name compares with the registry. */
export interface PrintedIn {
  readonly document: string;
  /** the first table printing it, as numbered in the document (null where it prints no number) */
  readonly tableNo: string | null;
  readonly page: number;
  readonly occurrences: number;
  /** matched, name_differs, … for this document (its edition), where resolved */
  readonly status: string | null;
  readonly officialName: string | null;
}

export interface PrintedCode {
  readonly system: string;
  readonly code: string;
  readonly printedName: string;
  /** every loaded document printing the code under this name, by file name */
  readonly documents: readonly PrintedIn[];
}

interface PrintedRow {
  system: string;
  code: string;
  printed_name: string;
  status: string | null;
  official_name: string | null;
  occurrences: number;
  file_name: string;
  table_no: string | null;
  page: number;
}

/**
 * How the loaded documents print a code: each printed name with the documents that print it, each cited by
 * its own table and page and judged against its own edition; names most documents use first.
 * @example codesSeen(db, "2101101") // [{ printedName: "行政单位医疗", documents: [{ document: "a.pdf", tableNo: "1-2", page: 7, status: "matched", … }] }, …]
 */
export function codesSeen(db: BudgetDatabase, code: string): PrintedCode[] {
  const rows = db
    .prepare<[string], PrintedRow>(
      `SELECT c.system, c.code, c.printed_name, c.status, c.official_name, c.occurrences, d.file_name, c.table_no, c.page
       FROM codes_seen c JOIN documents d ON d.id = c.document_id
       WHERE c.code = ? AND d.status = 'loaded'
       ORDER BY c.system, c.printed_name, d.file_name, d.id`,
    )
    .all(code);
  const forms = new Map<string, { system: string; code: string; printedName: string; documents: PrintedIn[] }>();
  for (const r of rows) {
    const key = `${r.system}\u0000${r.printed_name}`;
    const form = forms.get(key) ?? { system: r.system, code: r.code, printedName: r.printed_name, documents: [] };
    form.documents.push({ document: r.file_name, tableNo: r.table_no, page: r.page, occurrences: r.occurrences, status: r.status, officialName: r.official_name });
    forms.set(key, form);
  }
  const total = (f: PrintedCode) => f.documents.reduce((n, d) => n + d.occurrences, 0);
  return [...forms.values()].sort((a, b) => b.documents.length - a.documents.length || total(b) - total(a) || a.printedName.localeCompare(b.printedName));
}
