import type { BudgetDatabase } from "./database.js";
import { statements } from "./statements.js";

/**
 * Indexes a document's line labels and prose for full-text search (the trigram FTS5 tables), once its rows
 * are in: every writer of those rows calls it for each document it adds. Deleting needs no call: a trigger
 * drops a deleted row from the index.
 *
 * Not a trigger on insert, as until schema 16: a table with a trigger makes SQLite keep a statement journal
 * for every row inserted into it inside a transaction, a copy of each page the insert touches (written to a
 * temporary file once it outgrows 64 KB). A run's writer took 1.0 s for the 9,457 line items of 50 documents
 * that way, 0.17 s without the trigger; one statement per document then indexes them in a few milliseconds.
 * @example db.transaction(() => { const id = insertRows(db, doc); indexForSearch(db, id); })()
 */
export function indexForSearch(db: BudgetDatabase, documentId: number): void {
  const st = statements(db);
  st.indexLineLabels.run(documentId);
  st.indexProse.run(documentId);
}
