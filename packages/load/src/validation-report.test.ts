import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { corpusDocs, sharedMissing, truthDocument } from "@yusuan/testkit";
import { afterAll, describe, expect, it } from "vitest";
import { codesSeen } from "./codes-seen.js";
import { openDatabase } from "./database.js";
import { loadDocument } from "./load-document.js";
import { recordFailure } from "./record-failure.js";
import { validationReport } from "./validation-report.js";

const missing = sharedMissing();
const dir = mkdtempSync(join(tmpdir(), "yusuan-report-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(missing)("validationReport", () => {
  it("lists every document with its issues, errors first, and failures with their reason", () => {
    const db = openDatabase(join(dir, "report.sqlite"));
    const docs = corpusDocs();
    const withDiscrepancies = docs.find((d) => (d.truth as { known_discrepancies?: unknown[] }).known_discrepancies?.length)!;
    const doc = truthDocument(withDiscrepancies);
    const error = { code: "cross_table_mismatch", severity: "error", message: "表1 ≠ 表2", tableNo: "2", page: 8, expected: "1.00", actual: "2.00" } as const;
    loadDocument(db, { ...doc, findings: [...doc.findings, error] });
    loadDocument(db, truthDocument(docs.find((d) => d !== withDiscrepancies)!));
    recordFailure(db, { fileName: "scan.pdf", sha256: "ab", status: "needs_ocr", error: "no text layer" });

    const report = validationReport(db);
    expect(report.map((r) => r.document)).toEqual([...report.map((r) => r.document)].sort());
    const dirty = report.find((r) => r.document === basename(withDiscrepancies.pdf))!;
    expect(dirty).toMatchObject({ status: "loaded", errors: 1, warnings: doc.findings.length, infos: 0 });
    expect(dirty.issues[0]).toEqual({ severity: "error", rule: "cross_table_mismatch", tableNo: "2", page: 8, message: "表1 ≠ 表2", expected: "1.00", actual: "2.00" });
    expect(report.find((r) => r.document === "scan.pdf")).toMatchObject({ status: "needs_ocr", error: "no text layer", issues: [] });
    expect(validationReport(db, "scan.pdf")).toHaveLength(1);
    expect(validationReport(db, "nope.pdf")).toEqual([]);
    db.close();
  });
});

describe.skipIf(missing)("codesSeen", () => {
  it("gives each printed name of a code with the documents printing it, each with its own table and page, most used first", () => {
    const db = openDatabase(join(dir, "codes.sqlite"));
    const docs = corpusDocs();
    for (const d of docs) loadDocument(db, truthDocument(d));
    const printing = docs.filter((d) => d.facts.some((f) => f.func_code === "2210201"));
    const seen = codesSeen(db, "2210201");
    expect(seen.reduce((n, s) => n + s.documents.length, 0)).toBeGreaterThanOrEqual(printing.length);
    expect(seen[0]!.documents.length).toBeGreaterThanOrEqual(seen.at(-1)!.documents.length);
    // each citation is one row of codes_seen: the document's own first table and page, not another's
    for (const form of seen)
      for (const d of form.documents) {
        const row = db
          .prepare("SELECT c.table_no AS tableNo, c.page FROM codes_seen c JOIN documents x ON x.id = c.document_id WHERE x.file_name = ? AND c.code = '2210201' AND c.printed_name = ?")
          .get(d.document, form.printedName);
        expect(row).toEqual({ tableNo: d.tableNo, page: d.page });
      }
    expect(codesSeen(db, "9999999")).toEqual([]);
    db.close();
  });
});
