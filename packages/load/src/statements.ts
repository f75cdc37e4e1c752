import type Sqlite from "better-sqlite3";
import type { BudgetDatabase } from "./database.js";

type Params = Record<string, string | number | bigint | null>;
type Run = Sqlite.Statement<[Params]>;

/** The prepared statements a load uses, prepared once per connection. */
export interface Statements {
  readonly findBySha: Sqlite.Statement<[string], { id: number; status: string; file_name: string }>;
  readonly findOtherVersion: Sqlite.Statement<[string, string], { id: number; sha256: string }>;
  readonly deleteFailuresOf: Sqlite.Statement<[string]>;
  readonly deleteUnreadFailuresOf: Sqlite.Statement<[string]>;
  readonly deleteDocument: Sqlite.Statement<[number]>;
  readonly namesOf: Sqlite.Statement<[number], { file_name: string; source_path: string }>;
  readonly insertName: Run;
  readonly setRereadError: Sqlite.Statement<[string, number]>;
  readonly insertDocument: Run;
  readonly finishDocument: Run;
  readonly insertPage: Run;
  readonly insertUnit: Run;
  readonly insertTable: Run;
  readonly insertLineItem: Run;
  readonly insertAmount: Run;
  readonly upsertCodeSeen: Run;
  readonly insertIssue: Run;
  readonly insertClaim: Run;
  readonly insertTarget: Run;
  readonly insertProcurement: Run;
  readonly insertProse: Run;
  readonly insertHeadline: Run;
  readonly indexLineLabels: Sqlite.Statement<[number]>;
  readonly indexProse: Sqlite.Statement<[number]>;
}

const cache = new WeakMap<BudgetDatabase, Statements>();

function insert(db: BudgetDatabase, table: string, columns: readonly string[]): Run {
  return db.prepare<[Params]>(`INSERT INTO ${table} (${columns.join(", ")}) VALUES (${columns.map((c) => `@${c}`).join(", ")})`);
}

/**
 * The statements of a connection, prepared on first use.
 * @example statements(db).deleteDocument.run(id)
 */
export function statements(db: BudgetDatabase): Statements {
  const known = cache.get(db);
  if (known) return known;
  const prepared: Statements = Object.freeze({
    findBySha: db.prepare<[string], { id: number; status: string; file_name: string }>("SELECT id, status, file_name FROM documents WHERE sha256 = ?"),
    findOtherVersion: db.prepare<[string, string], { id: number; sha256: string }>(
      "SELECT id, sha256 FROM documents WHERE file_name = ? AND sha256 <> ? AND status = 'loaded' ORDER BY id",
    ),
    deleteDocument: db.prepare<[number]>("DELETE FROM documents WHERE id = ?"),
    namesOf: db.prepare<[number], { file_name: string; source_path: string }>("SELECT file_name, source_path FROM document_names WHERE document_id = ?"),
    insertName: db.prepare<[Params]>(
      "INSERT OR IGNORE INTO document_names (document_id, file_name, source_path) VALUES (@document_id, @file_name, @source_path)",
    ),
    setRereadError: db.prepare<[string, number]>("UPDATE documents SET reread_error = ? WHERE id = ?"),
    deleteFailuresOf: db.prepare<[string]>("DELETE FROM documents WHERE file_name = ? AND status <> 'loaded'"),
    deleteUnreadFailuresOf: db.prepare<[string]>("DELETE FROM documents WHERE file_name = ? AND sha256 IS NULL"),
    insertDocument: insert(db, "documents", [
      "file_name", "source_path", "sha256", "status", "error", "fiscal_year", "region", "department",
      "doc_kind", "page_count", "edition", "loaded_at", "ocr_pages",
    ]),
    finishDocument: db.prepare<[Params]>(
      `UPDATE documents SET table_count = @table_count, fact_count = @fact_count, error_count = @error_count,
       warning_count = @warning_count, info_count = @info_count WHERE id = @id`,
    ),
    insertPage: insert(db, "pages", ["document_id", "page", "width", "height", "rotation", "text_chars", "source"]),
    insertUnit: insert(db, "units", ["document_id", "ordinal", "unit_code", "unit_name"]),
    insertTable: insert(db, "budget_tables", [
      "document_id", "table_index", "table_no", "title", "table_kind", "amount_unit", "pages", "first_page",
      "empty", "measures", "notes", "table_number",
    ]),
    insertLineItem: insert(db, "line_items", [
      "table_id", "row_index", "row_kind", "level", "side", "section", "label", "unit_code", "func_code",
      "econ_code", "func_name", "func_class", "func_kuan", "func_status", "econ_system", "econ_name",
      "econ_class", "econ_kuan", "econ_status", "page", "parent_row", "of_which", "econ_gov_code", "econ_gov_name", "econ_gov_status",
    ]),
    insertAmount: insert(db, "amounts", [
      "line_item_id", "ordinal", "measure", "amount_text", "amount", "page", "bbox", "printed", "amount_fen", "side",
      "period", "basis", "fund", "use", "item", "of_which", "aggregate", "source", "ocr_confidence",
    ]),
    upsertCodeSeen: db.prepare<[Params]>(
      `INSERT INTO codes_seen (document_id, system, code, printed_name, official_name, status, table_no, page)
       VALUES (@document_id, @system, @code, @printed_name, @official_name, @status, @table_no, @page)
       ON CONFLICT (document_id, system, code, printed_name) DO UPDATE SET occurrences = occurrences + 1`,
    ),
    insertIssue: insert(db, "validation_issues", [
      "document_id", "ordinal", "table_no", "rule", "severity", "message", "expected", "actual", "page",
    ]),
    insertClaim: insert(db, "claims", ["document_id", "ordinal", "subject", "amount_text", "amount", "unit", "page", "sentence"]),
    insertTarget: insert(db, "performance_targets", [
      "document_id", "ordinal", "unit", "project", "budget_text", "budget", "goal", "level1", "level2", "level3",
      "operator", "value", "measure_unit", "weight", "direction", "page",
    ]),
    insertProcurement: insert(db, "procurement", [
      "document_id", "ordinal", "unit", "project", "item", "item_code", "quantity", "amount_text", "amount",
      "sme", "micro", "prison", "disabled", "page", "category",
    ]),
    insertProse: insert(db, "prose_sections", ["document_id", "ordinal", "heading", "page", "text"]),
    insertHeadline: insert(db, "headline_figures", [
      "document_id", "figure", "amount_wan_text", "amount_fen", "printed", "unit", "source", "table_no", "title", "page",
    ]),
    indexLineLabels: db.prepare<[number]>(
      `INSERT INTO line_items_fts (rowid, label)
       SELECT li.id, li.label FROM line_items li JOIN budget_tables t ON t.id = li.table_id WHERE t.document_id = ? ORDER BY li.id`,
    ),
    indexProse: db.prepare<[number]>(
      "INSERT INTO prose_sections_fts (rowid, heading, text) SELECT id, heading, text FROM prose_sections WHERE document_id = ? ORDER BY id",
    ),
  });
  cache.set(db, prepared);
  return prepared;
}
