import { readFileSync } from "node:fs";
import { join } from "node:path";
import { sharedDir, sharedMissing } from "@yusuan/testkit";
import { describe, expect, it } from "vitest";
import { readPdf } from "./pdf.js";
import { findRegions } from "./regions.js";
import { findRulings, mergeRulings } from "./rulings.js";

describe("mergeRulings", () => {
  it("joins collinear pieces of one border and keeps separate borders apart", () => {
    const merged = mergeRulings([
      { dir: "h", pos: 10, start: 0, end: 50 },
      { dir: "h", pos: 10.4, start: 50.5, end: 90 },
      { dir: "h", pos: 30, start: 0, end: 90 },
    ]);
    expect(merged).toEqual([
      { dir: "h", pos: 10.2, start: 0, end: 90 },
      { dir: "h", pos: 30, start: 0, end: 90 },
    ]);
  });
});

describe.skipIf(sharedMissing())("findRulings on real pages", () => {
  const page = async (file: string, n: number) =>
    (await readPdf(new Uint8Array(readFileSync(join(sharedDir()!, "corpus", file))), (p) => p))[n - 1]!;

  it("reads stroked borders (LibreOffice) as one table region", async () => {
    const rules = findRulings(await page("dazhou_rsxxzx_2025.pdf", 7));
    expect(rules.filter((r) => r.dir === "v").length).toBeGreaterThanOrEqual(10);
    expect(findRegions(rules)).toHaveLength(1);
  });

  it("reads borders drawn as thin filled rectangles (Chromium) as full-width rules", async () => {
    const p = await page("yunling_wjj_2025.pdf", 8);
    const rules = findRulings(p);
    const regions = findRegions(rules);
    expect(regions).toHaveLength(1);
    const fullWidth = rules.filter((r) => r.dir === "h" && r.start <= regions[0]!.x0 + 1 && r.end >= regions[0]!.x1 - 1);
    expect(fullWidth.length).toBeGreaterThan(20);
  });
});
