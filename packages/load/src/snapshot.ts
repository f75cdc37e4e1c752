import type { BudgetDatabase } from "./database.js";

/**
 * Runs reads (sync or async) in one read transaction, so files exported together agree with each
 * other even while another process loads into the same database (WAL readers see a fixed snapshot).
 * @example inSnapshot(db, () => defs.map((d) => writeCsv(db, d)));
 */
export function inSnapshot<T>(db: BudgetDatabase, read: () => T): T {
  if (db.inTransaction) return read();
  db.exec("BEGIN");
  const end = (sql: "COMMIT" | "ROLLBACK") => {
    if (db.inTransaction) db.exec(sql);
  };
  try {
    const result = read();
    if (result instanceof Promise) {
      return result.then(
        (value: unknown) => (end("COMMIT"), value),
        (e: unknown) => {
          end("ROLLBACK");
          throw e;
        },
      ) as T;
    }
    end("COMMIT");
    return result;
  } catch (e) {
    end("ROLLBACK");
    throw e;
  }
}
