import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { extractDocument } from "@yusuan/extract";
import { loadDocument, openDatabase, type BudgetDatabase } from "@yusuan/load";
import { createClassifier, normalizeDocument } from "@yusuan/normalize";
import { sha256Of } from "@yusuan/testkit";

/**
 * A database of PDFs read as `yusuan ingest` reads them (extract → normalize → load), each recorded under its path.
 * @example const db = await ingest(join(dir, "b.sqlite"), samplePdfs());
 */
export async function ingest(dbPath: string, pdfs: readonly string[]): Promise<BudgetDatabase> {
  const db = openDatabase(dbPath);
  const classifier = createClassifier();
  for (const pdf of pdfs) {
    const extracted = await extractDocument(new Uint8Array(readFileSync(pdf)), { fileName: basename(pdf) });
    loadDocument(db, normalizeDocument(extracted, { sha256: sha256Of(pdf), classifier }), { sourcePath: pdf, loadedAt: new Date(0) });
  }
  return db;
}
