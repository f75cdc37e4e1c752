import type { ExtractedDocument, ExtractedTable } from "@yusuan/schema";

/** Display width of a string: CJK and full-width characters take two columns. */
const widthOf = (s: string): number => [...s].reduce((w, ch) => w + (/[\u2e80-\uffef]/.test(ch) ? 2 : 1), 0);
const pad = (s: string, w: number): string => s + " ".repeat(Math.max(0, w - widthOf(s)));

/**
 * Prints one table as a text grid: a heading line, the column paths, then the body rows.
 * @example console.log(formatTable(doc.tables[0]));
 */
export function formatTable(table: ExtractedTable, maxCell = 24): string {
  const clip = (s: string): string => ([...s].length > maxCell ? `${[...s].slice(0, maxCell - 1).join("")}…` : s);
  const head = table.columns.map((c) => clip(c.path.join("/")));
  const body = table.rows.map((r) => r.cells.map((c) => clip(c?.text ?? "")));
  const widths = head.map((h, i) => Math.max(widthOf(h), ...body.map((r) => widthOf(r[i] ?? ""))));
  const line = (cells: string[]): string => cells.map((c, i) => pad(c, widths[i]!)).join(" | ");
  const title = `表${table.tableNo ?? "?"} ${table.title} p.${table.pages.join(",")} 单位:${table.unitText ?? "—"}${table.empty ? " [empty]" : ""}`;
  const notes = table.notes.map((n) => `  注: ${n}`);
  return [title, line(head), widths.map((w) => "-".repeat(w)).join("-+-"), ...body.map(line), ...notes].join("\n");
}

/**
 * Prints every table of a document, one grid after another.
 * @example console.log(formatTables(await extractDocument(bytes, { fileName })));
 */
export function formatTables(doc: ExtractedDocument): string {
  return doc.tables.map((t) => formatTable(t)).join("\n\n");
}
