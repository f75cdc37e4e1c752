import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { documentEvidence, reviewedDocuments, type BudgetDatabase, type ReportedIssue, type ReviewedCell, type ReviewedDocument } from "@yusuan/load";
import { samplePdfs } from "@yusuan/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cellsOfFinding } from "./locate-finding.js";
import { ingest } from "./samples.fixture.js";

const dir = mkdtempSync(join(tmpdir(), "yusuan-locate-"));
let db: BudgetDatabase;
let documents: ReviewedDocument[];

beforeAll(async () => {
  db = await ingest(join(dir, "b.sqlite"), samplePdfs().filter((p) => /dazhou|leshan|yunxu/.test(p)));
  documents = reviewedDocuments(db);
});
afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A sample's cells and its one finding matching `which`. */
function located(name: string, which: (f: ReportedIssue) => boolean): { finding: ReportedIssue; cells: ReviewedCell[] } {
  const d = documents.find((x) => x.fileName.startsWith(name))!;
  const all = documentEvidence(db, d.id).cells;
  const finding = d.findings.find(which)!;
  expect(finding).toBeDefined();
  const ids = new Set(cellsOfFinding(finding, all));
  return { finding, cells: all.filter((c) => ids.has(c.id)) };
}

describe("the cells of a finding", () => {
  it("a sum that fails: the printed total of its table on its page (the sum of its rows is printed nowhere)", () => {
    const { finding, cells } = located("dazhou", (f) => f.rule === "rounding" && f.tableNo === "2-1" && f.message.includes("合计"));
    // 618.22 printed in the 合计 column of the 合计 row, of the row without a label and of the unit's row
    expect(cells.map((c) => [c.tableNo, c.page, c.measure, c.amountText])).toEqual(Array(3).fill(["2-1", 9, "合计", finding.actual]));
  });

  it("a name that differs: the amounts of the rows printing that name, in that table", () => {
    const { finding, cells } = located("dazhou", (f) => f.rule === "name_differs" && f.tableNo === "1-2");
    expect(cells.length).toBeGreaterThan(0);
    for (const c of cells) {
      expect(c.tableNo).toBe("1-2");
      expect(c.label).toContain(finding.actual);
    }
  });

  it("a number of the prose that the tables contradict: the table's cell, on the table's page, not the prose's", () => {
    const { finding, cells } = located("leshan", (f) => f.rule === "prose_mismatch" && f.tableNo === "2");
    expect(finding.page).toBe(23);
    expect(cells.length).toBeGreaterThan(0);
    for (const c of cells) expect([c.tableNo, c.amountText]).toEqual(["2", finding.expected]);
    expect(cells.every((c) => c.page === 8)).toBe(true);
  });

  it("two tables that disagree: the cells of either table (as its message names them) printing either number", () => {
    const { finding, cells } = located("yunxu", (f) => f.rule === "cross_table_mismatch");
    expect(finding.message).toContain("表5");
    expect(cells.length).toBeGreaterThan(0);
    for (const c of cells) {
      expect(["2", "5"]).toContain(c.tableNo);
      expect([finding.expected, finding.actual]).toContain(c.amountText);
    }
  });

  it("a finding whose numbers nobody printed points at no cell", () => {
    const d = documents.find((x) => x.fileName.startsWith("dazhou"))!;
    const all = documentEvidence(db, d.id).cells;
    const invented: ReportedIssue = { severity: "error", rule: "sum_mismatch", tableNo: "2-1", page: 9, message: "合计 ≠ Σ rows", expected: "123456.78", actual: "123456.79" };
    expect(cellsOfFinding(invented, all)).toEqual([]);
  });
});
