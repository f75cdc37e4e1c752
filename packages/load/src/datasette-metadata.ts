import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { EXPORTS } from "./exports.js";

/**
 * Datasette metadata (titles, descriptions, column help, full-text search) derived from the same export
 * definitions as the CSV, XLSX and data package, so the four never disagree.
 * `database` is the name Datasette gives the database: its file name without the extension.
 * @example writeDatasetteMetadata("out/export", "budget") // then: datasette out/budget.sqlite -m out/export/datasette-metadata.json
 */
export function writeDatasetteMetadata(dir: string, database: string): string {
  const tables = Object.fromEntries(
    EXPORTS.map((e) => [
      e.name,
      {
        title: e.title,
        columns: Object.fromEntries(e.fields.filter((f) => f.description).map((f) => [f.name, f.description])),
        ...(e.name === "line_items" ? { fts_table: "line_items_fts", fts_pk: "id", searchmode: "raw" } : {}),
      },
    ]),
  );
  const metadata = {
    title: "yusuan: budget disclosures (部门预算公开) as data",
    description:
      "Every amount printed in the tables of the ingested budget-disclosure PDFs, with page, 政府收支分类科目 codes and the documents' own consistency checks. Start with the facts view.",
    databases: { [database]: { tables } },
  };
  const path = join(dir, "datasette-metadata.json");
  writeFileSync(path, `${JSON.stringify(metadata, null, 2)}\n`);
  return path;
}
