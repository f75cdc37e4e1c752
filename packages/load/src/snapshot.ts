import type { BudgetDatabase } from "./database.js";

/**
 * Runs reads in one read transaction, so files exported together agree with each other even
 * while another process loads into the same database (WAL readers see a fixed snapshot).
 * @example await inSnapshot(db, () => exportEverything(db));
 */
export async function inSnapshot<T>(db: BudgetDatabase, read: () => Promise<T>): Promise<T> {
  if (db.inTransaction) return read();
  db.exec("BEGIN");
  try {
    const result = await read();
    db.exec("COMMIT");
    return result;
  } catch (e) {
    if (db.inTransaction) db.exec("ROLLBACK");
    throw e;
  }
}
