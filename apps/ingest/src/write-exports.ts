import { basename, extname, join } from "node:path";
import { exportXlsx, writeDataPackage, writeDatasetteMetadata, type BudgetDatabase } from "@yusuan/load";

/**
 * Everything an analyst opens outside SQLite, into one folder: a CSV per view (UTF-8 with BOM),
 * datapackage.json describing them, yusuan.xlsx with a sheet per view, and Datasette metadata.
 * @example await writeExports(db, "out/csv") // ["facts.csv", …]
 */
export async function writeExports(db: BudgetDatabase, dir: string): Promise<void> {
  writeDataPackage(db, dir);
  await exportXlsx(db, join(dir, "yusuan.xlsx"));
  // Datasette names a database after its file: out/budget.sqlite is "budget"
  writeDatasetteMetadata(dir, basename(db.name, extname(db.name)));
}
