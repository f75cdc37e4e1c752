import { describe, expect, it } from "vitest";
import { groupLines } from "./lines.js";
import { isPreambleLine, readPreamble } from "./preamble.js";
import { buildRuns } from "./text-runs.js";
import type { RawTextItem } from "./pdf.js";

const item = (str: string, x: number, y: number, size = 10): RawTextItem => ({ str, matrix: [size, 0, 0, size, x, y], width: [...str].length * size });
const linesOf = (...items: RawTextItem[]) => groupLines(buildRuns(items));

describe("readPreamble", () => {
  it("reads number, title, unit and 部门 from the Sichuan layout", () => {
    const lines = linesOf(item("表1-2", 30, 40), item("部门支出总表", 300, 70, 16), item("部门：达州市人力资源和社会保障信息管理中心", 30, 90), item("金额单位：万元", 700, 90));
    expect(readPreamble(lines)).toEqual({ tableNo: "1-2", title: "部门支出总表", unitText: "万元", entityText: "达州市人力资源和社会保障信息管理中心" });
  });

  it("takes the title nearest the table, not a part heading above it", () => {
    const lines = linesOf(item("第二部分 2026年部门预算表", 100, 30, 18), item("公开01表", 30, 80), item("收支总体情况表", 300, 100, 14), item("单位：元", 700, 120));
    expect(readPreamble(lines)).toMatchObject({ tableNo: "01", title: "收支总体情况表", unitText: "元" });
  });


  it("reads a number printed in words and a 部门 name printed apart from its label", () => {
    const lines = linesOf(item("财政拨款基本支出预算表（经济科目）", 128, 80, 17), item("公开表十二", 44, 105), item("部门：", 44, 126), item("江苏省人大常委会办公厅", 201, 126), item("单位：万元", 473, 126));
    expect(readPreamble(lines)).toEqual({ tableNo: "12", title: "财政拨款基本支出预算表（经济科目）", unitText: "万元", entityText: "江苏省人大常委会办公厅" });
    expect(readPreamble(linesOf(item("表五", 30, 40), item("政府采购预算表", 300, 70, 16))).tableNo).toBe("5");
  });
});

describe("isPreambleLine", () => {
  it("knows title, number and unit lines from the first header line of a table", () => {
    const [title, unit, header] = linesOf(item("部门收支总表", 300, 40, 16), item("单位：万元", 700, 60), item("项目", 100, 80), item("预算数", 300, 80));
    expect([title, unit, header].map((l) => isPreambleLine(l!))).toEqual([true, true, false]);
  });
});
