import { existsSync } from "node:fs";
import { join } from "node:path";
import { exportCsv, exportXlsx, openDatabase, writeDataPackage } from "@yusuan/load";
import { UsageError } from "../exit-codes.js";

/** `yusuan export`: CSV files, datapackage.json and one XLSX workbook from an existing database. */
export async function exportCommand(options: { db: string; out: string }): Promise<void> {
  if (!existsSync(options.db)) throw new UsageError(`no database at ${options.db}`);
  const db = openDatabase(options.db, { readonly: true });
  try {
    const files = await exportCsv(db, options.out);
    await writeDataPackage(db, options.out);
    await exportXlsx(db, join(options.out, "yusuan.xlsx"));
    process.stdout.write(`${files.length} CSV files, datapackage.json and yusuan.xlsx → ${options.out}\n`);
  } finally {
    db.close();
  }
}
