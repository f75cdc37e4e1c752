import type { ExtractedDocument, ExtractedTable, Finding, PageInfo } from "@yusuan/schema";
import { groupLines, type Line } from "./lines.js";
import { readMeta } from "./meta.js";
import { readScans } from "./layout.js";
import { OPS, readPdf, type RawPage } from "./pdf.js";
import { readProse } from "./prose.js";
import { findRulings, withoutGlyphStrokes } from "./rulings.js";
import { runningLines } from "./running-lines.js";
import { numberFromReferences, tableReferences, withoutContents } from "./table-numbers.js";
import { findTables, type PageLayout } from "./tables.js";
import { sampleText, unreadableText, type TextSample } from "./text-quality.js";
import { buildRuns } from "./text-runs.js";

/** Options of {@link extractDocument}. */
export interface ExtractOptions {
  /** the file name recorded in the result */
  fileName: string;
  /** pdf.js warnings past which the document is given up as damaged (default 5000) */
  maxWarnings?: number;
  /** told after each page is read: its number and the document's page count (for progress) */
  onPage?: (page: number, pageCount: number) => void;
  /** read pages without a text layer by OCR (default true); false leaves them blank, as scans were before */
  ocr?: boolean;
  /** told after each page OCR has read: how many so far and how many it has to read (for progress) */
  onOcrPage?: (done: number, total: number) => void;
}

/** Pages left without text: scans when OCR is off, or pages OCR could not read (with its reason). */
function noTextLayer(pages: readonly PageInfo[], why: string): Finding[] {
  const blank = pages.filter((p) => p.textChars === 0).map((p) => p.page);
  if (!blank.length || blank.length < pages.length / 2) return [];
  return [
    {
      code: "no_text_layer",
      severity: "error",
      message: `${blank.length} of ${pages.length} pages have no text layer (scanned?): ${why}`,
      tableNo: null,
      page: blank[0] ?? null,
      expected: null,
      actual: null,
    },
  ];
}

/** Private-use and replacement characters: what glyphs without a ToUnicode map decode to. */
const UNDECODABLE = /[\ue000-\uf8ff\ufffd\u0000-\u0008]/;
const SPACE = /\s/;

const SHOW_TEXT = new Set<number>([OPS.showText, OPS.showSpacedText, OPS.nextLineShowText, OPS.nextLineSetSpacingShowText]);

/** How many operators of a page draw text. */
function textOperators(fnArray: readonly number[]): number {
  let n = 0;
  for (const fn of fnArray) if (SHOW_TEXT.has(fn)) n++;
  return n;
}

/** What one page contributes: its runs and rules, its size, whether its glyphs decode. */
function readPage(p: RawPage): { layout: PageLayout; info: PageInfo; undecodable: boolean; text: TextSample } {
  const runs = buildRuns(p.items);
  const layout: PageLayout = { page: p.page, runs, rulings: withoutGlyphStrokes(findRulings(p), runs), lines: groupLines(runs) };
  // Counted character by character: an array of every character of the page is garbage at once.
  let chars = 0;
  let odd = 0;
  for (const item of p.items) {
    for (const ch of item.str) {
      if (SPACE.test(ch)) continue;
      chars++;
      if (UNDECODABLE.test(ch)) odd++;
    }
  }
  const info: PageInfo = { page: p.page, width: p.width, height: p.height, rotation: p.rotation, textChars: chars, source: "pdf" };
  return { layout, info, undecodable: chars > 20 && odd > 0.05 * chars, text: sampleText(p.page, p.items.map((i) => i.str), textOperators(p.fnArray)) };
}

/** A page without its running header: neither table preamble nor prose. */
function withoutLines(layout: PageLayout, drop: ReadonlySet<Line>): PageLayout {
  const lines = layout.lines.filter((l) => !drop.has(l));
  if (lines.length === layout.lines.length) return layout;
  const runs = new Set(lines.flatMap((l) => l.runs));
  return { ...layout, lines, runs: layout.runs.filter((r) => runs.has(r)) };
}

/** Pages whose text decodes largely to undecodable characters: fonts without ToUnicode. */
function undecodable(bad: readonly number[]): Finding[] {
  if (!bad.length) return [];
  return [
    {
      code: "missing_tounicode",
      severity: "error",
      message: `${bad.length} page(s) hold glyphs that do not map to text (no ToUnicode): pages ${bad.join(", ")}`,
      tableNo: null,
      page: bad[0]!,
      expected: null,
      actual: null,
    },
  ];
}

/** Tables found by their title whose grid yielded no rows although they do not say they are empty. */
function unreadable(tables: readonly ExtractedTable[]): Finding[] {
  return tables
    .filter((t) => !t.rows.length && !t.empty)
    .map((t) => ({
      code: "table_unreadable" as const,
      severity: "warning" as const,
      message: `${t.title || "a table"} was found but no rows could be read from it`,
      tableNo: t.tableNo,
      page: t.pages[0] ?? null,
      expected: null,
      actual: null,
    }));
}

/** Tables the document's own 目录 or text names with a number that extraction did not find. */
function missingTables(tables: readonly ExtractedTable[], refs: readonly { title: string; no: string }[]): Finding[] {
  const found = new Set(tables.map((t) => t.tableNo));
  const missing = new Map(refs.filter((r) => !found.has(r.no)).map((r) => [r.no, r.title]));
  return [...missing].map(([no, title]) => ({
    code: "table_not_found" as const,
    severity: "warning" as const,
    message: `表${no} ${title} is named in the document but was not found`,
    tableNo: no,
    page: null,
    expected: null,
    actual: null,
  }));
}

/**
 * Reads a budget-disclosure PDF into its tables (cells with page and bbox), meta, pages and prose.
 * @example const doc = await extractDocument(new Uint8Array(readFileSync(path)), { fileName: "a.pdf" });
 */
export async function extractDocument(bytes: Uint8Array, options: ExtractOptions): Promise<ExtractedDocument> {
  const read = await readPdf(bytes, readPage, { maxWarnings: options.maxWarnings, onPage: options.onPage });
  if (options.ocr !== false) await readScans(bytes, read, options.onOcrPage);
  const pages = read.map((r) => r.info);
  const running = runningLines(read.map((r) => ({ page: r.info.page, height: r.info.height, lines: r.layout.lines })));
  const layouts = read.map((r) => withoutLines(r.layout, running));
  const found = findTables(layouts);
  const linesOf = (page: number) => layouts.find((l) => l.page === page)?.lines ?? [];
  const tables = withoutContents(found.tables, linesOf);
  const { used } = found;
  const text = layouts.flatMap((l) => l.lines.map((line) => line.text)).join("\n");
  numberFromReferences(tables, text);
  const free = layouts.map((l) => {
    const taken = used.get(l.page);
    return { page: l.page, lines: taken ? l.lines.filter((line) => !taken.has(line)) : l.lines };
  });
  return {
    fileName: options.fileName,
    pageCount: pages.length,
    meta: readMeta(read.map((r) => r.layout.lines), tables),
    pages,
    tables,
    prose: readProse(free),
    findings: [
      ...noTextLayer(pages, options.ocr === false ? "OCR needed" : "OCR found no picture or no text on them"),
      ...undecodable(read.filter((r) => r.undecodable).map((r) => r.info.page)),
      ...unreadableText(read.map((r) => r.text)),
      ...missingTables(tables, tableReferences(text)),
      ...unreadable(tables),
    ],
  };
}
