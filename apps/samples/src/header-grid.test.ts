import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { headerGrid } from "./header-grid.js";
import type { SampleDocument } from "./model.js";

const leshan = JSON.parse(readFileSync(new URL("../data/leshan_rsxxzx_2025.json", import.meta.url), "utf8")) as SampleDocument;
const table = (no: string) => {
  const found = leshan.tables.find((t) => t.table_no === no);
  if (found === undefined) throw new Error(`no 表${no}`);
  return found;
};

describe("headerGrid", () => {
  it("puts 科目编码 over 类/款/项 and lets the amount columns span all three header rows (表1-2)", () => {
    const grid = headerGrid(table("1-2").header);
    expect(grid.depth).toBe(3);
    expect(grid.leaves.map((l) => l.label)).toEqual(["类", "款", "项", "单位代码", "单位名称（科目）", "合计", "基本支出", "项目支出"]);
    expect(grid.cells.find((c) => c.text === "科目编码")).toMatchObject({ row: 1, col: 0, colSpan: 3, rowSpan: 1 });
    expect(grid.cells.find((c) => c.text === "项 目")).toMatchObject({ row: 0, col: 0, colSpan: 5 });
    expect(grid.cells.find((c) => c.text === "合计")).toMatchObject({ row: 0, rowSpan: 3 });
  });

  it("nests 公务用车购置及运行费 over its three columns inside 当年财政拨款预算安排 (表3-3)", () => {
    const grid = headerGrid(table("3-3").header);
    expect(grid.depth).toBe(3);
    expect(grid.cells.find((c) => c.text === "当年财政拨款预算安排")).toMatchObject({ row: 0, col: 2, colSpan: 6 });
    expect(grid.cells.find((c) => c.text === "公务用车购置及运行费")).toMatchObject({ row: 1, col: 4, colSpan: 3 });
    expect(grid.cells.find((c) => c.text === "单位编码")).toMatchObject({ row: 0, rowSpan: 3 });
  });

  it("gives every leaf column exactly one cell per header row", () => {
    for (const t of leshan.tables.filter((x) => x.header.length > 0)) {
      const grid = headerGrid(t.header);
      for (let col = 0; col < grid.leaves.length; col += 1) {
        const covered = grid.cells.filter((c) => c.col <= col && col < c.col + c.colSpan).reduce((n, c) => n + c.rowSpan, 0);
        expect(covered, `表${t.table_no} column ${col}`).toBe(grid.depth);
      }
    }
  });
});
