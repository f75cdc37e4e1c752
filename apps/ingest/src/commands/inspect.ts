import { readFileSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import { extractDocument, formatTables } from "@yusuan/extract";
import { inspectionHtml } from "@yusuan/review";
import { formatFinding } from "@yusuan/schema";
import { UsageError } from "../exit-codes.js";
import { plainMessage } from "../plain-errors.js";

/** `yusuan inspect`: what extraction detected in one PDF, as text grids (and, with --html, the review page of that PDF alone). */
export async function inspectCommand(pdf: string, options: { html?: string; table?: string }): Promise<void> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(pdf));
  } catch (error) {
    throw new UsageError(`cannot read ${plainMessage(error)}`);
  }
  const doc = await extractDocument(bytes, { fileName: basename(pdf) });
  const tables = options.table ? doc.tables.filter((t) => t.tableNo === options.table) : doc.tables;
  if (options.table && tables.length === 0) throw new UsageError(`no table numbered ${options.table} in ${pdf}`);
  const out = process.stdout;
  const m = doc.meta;
  out.write(`${doc.fileName}: ${doc.pageCount} pages, ${doc.tables.length} tables; ${m.department ?? "department?"} ${m.fiscalYear ?? "year?"} ${m.docKind ?? ""}\n\n`);
  out.write(formatTables({ ...doc, tables }));
  for (const f of doc.findings) out.write(`${formatFinding(f)}\n`);
  if (options.html) {
    // with --table, the pages of that table only: other pages' amounts are not missed, only not shown
    const pages = options.table ? [...new Set(tables.flatMap((t) => t.pages))] : undefined;
    writeFileSync(options.html, await inspectionHtml({ ...doc, tables }, bytes, pages ? { pages } : {}));
    out.write(`\ncells drawn over the pages: ${options.html}\n`);
  }
}
