import { existsSync } from "node:fs";
import { openDatabase } from "@yusuan/load";
import { UsageError } from "../exit-codes.js";
import { writeExports } from "../write-exports.js";

/** `yusuan export`: CSV files, datapackage.json, one XLSX workbook and Datasette metadata from an existing database. */
export async function exportCommand(options: { db: string; out: string }): Promise<void> {
  if (!existsSync(options.db)) throw new UsageError(`no database at ${options.db}`);
  const db = openDatabase(options.db, { readonly: true });
  try {
    await writeExports(db, options.out);
    process.stdout.write(`CSV files, datapackage.json, yusuan.xlsx and datasette-metadata.json → ${options.out}\n`);
  } finally {
    db.close();
  }
}
