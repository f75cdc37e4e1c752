import { validationReport } from "@yusuan/load";
import { ExitCode, UsageError } from "../exit-codes.js";
import { openForReading } from "../read-database.js";

/**
 * `yusuan check`: the validation issues of every document, grouped per document, errors first. Exits 2 when a
 * document failed, needs OCR or has an error-level finding, 0 when every one is clean.
 */
export async function checkCommand(positional: string | undefined, options: { db?: string; document?: string }): Promise<void> {
  if (positional && options.db && positional !== options.db) throw new UsageError(`two databases given (${positional} and --db ${options.db}): give one`);
  const dbPath = options.db ?? positional;
  if (!dbPath) throw new UsageError("no database given: yusuan check --db FILE");
  const db = openForReading(dbPath);
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
    const unread = report.length - loaded;
    out.write(`\n${loaded - dirty} of ${loaded} loaded documents are clean (no error-level issue)${unread ? `; ${unread} not loaded (failed or need OCR)` : ""}\n`);
    process.exitCode = dirty + unread > 0 ? ExitCode.SomeFailed : ExitCode.Ok;
  } finally {
    db.close();
  }
}
