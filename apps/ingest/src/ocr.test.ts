import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClassifier } from "@yusuan/normalize";
import type { BudgetDocument } from "@yusuan/schema";
import { corpusDocs, repoRoot, scannedPagePdf, scannerMissing, scoreFacts, sharedMissing, type CorpusDoc } from "@yusuan/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { processFile, type FileOutcome } from "./process-file.js";
import { query, yusuan } from "./test-support/run-cli.js";

// Scanned disclosures (issue 16): pages without a text layer are read by OCR into the same pipeline.
const classifier = createClassifier();

function loaded(outcome: FileOutcome): BudgetDocument {
  if (outcome.status !== "loaded") throw new Error(`${outcome.fileName} was not loaded: ${outcome.reason}`);
  return outcome.document;
}

/** A table's facts as the facts view keys them: unit, codes, label, measure and amount of every printed amount. */
const factsOf = (doc: BudgetDocument, tableNo: string): string[] =>
  doc.tables
    .filter((t) => t.tableNo === tableNo)
    .flatMap((t) => t.rows.flatMap((r) => r.amounts.map((a) => [r.unitCode, r.funcCode, r.econCode, r.label, a.measure, a.value].join(" | "))))
    .sort();

const SAMPLE = join(repoRoot, "data/samples/dazhou_rsxxzx_2025_sample.pdf");
/** the page of 表2-1 (部门经济分类, 47 amounts under codes) */
const PAGE = 9;

describe.skipIf(scannerMissing())("a page of a sample, scanned (turned 0.7°, with grain)", () => {
  let tmp: string;
  let scan: string;
  let text: BudgetDocument;
  let read: BudgetDocument;
  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), "yusuan-ocr-"));
    scan = join(tmp, "scan.pdf");
    writeFileSync(scan, scannedPagePdf(SAMPLE, PAGE, { rotation: -0.7 }));
    text = loaded(await processFile(SAMPLE, classifier));
    read = loaded(await processFile(scan, classifier));
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it("gives the same facts as the text version: every amount under its codes, label and column", () => {
    const printed = factsOf(text, "2-1");
    expect(printed.length).toBeGreaterThan(40);
    expect(factsOf(read, "2-1")).toEqual(printed);
  });

  it("says the page was read by OCR, and keeps each amount's confidence (the text version's have none)", () => {
    expect(read.pages.map((p) => p.source)).toEqual(["ocr"]);
    const amounts = read.tables.flatMap((t) => t.rows.flatMap((r) => r.amounts));
    expect(amounts.every((a) => a.confidence !== undefined && a.confidence > 0 && a.confidence <= 1)).toBe(true);
    expect(text.tables.flatMap((t) => t.rows.flatMap((r) => r.amounts)).some((a) => a.confidence !== undefined)).toBe(false);
  });

  it("loads by default, the database saying which pages and facts OCR read", async () => {
    const db = join(tmp, "ocr.sqlite");
    expect((await yusuan("ingest", scan, "--db", db, "--quiet")).code).toBe(0);
    expect(query(db, "SELECT status, ocr_pages FROM documents")).toEqual([{ status: "loaded", ocr_pages: 1 }]);
    expect(query(db, "SELECT source FROM pages")).toEqual([{ source: "ocr" }]);
    const facts = query<{ source: string; n: number; low: number }>(db, "SELECT source, count(*) n, min(ocr_confidence) low FROM facts GROUP BY source");
    const amounts = read.tables.flatMap((t) => t.rows.flatMap((r) => r.amounts));
    expect(facts).toEqual([{ source: "ocr", n: amounts.length, low: Math.min(...amounts.map((a) => a.confidence!)) }]);
  });

  it("--no-ocr leaves it unread: needs_ocr, saying why", async () => {
    const db = join(tmp, "no-ocr.sqlite");
    expect((await yusuan("ingest", scan, "--db", db, "--quiet", "--no-ocr")).code).toBe(2);
    expect(query(db, "SELECT status, error FROM documents")).toEqual([{ status: "needs_ocr", error: expect.stringMatching(/text layer.*OCR.*--no-ocr/) }]);
  });
});

describe.skipIf(sharedMissing())("the scanned corpus document (200 dpi, ±0.9°, grain: no text layer)", () => {
  let doc: CorpusDoc;
  let read: BudgetDocument;
  beforeAll(async () => {
    doc = corpusDocs({ includeScanned: true }).find((d) => d.truth.scanned)!;
    read = loaded(await processFile(doc.pdf, classifier));
    // 30 pages of OCR: minutes on a busy machine (the test timeout covers the tests, not this)
  }, 1_200_000);

  it("loads through OCR with fact F1 ≥ 0.98", () => {
    expect(read.pages.every((p) => p.source === "ocr")).toBe(true);
    const score = scoreFacts(read, doc);
    expect(score.f1, score.missed.slice(0, 10).join("\n")).toBeGreaterThanOrEqual(0.98);
  });

  it("reads the cover: department, region, year and kind", () => {
    expect(read).toMatchObject({ department: doc.truth.department, region: doc.truth.region, fiscalYear: doc.truth.fiscal_year, docKind: doc.truth.doc_kind });
  });

  it("finds every table of the truth with its number and title", () => {
    const found = read.tables.map((t) => `${t.tableNo} ${t.title}`);
    for (const t of doc.truth.tables) expect(found).toContain(`${t.table_no} ${t.title}`);
  });

  it("reads the 情况说明's claims from its prose pages, and they agree with the tables", () => {
    expect(read.claims.find((c) => c.subject === "收支总预算")).toMatchObject({ value: "1413.73", unit: "万元" });
    expect(read.findings.filter((f) => f.code === "prose_mismatch")).toEqual([]);
  });
});
