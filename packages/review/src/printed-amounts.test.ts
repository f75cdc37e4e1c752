import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildRuns, groupLines, openPdf, uprightView, type Line } from "@yusuan/extract";
import { documentEvidence, type BudgetDatabase, type ReviewedCell } from "@yusuan/load";
import { samplePdfs } from "@yusuan/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canonical, printedAmounts } from "./printed-amounts.js";
import { ingest } from "./samples.fixture.js";

const pdf = samplePdfs().find((p) => p.includes("chengling_tjj_2025"))!;
const dir = mkdtempSync(join(tmpdir(), "yusuan-printed-"));
let db: BudgetDatabase;
let lines: Line[];
let cells: ReviewedCell[];

/**
 * 表1 部门收支总表 of the 澄岭县统计局 sample: income beside expense, ten amounts printed. Six share a line with
 * another (一般公共预算 income beside 一般公共服务 expense, the two 合计 lines and the two 总计 lines); 社会保障和就业,
 * 卫生健康 and 住房保障 stand alone on theirs, which check-real's rule does not count as a table row.
 */
const PAGE = 5;

beforeAll(async () => {
  db = await ingest(join(dir, "b.sqlite"), [pdf]);
  cells = documentEvidence(db, 1).cells.filter((c) => c.page === PAGE);
  const doc = await openPdf(new Uint8Array(readFileSync(pdf))).promise;
  lines = groupLines(buildRuns((await uprightView(await doc.getPage(PAGE))).items));
  await doc.destroy();
});
afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("printed amounts of a page", () => {
  it("finds every amount printed in a table row (a line of two amounts or more), each held by the extracted cell at its place", () => {
    const printed = printedAmounts(lines, cells);
    expect(printed.map((p) => p.text)).toEqual(["5,504,558.00", "4,310,210.00", "5,504,558.00", "5,504,558.00", "5,504,558.00", "5,504,558.00"]);
    for (const p of printed) {
      const cell = cells.find((c) => c.id === p.cell);
      expect(cell, p.text).toBeDefined();
      expect(canonical(cell!.amountText)).toBe(canonical(p.text));
    }
  });

  it("marks an amount as not extracted where no cell at its place holds it", () => {
    const dropped = cells.find((c) => c.amountText === "4310210.00")!;
    const missed = printedAmounts(lines, cells.filter((c) => c !== dropped)).filter((p) => p.cell === null);
    expect(missed.map((p) => p.text)).toEqual(["4,310,210.00"]);
    // drawn where the cell was: the centre of the printed digits inside the extracted cell's box
    const [x0, y0, x1, y1] = missed[0]!.bbox;
    expect((x0 + x1) / 2).toBeGreaterThan(dropped.bbox[0]);
    expect((x0 + x1) / 2).toBeLessThan(dropped.bbox[2]);
    expect((y0 + y1) / 2).toBeGreaterThan(dropped.bbox[1]);
    expect((y0 + y1) / 2).toBeLessThan(dropped.bbox[3]);
  });

  it("counts a number as extracted only where the cell at its place holds the same number", () => {
    const misread = cells.map((c) => (c.amountText === "4310210.00" ? { ...c, amountText: "4301210.00" } : c));
    expect(printedAmounts(lines, misread).filter((p) => p.cell === null).map((p) => p.text)).toEqual(["4,310,210.00"]);
  });
});

describe("canonical", () => {
  it("compares printed and stored digits as numbers", () => {
    expect(canonical("1,234.50")).toBe(canonical("1234.5"));
    expect(canonical("100.00")).toBe("100");
    expect(canonical("-0.50")).toBe("-0.5");
    expect(canonical("12.3456")).not.toBe(canonical("12.345"));
  });
});
