import { statSync } from "node:fs";
import { openDatabase, type BudgetDatabase } from "@yusuan/load";
import { UsageError } from "./exit-codes.js";

/**
 * Opens a database a reading command (check, codes, search, export) was given: read-only, leaving no -wal or
 * -shm behind; a path that is no database is a usage error naming it, in plain words.
 * @example const db = openForReading("out/budget.sqlite"); try { … } finally { db.close() }
 */
export function openForReading(path: string): BudgetDatabase {
  let isFolder: boolean;
  try {
    isFolder = statSync(path).isDirectory();
  } catch {
    throw new UsageError(`no database at ${path} (yusuan ingest … --db ${path} writes one)`);
  }
  if (isFolder) throw new UsageError(`${path} is a folder, not a database`);
  return openDatabase(path, { readonly: true });
}
