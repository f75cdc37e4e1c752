import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import type { BudgetDocument } from "@yusuan/schema";
import { type CorpusDoc, corpusDocs, sha256Of, sharedDir, sharedMissing, type TruthFact, truthDocument } from "@yusuan/testkit";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase, type BudgetDatabase } from "./database.js";
import { addDocumentNames } from "./document-names.js";
import { documentRecord, documentStatus } from "./document-status.js";
import { loadDocument } from "./load-document.js";
import { recordFailure } from "./record-failure.js";

const missing = sharedMissing();
const dir = mkdtempSync(join(tmpdir(), "yusuan-load-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const docs = missing ? [] : corpusDocs();
let n = 0;
const freshDb = (): BudgetDatabase => openDatabase(join(dir, `t${n++}.sqlite`));

/** A row of the facts view: a truth fact's columns, with the amount as stored and as printed. */
interface FactRow extends Omit<TruthFact, "amount"> {
  amount: number;
  amount_text: string;
}

const tuple = (f: Omit<FactRow, "amount">) =>
  [f.document, f.table_no, f.row_index, f.row_kind, f.unit_code, f.func_code, f.econ_code, f.label.replace(/\s+/g, ""), f.measure, f.amount_text].join("|");

const factsOf = (db: BudgetDatabase, document: string): FactRow[] =>
  db.prepare<[string], FactRow>("SELECT * FROM facts WHERE document = ?").all(document);

const rowCounts = (db: BudgetDatabase) =>
  Object.fromEntries(
    ["documents", "budget_tables", "line_items", "amounts", "units", "pages", "validation_issues", "codes_seen", "performance_targets", "procurement"].map((t) => [
      t,
      db.prepare(`SELECT count(*) FROM ${t}`).pluck().get(),
    ]),
  );

/** The document with one more row in its last non-empty table, reusing a row index: SQLite rejects it late in the load. */
function brokenLate(doc: BudgetDocument): BudgetDocument {
  const last = doc.tables.findLastIndex((t) => t.rows.length > 0);
  const tables = doc.tables.map((t, i) => (i === last ? { ...t, rows: [...t.rows, t.rows.at(-1)!] } : t));
  return { ...doc, tables };
}

describe.skipIf(missing)("loadDocument on the corpus ground truth", () => {
  it.each(docs.map((d) => [d.name, d] as const))("the facts view of %s holds exactly its truth facts", (_name, corpus: CorpusDoc) => {
    const db = freshDb();
    const result = loadDocument(db, truthDocument(corpus));
    expect(result.action).toBe("inserted");
    const facts = factsOf(db, basename(corpus.pdf));
    expect(result.facts).toBe(corpus.facts.length);
    expect(facts).toHaveLength(corpus.facts.length);
    expect(new Set(facts.map(tuple))).toEqual(new Set(corpus.facts.map((f) => tuple({ ...f, amount_text: f.amount }))));
    for (const f of facts) expect(f.amount).toBe(Number(f.amount_text));
    const meta = db.prepare("SELECT DISTINCT fiscal_year, department, amount_unit FROM facts").all();
    expect(meta.length).toBeGreaterThan(0);
    for (const m of meta) expect(m).toMatchObject({ fiscal_year: corpus.truth.fiscal_year, department: corpus.truth.department });
    db.close();
  });

  it("stores every table, unit, 绩效 indicator, 采购 item and known discrepancy of a document", () => {
    const corpus = docs.find((d) => d.truth.procurement?.length && d.truth.performance_targets?.length)!;
    const db = freshDb();
    const doc = truthDocument(corpus);
    loadDocument(db, doc);
    expect(rowCounts(db)).toMatchObject({
      documents: 1,
      budget_tables: doc.tables.length,
      units: doc.units.length,
      pages: doc.pageCount,
      performance_targets: doc.performanceTargets.length,
      procurement: doc.procurement.length,
      validation_issues: doc.findings.length,
    });
    const empty = db.prepare("SELECT table_no FROM budget_tables WHERE empty = 1 ORDER BY table_index").pluck().all();
    expect(empty).toEqual(doc.tables.filter((t) => t.empty).map((t) => t.tableNo));
    db.close();
  });

  it("stores the row each row is printed under and whether it is a 其中 part", () => {
    const doc = structuredClone(truthDocument(docs[0]!));
    const tableIndex = doc.tables.findIndex((t) => t.rows.length >= 3);
    const table = doc.tables[tableIndex]!;
    table.rows[1]!.parent = table.rows[0]!.rowIndex;
    table.rows[2]!.parent = table.rows[1]!.rowIndex;
    table.rows[2]!.ofWhich = true;
    const db = freshDb();
    loadDocument(db, doc);
    const stored = db
      .prepare<[number], { row_index: number; parent_row: number | null; of_which: number }>(
        "SELECT row_index, parent_row, of_which FROM line_items JOIN budget_tables t ON t.id = table_id WHERE t.table_index = ? ORDER BY row_index LIMIT 3",
      )
      .all(tableIndex);
    expect(stored).toEqual([
      { row_index: table.rows[0]!.rowIndex, parent_row: null, of_which: 0 },
      { row_index: table.rows[1]!.rowIndex, parent_row: table.rows[0]!.rowIndex, of_which: 0 },
      { row_index: table.rows[2]!.rowIndex, parent_row: table.rows[1]!.rowIndex, of_which: 1 },
    ]);
    db.close();
  });

  it("records each (code, printed name) once per document with how often it was printed", () => {
    const corpus = docs[0]!;
    const db = freshDb();
    const doc = truthDocument(corpus);
    loadDocument(db, doc);
    const printed = doc.tables.flatMap((t) => t.rows).filter((r) => r.funcCode);
    const seen = db.prepare("SELECT code, printed_name, occurrences FROM codes_seen WHERE system = 'func'").all() as { code: string; printed_name: string; occurrences: number }[];
    expect(new Set(seen.map((s) => `${s.code} ${s.printed_name}`))).toEqual(new Set(printed.map((r) => `${r.funcCode} ${r.label}`)));
    expect(seen.reduce((a, s) => a + s.occurrences, 0)).toBe(printed.length);
    db.close();
  });

  it("skips a document already loaded and replaces it on request, never duplicating rows", () => {
    const corpus = docs[0]!;
    const db = freshDb();
    const doc = truthDocument(corpus);
    loadDocument(db, doc);
    const before = rowCounts(db);
    expect(loadDocument(db, doc).action).toBe("skipped");
    const again = loadDocument(db, doc, { replace: true });
    expect(again.action).toBe("replaced");
    expect(rowCounts(db)).toEqual(before);
    expect(factsOf(db, basename(corpus.pdf))).toHaveLength(corpus.facts.length);
    db.close();
  });

  it("leaves nothing of a document that fails mid-transaction", () => {
    const db = freshDb();
    const doc = truthDocument(docs[0]!);
    expect(() => loadDocument(db, brokenLate(doc))).toThrow(/UNIQUE/);
    expect(Object.values(rowCounts(db)).every((c) => c === 0)).toBe(true);
    db.close();
  });

  it("keeps the loaded version intact when its replacement fails", () => {
    const corpus = docs[0]!;
    const db = freshDb();
    const doc = truthDocument(corpus);
    loadDocument(db, doc);
    const before = rowCounts(db);
    expect(() => loadDocument(db, brokenLate(doc), { replace: true })).toThrow(/UNIQUE/);
    expect(rowCounts(db)).toEqual(before);
    expect(documentStatus(db, doc.sha256)).toBe("loaded");
    db.close();
  });

  it("refuses a document that is not a valid BudgetDocument before writing anything", () => {
    const db = freshDb();
    const doc = truthDocument(docs[0]!);
    const bad = structuredClone(doc);
    bad.tables.find((t) => t.rows.length)!.rows[0]!.amounts.push({ measure: "合计", value: "1,234.00", page: 1, bbox: [0, 0, 0, 0] });
    expect(() => loadDocument(db, bad)).toThrow();
    expect(rowCounts(db).documents).toBe(0);
    db.close();
  });

  it("keeps an older version of a changed file beside the new one, and supersedes it only when asked", () => {
    const corpus = docs[0]!;
    const db = freshDb();
    const doc = truthDocument(corpus);
    loadDocument(db, doc);
    const edited = { ...doc, sha256: "0".repeat(64) };
    expect(loadDocument(db, edited).action).toBe("inserted");
    expect(documentStatus(db, doc.sha256)).toBe("loaded");
    const newer = { ...doc, sha256: "1".repeat(64) };
    expect(loadDocument(db, newer, { supersede: true }).action).toBe("replaced");
    expect(documentStatus(db, edited.sha256)).toBeNull();
    expect(documentStatus(db, doc.sha256)).toBeNull();
    expect(factsOf(db, basename(corpus.pdf))).toHaveLength(corpus.facts.length);
    db.close();
  });
});

describe.skipIf(missing)("recordFailure and documentStatus", () => {
  it("records a scanned document as needs_ocr, outside the facts, until a load replaces it", () => {
    const scanned = corpusDocs({ includeScanned: true }).find((d) => d.truth.scanned)!;
    const db = freshDb();
    const sha256 = sha256Of(scanned.pdf);
    expect(documentStatus(db, sha256)).toBeNull();
    recordFailure(db, { fileName: scanned.pdf, sha256, status: "needs_ocr", error: "no text layer on any page" });
    recordFailure(db, { fileName: scanned.pdf, sha256, status: "needs_ocr", error: "no text layer on any of 30 pages" });
    expect(documentStatus(db, sha256)).toBe("needs_ocr");
    expect(documentRecord(db, sha256)).toMatchObject({ status: "needs_ocr", error: "no text layer on any of 30 pages", fileName: basename(scanned.pdf) });
    expect(db.prepare("SELECT count(*) FROM documents").pluck().get()).toBe(1);

    const loaded = truthDocument(docs[0]!);
    loadDocument(db, loaded);
    expect(db.prepare("SELECT DISTINCT document FROM facts").pluck().all()).toEqual([basename(docs[0]!.pdf)]);

    expect(loadDocument(db, truthDocument(scanned)).action).toBe("replaced");
    expect(documentRecord(db, sha256)).toMatchObject({ status: "loaded", error: null, factCount: scanned.facts.length });
    db.close();
  });

  it("records an unreadable file without a hash once, and forgets it when the file loads", () => {
    const corpus = docs[0]!;
    const db = freshDb();
    const fileName = basename(corpus.pdf);
    recordFailure(db, { fileName, sha256: "", status: "failed", error: "cannot read the file: EACCES" });
    recordFailure(db, { fileName, sha256: null, status: "failed", error: "cannot read the file: EIO" });
    expect(db.prepare("SELECT sha256, error FROM documents").all()).toEqual([{ sha256: null, error: "cannot read the file: EIO" }]);
    expect(loadDocument(db, truthDocument(corpus)).action).toBe("replaced");
    expect(db.prepare("SELECT status FROM documents").pluck().all()).toEqual(["loaded"]);
    db.close();
  });

  it("keeps the loaded version of a file when a newer version of it fails", () => {
    const corpus = docs[0]!;
    const db = freshDb();
    const doc = truthDocument(corpus);
    loadDocument(db, doc);
    recordFailure(db, { fileName: basename(corpus.pdf), sha256: "1".repeat(64), status: "failed", error: "table_unreadable" });
    expect(documentStatus(db, doc.sha256)).toBe("loaded");
    expect(documentStatus(db, "1".repeat(64))).toBe("failed");
    expect(factsOf(db, basename(corpus.pdf))).toHaveLength(corpus.facts.length);
    db.close();
  });
  it("a failed re-read of loaded content leaves the loaded version whole and stores its reason beside it", () => {
    const corpus = docs[0]!;
    const db = freshDb();
    const doc = truthDocument(corpus);
    const { documentId } = loadDocument(db, doc);
    const kept = recordFailure(db, { fileName: basename(corpus.pdf), sha256: doc.sha256, status: "failed", error: "took longer than the per-document limit of 300 s" });
    expect(kept).toBe(documentId);
    expect(db.prepare("SELECT status, error, reread_error FROM documents").all()).toEqual([
      { status: "loaded", error: null, reread_error: "took longer than the per-document limit of 300 s" },
    ]);
    expect(factsOf(db, basename(corpus.pdf))).toHaveLength(corpus.facts.length);
    loadDocument(db, doc, { replace: true });
    expect(db.prepare("SELECT reread_error FROM documents").pluck().all()).toEqual([null]);
    db.close();
  });

  it("keeps every name a content was found under, across a re-load and a failure of it", () => {
    const corpus = docs[0]!;
    const db = freshDb();
    const doc = truthDocument(corpus);
    const names = () => db.prepare("SELECT source_path FROM document_names ORDER BY source_path").pluck().all();
    const { documentId } = loadDocument(db, doc, { sourcePath: "in/a.pdf" });
    addDocumentNames(db, documentId, ["in/a.pdf", "in/copy/a.pdf", "in/b.pdf"]);
    expect(names()).toEqual(["in/a.pdf", "in/b.pdf", "in/copy/a.pdf"]);
    loadDocument(db, doc, { replace: true, sourcePath: "in/c.pdf" });
    expect(names()).toEqual(["in/a.pdf", "in/b.pdf", "in/c.pdf", "in/copy/a.pdf"]);
    recordFailure(db, { fileName: "in/x.pdf", sha256: "2".repeat(64), status: "failed", error: "not a PDF" });
    recordFailure(db, { fileName: "in/y.pdf", sha256: "2".repeat(64), status: "failed", error: "not a PDF" });
    expect(db.prepare("SELECT d.status, n.source_path FROM document_names n JOIN documents d ON d.id = n.document_id WHERE d.status = 'failed' ORDER BY 2").all()).toEqual([
      { status: "failed", source_path: "in/x.pdf" },
      { status: "failed", source_path: "in/y.pdf" },
    ]);
    db.close();
  });
});

describe("recordFailure", () => {
  it("demands a reason", () => {
    const db = freshDb();
    expect(() => recordFailure(db, { fileName: "x.pdf", sha256: "ab", status: "failed", error: " " })).toThrow(/reason/);
    db.close();
  });
});

describe.skipIf(sharedMissing("tools/score-facts"))("score-facts on a database loaded from the truth", () => {
  it("reports F1 = 1.0", () => {
    const path = join(dir, "scored.sqlite");
    const db = openDatabase(path);
    for (const d of docs) loadDocument(db, truthDocument(d));
    db.close();
    const out = execFileSync(join(sharedDir()!, "tools", "score-facts"), ["--db", path, "--truth", join(sharedDir()!, "corpus"), "--min-f1", "1.0"], { encoding: "utf8" });
    expect(out).toMatch(/precision=1\.0000 recall=1\.0000 F1=1\.0000/);
  });
});
