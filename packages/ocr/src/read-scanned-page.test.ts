import { readFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot, scannedPageImage, scannerMissing } from "@yusuan/testkit";
import { beforeAll, describe, expect, it } from "vitest";
import { readScannedPage, type ScannedPage } from "./read-scanned-page.js";

// A ruled table page of a project sample, scanned here: rasterized at 200 dpi, turned 0.8°, with grain.
const SAMPLE = join(repoRoot, "data/samples/dazhou_rsxxzx_2025_sample");
const truth = JSON.parse(readFileSync(`${SAMPLE}.truth.json`, "utf8")) as {
  tables: { table_no: string; pages: number[]; columns: string[]; rows: { values: Record<string, string> }[] }[];
};
const table = truth.tables.find((t) => t.table_no === "2-1")!;
const DPI = 200;
const ROTATION = 0.8;

describe.skipIf(scannerMissing())("readScannedPage on a scanned page of a sample (表2-1 of dazhou)", () => {
  let read: ScannedPage;
  beforeAll(async () => {
    const image = scannedPageImage(`${SAMPLE}.pdf`, table.pages[0]!, { dpi: DPI, rotation: ROTATION });
    const points = (pixels: number) => (pixels * 72) / DPI;
    read = await readScannedPage({ ...image, channels: 1 }, { x0: 0, y0: 0, x1: points(image.width), y1: points(image.height) });
  });

  it("measures the turn the page was scanned with, to straighten it", () => {
    expect(Math.abs(read.skew - ROTATION)).toBeLessThanOrEqual(0.1);
  });

  it("reads every printed amount of the table as a run of its own", () => {
    const amounts = table.rows.flatMap((r) => Object.values(r.values));
    expect(amounts.length).toBeGreaterThan(40);
    // each printed amount takes one run: an amount printed twice must be read twice
    const runs = new Map<string, number>();
    for (const r of read.runs) runs.set(r.text, (runs.get(r.text) ?? 0) + 1);
    const missing = amounts.filter((a) => {
      const left = runs.get(a) ?? 0;
      runs.set(a, left - 1);
      return left <= 0;
    });
    expect(missing).toEqual([]);
  });

  it("finds the table's rules: one vertical rule per column edge, one horizontal rule per row at least", () => {
    const across = new Set(read.rulings.filter((r) => r.dir === "v").map((r) => Math.round(r.pos)));
    const down = read.rulings.filter((r) => r.dir === "h");
    expect(across.size).toBeGreaterThanOrEqual(table.columns.length + 2);
    expect(down.length).toBeGreaterThanOrEqual(table.rows.length);
  });

  it("says each run came from OCR, with the engine's confidence in it", () => {
    expect(read.runs.length).toBeGreaterThan(50);
    for (const r of read.runs) {
      expect(r.source).toBe("ocr");
      expect(r.confidence).toBeGreaterThan(0);
      expect(r.glyphs.map((g) => g.ch).join("")).toBe(r.text);
    }
  });
});
