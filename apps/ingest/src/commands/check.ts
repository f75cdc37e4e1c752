import { existsSync } from "node:fs";
import { openDatabase, validationReport } from "@yusuan/load";
import { ExitCode, UsageError } from "../exit-codes.js";

/** `yusuan check`: the validation issues of every document, grouped per document, errors first. */
export async function checkCommand(dbPath: string, options: { document?: string }): Promise<void> {
  if (!existsSync(dbPath)) throw new UsageError(`no database at ${dbPath}`);
  const db = openDatabase(dbPath, { readonly: true });
  try {
    const report = validationReport(db, options.document);
    if (options.document && report.length === 0) throw new UsageError(`no document named ${options.document} in ${dbPath}`);
    const out = process.stdout;
    let dirty = 0;
    for (const doc of report) {
      const counts = `${doc.errors} errors, ${doc.warnings} warnings, ${doc.infos} notes`;
      out.write(`\n${doc.document} (${doc.status}${doc.department ? `, ${doc.department}` : ""}${doc.fiscalYear ? ` ${doc.fiscalYear}` : ""}): ${doc.status === "loaded" ? counts : doc.error}\n`);
      if (doc.errors > 0) dirty++;
      for (const i of doc.issues)
        out.write(
          `  [${i.severity}] ${i.rule}${i.tableNo ? ` 表${i.tableNo}` : ""}${i.page ? ` p.${i.page}` : ""}: ${i.message}${i.expected !== null || i.actual !== null ? ` (expected ${i.expected ?? "—"}, printed ${i.actual ?? "—"})` : ""}\n`,
        );
    }
    const loaded = report.filter((d) => d.status === "loaded").length;
    out.write(`\n${loaded - dirty} of ${loaded} loaded documents are clean (no error-level issue)\n`);
    process.exitCode = ExitCode.Ok;
  } finally {
    db.close();
  }
}
