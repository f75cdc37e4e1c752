import type { BudgetDatabase } from "./database.js";

/** One place a text was found: a table row's label or a section of the prose, with where it is printed. */
export interface SearchHit {
  readonly document: string;
  readonly kind: "row" | "prose";
  /** the row's table number, or null for prose */
  readonly tableNo: string | null;
  /** the row's table title, or the prose section's heading */
  readonly title: string;
  readonly page: number;
  /** the row's label, or the sentence-sized part of the prose around the match */
  readonly text: string;
}

export interface SearchOptions {
  /** at most this many hits of each kind (rows, prose); default 50 */
  readonly limit?: number;
}

/**
 * Finds a text in the row labels and prose of the loaded documents. The trigram full-text indexes answer
 * three characters or more; a word of one or two characters (养老, 三公), which trigrams cannot hold, is
 * looked for by scanning (LIKE): slower, but found.
 * @example searchText(db, "养老") // [{ document: "dazhou.pdf", kind: "row", tableNo: "1-2", label: "养老支出", page: 4, … }, …]
 */
export function searchText(db: BudgetDatabase, text: string, options: SearchOptions = {}): SearchHit[] {
  const query = text.trim();
  if (!query) return [];
  const limit = options.limit ?? 50;
  const short = [...query].length < 3;
  // a phrase of the trigram index: the text as it is, its own quotes doubled
  const phrase = `"${query.replace(/"/g, '""')}"`;
  const like = `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows = db
    .prepare<[{ q: string; limit: number }], { document: string; table_no: string | null; title: string; page: number; text: string }>(
      `SELECT d.file_name AS document, t.table_no, COALESCE(t.title, '') AS title, li.page, li.label AS text
       FROM line_items li JOIN budget_tables t ON t.id = li.table_id JOIN documents d ON d.id = t.document_id
       WHERE d.status = 'loaded' AND ${short ? "li.label LIKE @q ESCAPE '\\'" : "li.id IN (SELECT rowid FROM line_items_fts WHERE line_items_fts MATCH @q)"}
       ORDER BY d.file_name, d.id, t.table_index, li.row_index LIMIT @limit`,
    )
    .all({ q: short ? like : phrase, limit });
  const prose = db
    .prepare<[{ q: string; limit: number }], { document: string; title: string; page: number; text: string }>(
      `SELECT d.file_name AS document, p.heading AS title, p.page, p.text
       FROM prose_sections p JOIN documents d ON d.id = p.document_id
       WHERE d.status = 'loaded' AND ${short ? "(p.heading LIKE @q ESCAPE '\\' OR p.text LIKE @q ESCAPE '\\')" : "p.id IN (SELECT rowid FROM prose_sections_fts WHERE prose_sections_fts MATCH @q)"}
       ORDER BY d.file_name, d.id, p.ordinal LIMIT @limit`,
    )
    .all({ q: short ? like : phrase, limit });
  return [
    ...rows.map((r): SearchHit => ({ document: r.document, kind: "row", tableNo: r.table_no, title: r.title, page: r.page, text: r.text })),
    ...prose.map((p): SearchHit => ({ document: p.document, kind: "prose", tableNo: null, title: p.title, page: p.page, text: around(p.text, query) })),
  ];
}

/** The part of a prose section around the first match: a line of it, not the whole section. */
function around(text: string, query: string): string {
  const at = text.indexOf(query);
  if (at < 0) return text.slice(0, 80);
  const start = Math.max(0, at - 30);
  return `${start > 0 ? "…" : ""}${text.slice(start, at + query.length + 30).replace(/\s+/g, " ")}${at + query.length + 30 < text.length ? "…" : ""}`;
}
