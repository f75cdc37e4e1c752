import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { headerGrid } from "./header-grid.js";
import type { SampleDocument } from "./model.js";
import { formatAmount, rowCells, sideLines, twoSidedCells } from "./row-cells.js";

const load = (name: string) =>
  JSON.parse(readFileSync(new URL(`../data/${name}.json`, import.meta.url), "utf8")) as SampleDocument;
const table = (doc: SampleDocument, no: string) => {
  const found = doc.tables.find((t) => t.table_no === no);
  if (found === undefined) throw new Error(`no 表${no}`);
  return found;
};

describe("formatAmount", () => {
  it("groups thousands only when the document does", () => {
    expect(formatAmount("5504558.00", true)).toBe("5,504,558.00");
    expect(formatAmount("-1234.50", true)).toBe("-1,234.50");
    expect(formatAmount("999.00", true)).toBe("999.00");
    expect(formatAmount("5504558.00", false)).toBe("5504558.00");
  });
});

describe("rowCells", () => {
  const leshan = load("leshan_rsxxzx_2025");

  it("splits a 项 code into 类/款/项 and prints the unit code (表1-2)", () => {
    const t = table(leshan, "1-2");
    const row = t.rows.find((r) => r.func_code === "2080108");
    if (row === undefined) throw new Error("2080108 missing");
    const cells = rowCells(headerGrid(t.header).leaves, row, t.layout, "", false).map((c) => c.text);
    expect(cells).toEqual(["208", "01", "08", "302309", "信息化建设", "127.80", "", "127.80"]);
  });

  it("prints economic codes in the 单位代码 column, with 类/款 split for sub-items only (表3-1)", () => {
    const t = table(leshan, "3-1");
    const leaves = headerGrid(t.header).leaves;
    const cls = t.rows.find((r) => r.econ_code === "301");
    const sub = t.rows.find((r) => r.econ_code === "3010201");
    if (cls === undefined || sub === undefined) throw new Error("rows missing");
    expect(rowCells(leaves, cls, t.layout, "", false).map((c) => c.text).slice(0, 4)).toEqual(["", "", "301", "工资福利支出"]);
    expect(rowCells(leaves, sub, t.layout, "", false).map((c) => c.text).slice(0, 4)).toEqual(["301", "02", "3010201", "地方津贴补贴"]);
  });

  it("prints the department code on the named department row of a multi-unit document", () => {
    const doc = load("chengling_tjj_2025");
    const t = table(doc, "1-2");
    const dept = t.rows.find((r) => r.level === "department");
    if (dept === undefined) throw new Error("department row missing");
    const cells = rowCells(headerGrid(t.header).leaves, dept, t.layout, doc.department_code ?? "", true).map((c) => c.text);
    expect(cells.slice(3, 6)).toEqual(["105", "澄岭县统计局", "5,504,558.00"]);
  });
});

describe("sideLines", () => {
  it("pairs 表1 income and expense rows into the printed lines of the 达州 seed", () => {
    const t = table(load("dazhou_rsxxzx_2025"), "1");
    const lines = sideLines(t.rows);
    const leaves = headerGrid(t.header).leaves;
    const text = lines.map((l) => twoSidedCells(leaves, l, false).map((c) => c.text).join("|"));
    expect(lines).toHaveLength(31);
    expect(text[0]).toBe("一、一般公共预算拨款收入|618.22|一、一般公共服务支出|");
    expect(text[6]).toBe("||七、文化旅游体育与传媒支出|");
    expect(text[28]).toBe("本 年 收 入 合 计|618.22|本 年 支 出 合 计|618.22");
    expect(text[29]).toBe("七、上年结转|||");
    expect(text[30]).toBe("收 入 总 计|618.22|支 出 总 计|618.22");
  });
});
