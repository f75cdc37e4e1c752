import type { ExtractedTable } from "@yusuan/schema";
import { describe, expect, it } from "vitest";
import { moneyOfPerformanceTable } from "./performance-money.js";

/** A hand-made form: header paths, then rows of cell texts ("" for a blank cell). */
function form(paths: string[][], rows: string[][]): ExtractedTable {
  const cell = (text: string) => (text === "" ? null : { text, page: 42, bbox: [0, 0, 1, 1] as [number, number, number, number] });
  return {
    ...{ tableNo: "15", title: "部门整体支出绩效目标表", pages: [42], unitText: null, entityText: null, empty: false, notes: [] },
    columns: paths.map((path, i) => ({ path, x0: i * 50, x1: i * 50 + 48 })),
    rows: rows.map((r) => ({ cells: r.map(cell), page: 42 })),
  };
}

describe("moneyOfPerformanceTable", () => {
  it("reads the money of a form by the money header above each amount, and leaves targets and scores out", () => {
    const rows = moneyOfPerformanceTable(
      form(
        [["部门（单位）名称"], ["西安市信访局"], ["西安市信访局"], ["西安市信访局"], ["西安市信访局"]],
        [
          ["年度主要任务", "任务名称", "预算金额（万元）", "", "执行率分值（10分）"],
          ["", "", "总额", "财政拨款", ""],
          ["", "保运转", "1932.81", "1932.81", "10"],
          ["", "金额合计", "1932.81", "1932.81", ""],
          ["年度绩效指标", "数量指标", "", "", "95"],
        ],
      ),
    );
    expect(rows.map((r) => [r.label, r.rowKind, r.amounts.map((a) => `${a.measure}=${a.value}`)])).toEqual([
      ["保运转", "item", ["总额=1932.81", "财政拨款=1932.81"]],
      ["金额合计", "total", ["总额=1932.81", "财政拨款=1932.81"]],
    ]);
  });

  it("names a unit's money by the columns it is printed under, with its unit code", () => {
    const rows = moneyOfPerformanceTable(
      form([["单位编码"], ["单位名称"], ["年度预算申请", "资金总额"], ["年度预算申请", "按支出性质分", "项目支出"], ["部门整体支出年度绩效目标", "指标值"]], [["106001", "长沙市公安局", "68,632.12", "40,233.95", "100"]]),
    );
    expect(rows.map((r) => [r.label, r.unitCode, r.amounts.map((a) => `${a.measure}=${a.value}`)])).toEqual([["长沙市公安局", "106001", ["资金总额=68632.12", "项目支出=40233.95"]]]);
  });
});
