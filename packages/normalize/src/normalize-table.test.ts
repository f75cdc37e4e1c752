import type { ExtractedTable } from "@yusuan/schema";
import { describe, expect, it } from "vitest";
import { normalizeTableRows, type TableContext } from "./normalize-table.js";
import { createClassifier } from "./registry-classifier.js";

const ctx: TableContext = { kind: "一般公共预算支出表", economic: false, year: 2026, classifier: createClassifier(), unitNames: new Set(), title: "一般公共预算支出表", department: null };

/** A hand-made table: header paths, then rows of cell texts ("" for a blank cell). */
function extracted(paths: string[][], rows: string[][]): ExtractedTable {
  const cell = (text: string, i: number) => (text === "" ? null : { text, page: 1, bbox: [i * 50, 0, i * 50 + 40, 10] as [number, number, number, number] });
  return {
    tableNo: "5",
    title: "一般公共预算支出表",
    pages: [1],
    unitText: "万元",
    entityText: null,
    columns: paths.map((path, i) => ({ path, x0: i * 50, x1: i * 50 + 48 })),
    rows: rows.map((r) => ({ cells: r.map(cell), page: 1 })),
    empty: false,
    notes: [],
  };
}

describe("normalizeTableRows", () => {
  it("reads a whole code printed under the 类 | 款 | 项 part its level names", () => {
    const table = extracted(
      [["科目编码", "类"], ["科目编码", "款"], ["科目编码", "项"], ["科目名称"], ["合计"]],
      [
        ["", "", "", "合计", "10.00"],
        ["201", "", "", "一般公共服务支出", "10.00"],
        ["", "20105", "", "统计信息事务", "10.00"],
        ["", "", "2010501", "行政运行", "10.00"],
      ],
    );
    const { rows } = normalizeTableRows(table, ctx);
    expect(rows.map((r) => [r.funcCode, r.rowKind, r.parent])).toEqual([
      [null, "total", null],
      ["201", "class", 0],
      ["20105", "class", 1],
      ["2010501", "item", 2],
    ]);
  });

  it("keeps a label-only row under 合计 an item, not a unit that adopts the rows below it", () => {
    const table = extracted([["项目"], ["预算数"]], [["合计", "17.00"], ["1、因公出国（境）费用", "0.00"], ["2、公务接待费", "1.00"], ["3、公务用车购置及运行费", "16.00"]]);
    const { rows } = normalizeTableRows(table, { ...ctx, kind: "一般公共预算三公经费表", title: "三公经费支出表" });
    expect(rows.map((r) => [r.rowKind, r.parent])).toEqual([
      ["total", null],
      ["item", 0],
      ["item", 0],
      ["item", 0],
    ]);
  });

  it("reads an unlabelled first row above the coded rows it sums as the table's 合计", () => {
    const table = extracted([["功能科目编码"], ["功能科目名称"], ["金额"]], [["", "", "18,330.37"], ["201", "一般公共服务支出", "18,330.37"], ["2010101", "行政运行", "18,330.37"]]);
    expect(normalizeTableRows(table, ctx).rows.map((r) => [r.rowKind, r.parent])).toEqual([
      ["total", null],
      ["class", 0],
      ["item", 1],
    ]);
  });

  it("keeps both codes of a row classified by 功能 and by 经济 at once, and its exact amount", () => {
    const table = extracted(
      [["功能分类科目编码"], ["功能分类科目名称"], ["部门经济分类科目编码"], ["部门经济分类科目名称"], ["政府经济分类科目编码"], ["政府经济分类科目名称"], ["金额"]],
      [
        ["2010101", "行政运行", "30101", "基本工资", "50101", "工资奖金津补贴", "12.345678"],
        ["2010101", "行政运行", "30201", "办公费", "50201", "办公经费", "3.000001"],
      ],
    );
    const { rows } = normalizeTableRows(table, { ...ctx, kind: "其他", economic: true, title: "一般公共预算基本支出表" });
    expect(rows.map((r) => [r.funcCode, r.econCode, r.label, r.amounts[0]?.value])).toEqual([
      ["2010101", "30101", "基本工资", "12.345678"],
      ["2010101", "30201", "办公费", "3.000001"],
    ]);
  });
});
