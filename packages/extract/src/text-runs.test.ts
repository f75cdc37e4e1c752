import { readFileSync } from "node:fs";
import { join } from "node:path";
import { sharedDir, sharedMissing } from "@yusuan/testkit";
import { describe, expect, it } from "vitest";
import { readPdf, type RawTextItem } from "./pdf.js";
import { buildRuns, splitRunAt } from "./text-runs.js";

const item = (str: string, x: number, width: number, y = 100, size = 10): RawTextItem => ({ str, matrix: [size, 0, 0, size, x, y], width });

describe("buildRuns", () => {
  it("joins the pieces of one number that arrive as separate items on one baseline", () => {
    const runs = buildRuns([item("1,509", 100, 25), item(".7", 125, 10), item("2", 135, 5), item("合计", 40, 20)]);
    expect(runs.map((r) => r.text)).toEqual(["合计", "1,509.72"]);
  });

  it("keeps two amounts of neighbouring columns apart even when they nearly touch", () => {
    const runs = buildRuns([item("618.22", 100, 30), item("473.77", 131, 30)]);
    expect(runs.map((r) => r.text)).toEqual(["618.22", "473.77"]);
  });

  it("cuts an item where a gap wider than a character hides in its spaces", () => {
    const runs = buildRuns([item("合 计          618.22", 40, 150)]);
    expect(runs.map((r) => r.text)).toEqual(["合 计", "618.22"]);
    expect(runs[1]!.x1).toBeCloseTo(190, 0);
  });

  it("stacks text set vertically one character per baseline, as narrow headers print it", () => {
    const runs = buildRuns([{ str: "上年结转", matrix: [0, 10, -10, 0, 50, 100], width: 40 }]);
    expect(runs.map((r) => r.text)).toEqual(["上", "年", "结", "转"]);
    expect(new Set(runs.map((r) => Math.round(r.x0))).size).toBe(1);
  });
});

describe("splitRunAt", () => {
  it("keeps each character on the side of the rule its centre is on", () => {
    const [run] = buildRuns([item("208010", 0, 30)]);
    expect(splitRunAt(run!, [15.2]).map((r) => r.text)).toEqual(["208", "010"]);
  });
});

describe.skipIf(sharedMissing())("buildRuns on a real page", () => {
  it("separates an amount from the label printed right after it in the same item", async () => {
    const pages = await readPdf(new Uint8Array(readFileSync(join(sharedDir()!, "corpus", "qinghe_jyj_2024.pdf"))), (p) => p);
    const runs = buildRuns(pages[5]!.items);
    const amount = runs.find((r) => r.text === "12,578.41");
    const label = runs.find((r) => r.text === "一、一般公共服务支出");
    expect(amount && label).toBeTruthy();
    expect(amount!.baseline).toBeCloseTo(label!.baseline, 1);
    expect(amount!.x1).toBeLessThanOrEqual(label!.x0 + 1);
  });
});
