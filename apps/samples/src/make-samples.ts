import { readdirSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { findCjkFonts, MissingFontError } from "./font.js";
import type { SampleDocument } from "./model.js";
import { renderDocument } from "./render-document.js";
import { sampleTruth } from "./truth.js";

// dist/ sits in apps/samples; inputs are apps/samples/data, outputs the repository's data/samples.
const APP_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const DATA_DIR = join(APP_DIR, "data");
const OUT_DIR = resolve(APP_DIR, "..", "..", "data", "samples");

async function main(): Promise<void> {
  mkdirSync(OUT_DIR, { recursive: true });
  const files = readdirSync(DATA_DIR).filter((f) => f.endsWith(".json")).sort();
  for (const file of files) {
    const doc = JSON.parse(readFileSync(join(DATA_DIR, file), "utf8")) as SampleDocument;
    const rendered = await renderDocument(doc, findCjkFonts(doc.style.font));
    writeFileSync(join(OUT_DIR, `${doc.name}.pdf`), rendered.pdf);
    writeFileSync(join(OUT_DIR, `${doc.name}.truth.json`), JSON.stringify(sampleTruth(doc, rendered), null, 1) + "\n");
    console.log(`${doc.name}.pdf  ${rendered.pageCount} pages  ${(rendered.pdf.length / 1024).toFixed(0)} KB`);
  }
}

main().catch((error: unknown) => {
  if (error instanceof MissingFontError) {
    console.error(error.message);
    process.exit(2);
  }
  throw error;
});
