import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { extractDocument } from "./extract-document.js";
import { formatTables } from "./format-tables.js";

// Dev aid: node dist/dump.js file.pdf — prints meta and every table as a text grid.
const file = process.argv[2];
if (!file) throw new Error("usage: node dist/dump.js file.pdf");
const doc = await extractDocument(new Uint8Array(readFileSync(file)), { fileName: basename(file) });
console.log(JSON.stringify(doc.meta));
console.log(formatTables(doc));
for (const f of doc.findings) console.log(`[${f.severity}] ${f.code}: ${f.message}`);
