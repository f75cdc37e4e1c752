import { basename } from "node:path";
import type { BudgetDatabase } from "./database.js";
import { statements, type Statements } from "./statements.js";

/**
 * Records the paths under which a document's content was found (a copy under another name is the same
 * document: sha256 is unique); a path already recorded is left as it is.
 * @example addDocumentNames(db, documentId, ["in/a.pdf", "in/copy of a.pdf"])
 */
export function addDocumentNames(db: BudgetDatabase, documentId: number, paths: readonly string[]): void {
  const st = statements(db);
  db.transaction(() => {
    for (const path of paths) st.insertName.run({ document_id: documentId, file_name: basename(path), source_path: path });
  }).immediate();
}

/**
 * Replaces the row of content `previous` (or none) by the one `insert` writes, inside the caller's
 * transaction: the names the content was known by move to the new row.
 */
export function replacingDocument(st: Statements, previous: number | undefined, insert: () => number, path: string): number {
  const names = previous === undefined ? [] : st.namesOf.all(previous);
  if (previous !== undefined) st.deleteDocument.run(previous);
  const documentId = insert();
  for (const n of [...names, { file_name: basename(path), source_path: path }]) st.insertName.run({ document_id: documentId, ...n });
  return documentId;
}
