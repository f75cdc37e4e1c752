import type { ExtractedDocument, Finding, PageInfo } from "@yusuan/schema";
import { groupLines } from "./lines.js";
import { readMeta } from "./meta.js";
import { readPdf } from "./pdf.js";
import { readProse } from "./prose.js";
import { findRulings } from "./rulings.js";
import { numberFromReferences } from "./table-numbers.js";
import { findTables, type PageLayout } from "./tables.js";
import { buildRuns } from "./text-runs.js";

/** Options of {@link extractDocument}. */
export interface ExtractOptions {
  /** the file name recorded in the result */
  fileName: string;
}

function noTextLayer(pages: readonly PageInfo[]): Finding[] {
  const blank = pages.filter((p) => p.textChars === 0).map((p) => p.page);
  if (!blank.length || blank.length < pages.length / 2) return [];
  return [
    {
      code: "no_text_layer",
      severity: "error",
      message: `${blank.length} of ${pages.length} pages have no text layer (scanned?): OCR needed`,
      tableNo: null,
      page: blank[0] ?? null,
      expected: null,
      actual: null,
    },
  ];
}

/**
 * Reads a budget-disclosure PDF into its tables (cells with page and bbox), meta, pages and prose.
 * @example const doc = await extractDocument(new Uint8Array(readFileSync(path)), { fileName: "a.pdf" });
 */
export async function extractDocument(bytes: Uint8Array, options: ExtractOptions): Promise<ExtractedDocument> {
  const raw = await readPdf(bytes);
  const layouts: PageLayout[] = raw.map((p) => {
    const runs = buildRuns(p.items);
    return { page: p.page, runs, rulings: findRulings(p), lines: groupLines(runs) };
  });
  const pages: PageInfo[] = raw.map((p) => ({
    page: p.page,
    width: p.width,
    height: p.height,
    rotation: p.rotation,
    textChars: p.items.reduce((n, i) => n + i.str.replace(/\s/g, "").length, 0),
  }));
  const { tables, used } = findTables(layouts);
  numberFromReferences(tables, layouts.flatMap((l) => l.lines.map((line) => line.text)).join("\n"));
  const free = layouts.map((l) => ({ page: l.page, lines: l.lines.filter((line) => !used.get(l.page)?.has(line)) }));
  return {
    fileName: options.fileName,
    pageCount: raw.length,
    meta: readMeta(layouts.map((l) => l.lines), tables),
    pages,
    tables,
    prose: readProse(free),
    findings: noTextLayer(pages),
  };
}
