import { searchText } from "@yusuan/load";
import { UsageError } from "../exit-codes.js";
import { openForReading } from "../read-database.js";

/** `yusuan search`: the table rows and prose of the loaded documents that hold a text, each with its document, table and page. */
export async function searchCommand(text: string, options: { db: string; limit: number }): Promise<void> {
  if (!text.trim()) throw new UsageError("nothing to search for: give a word, e.g. yusuan search 养老 --db out/budget.sqlite");
  const db = openForReading(options.db);
  try {
    const hits = searchText(db, text, { limit: options.limit });
    const out = process.stdout;
    for (const h of hits) {
      const where = h.kind === "row" ? `${h.tableNo ? `表${h.tableNo}` : "table"} p.${h.page}` : `prose p.${h.page}`;
      out.write(`${h.document}  ${where}  ${h.text}${h.kind === "prose" && h.title ? `  (${h.title})` : ""}\n`);
    }
    const rows = hits.filter((h) => h.kind === "row").length;
    out.write(`${rows} table rows and ${hits.length - rows} prose sections hold “${text.trim()}”${rows === options.limit || hits.length - rows === options.limit ? ` (the first ${options.limit} of each; see --limit)` : ""}\n`);
  } finally {
    db.close();
  }
}
