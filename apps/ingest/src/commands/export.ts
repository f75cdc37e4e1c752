import { ExitCode } from "../exit-codes.js";
import { openForReading } from "../read-database.js";
import { writeExports } from "../write-exports.js";

/** `yusuan export`: CSV files, datapackage.json, one XLSX workbook and Datasette metadata from an existing database. */
export async function exportCommand(options: { db: string; out: string }): Promise<void> {
  const db = openForReading(options.db);
  // Each file is renamed into place whole, and the one being written is removed on exit: Ctrl-C leaves
  // the folder as it was, file by file, with nothing half-written.
  const interrupt = (signal: NodeJS.Signals) => {
    process.stderr.write(`yusuan: export interrupted (${signal}); files not yet written are as they were\n`);
    process.exit(ExitCode.Interrupted);
  };
  process.on("SIGINT", interrupt).on("SIGTERM", interrupt);
  try {
    await writeExports(db, options.out);
    process.stdout.write(`CSV files, datapackage.json, yusuan.xlsx and datasette-metadata.json → ${options.out}\n`);
  } finally {
    db.close();
  }
}
