import type { LineItem } from "@yusuan/schema";
import { describe, expect, it } from "vitest";
import { withCodeParents, withParents } from "./hierarchy.js";
import { nestBySums } from "./nest-by-sums.js";
import { numberingOf } from "./numbering.js";
import { lineItem } from "../line-item.fixture.js";

/** A hand-made row: label, amount under 合计 (none where null), and its kind, codes, unit or level where given. */
const row = (rowIndex: number, label: string, amount: string | null, extra: Partial<LineItem> = {}): LineItem =>
  lineItem(label, amount === null ? [] : [{ measure: "合计", value: amount, page: 1, bbox: [0, 0, 0, 0] }], { rowIndex, ...extra });
const table = (...rows: [string, string | null, Partial<LineItem>?][]) => rows.map(([label, amount, extra], i) => row(i, label, amount, extra));
const parents = (rows: readonly LineItem[]) => rows.map((r) => (r.parent === null ? "-" : rows.find((p) => p.rowIndex === r.parent)!.label));

describe("numberingOf", () => {
  it("reads the style a label is numbered in and a leading 其中", () => {
    expect(["一、基本支出", "（二）项目支出", "3、公务用车", "（1）购置费", "②运行费", "其中：（1）公务用车购置费", "2010101"].map(numberingOf)).toEqual([
      { style: "一、", partOf: false },
      { style: "（一）", partOf: false },
      { style: "1、", partOf: false },
      { style: "（1）", partOf: false },
      { style: "①", partOf: false },
      { style: "（1）", partOf: true },
      { style: null, partOf: false },
    ]);
  });
});

describe("withParents", () => {
  it("puts 项 under 款 under 类 under 合计 by code prefix", () => {
    const rows = withParents(table(["合计", "10", { rowKind: "total" }], ["一般公共服务支出", "10", { rowKind: "class", funcCode: "201" }], ["统计信息事务", "10", { rowKind: "class", funcCode: "20105" }], ["行政运行", "10", { funcCode: "2010501" }]));
    expect(parents(rows)).toEqual(["-", "合计", "一般公共服务支出", "统计信息事务"]);
  });

  it("nests numbered rows by the order their styles are first used; a 其中 run is a part of its row (福州 三公)", () => {
    const rows = withParents(
      table(["合计", "17.00", { rowKind: "total" }], ["1、因公出国（境）费用", "0.00"], ["2、公务接待费", "1.00"], ["3、公务用车购置及运行费", "16.00"], ["其中：（1）公务用车购置费", "0.00"], ["（2）公务用车运行费", "16.00"]),
    );
    expect(parents(rows)).toEqual(["-", "合计", "合计", "合计", "3、公务用车购置及运行费", "3、公务用车购置及运行费"]);
    expect(rows.map((r) => r.ofWhich)).toEqual([false, false, false, false, true, true]);
  });

  it("puts a numbered run under the unnumbered heading printed above it, once", () => {
    const rows = withParents(table(["合计", "30", { rowKind: "total" }], ["信访事务", "30"], ["1.接访", "10"], ["2.督办", "20"], ["机关运行", "5"]));
    expect(parents(rows)).toEqual(["-", "合计", "信访事务", "信访事务", "合计"]);
  });

  it("keeps rows under their unit, and the unit under 合计", () => {
    const rows = withParents(table(["合计", "5", { rowKind: "total" }], ["无锡市统计普查中心", "5", { rowKind: "unit", level: "unit", unitCode: "327002" }], ["行政运行", "5", { funcCode: "2010501" }]));
    expect(parents(rows)).toEqual(["-", "合计", "无锡市统计普查中心"]);
  });
});

describe("nestBySums", () => {
  it("nests a flat list of projects by their own sums when exactly one reading adds up (西安 表10)", () => {
    const flat = withParents(
      table(
        ["合计", "9056120.00", { rowKind: "total" }],
        ["通用项目", "2797300.00"],
        ["办公用房物业管理服务项目", "2207300.00"],
        ["食堂包厨服务", "1310300.00"],
        ["物业管理服务", "897000.00"],
        ["委托咨询业务", "590000.00"],
        ["法律顾问服务", "90000.00"],
        ["接待中心安保服务", "500000.00"],
        ["专用项目", "6258820.00"],
        ["接待中心事务", "6258820.00"],
      ),
    );
    expect(parents(nestBySums(flat, ["合计"]))).toEqual(["-", "合计", "通用项目", "办公用房物业管理服务项目", "办公用房物业管理服务项目", "通用项目", "委托咨询业务", "委托咨询业务", "合计", "专用项目"]);
  });

  it("leaves rows as printed when their sum already holds, or when no reading adds up", () => {
    const holds = withParents(table(["合计", "6", { rowKind: "total" }], ["甲", "1"], ["乙", "2"], ["丙", "3"]));
    expect(parents(nestBySums(holds, ["合计"]))).toEqual(["-", "合计", "合计", "合计"]);
    const broken = withParents(table(["合计", "7", { rowKind: "total" }], ["甲", "3"], ["乙", "1"], ["丙", "1"]));
    expect(parents(nestBySums(broken, ["合计"]))).toEqual(["-", "合计", "合计", "合计"]);
  });
});

describe("withCodeParents", () => {
  it("links the coded rows of one side of a two-sided table by code prefix, and nothing else", () => {
    const rows = table(
      ["一、财政拨款", "80.52", { side: "income" }],
      ["卫生健康支出", "80.52", { side: "expense", rowKind: "class", funcCode: "210" }],
      ["行政事业单位医疗", "80.52", { side: "expense", rowKind: "class", funcCode: "21011" }],
      ["行政单位医疗", "61.17", { side: "expense", funcCode: "2101101" }],
      ["事业单位医疗", "19.35", { side: "expense", funcCode: "2101102" }],
      ["本年支出合计", "80.52", { side: "expense", rowKind: "total" }],
    );
    expect(parents(withCodeParents(rows, (r) => r.side === "expense"))).toEqual(["-", "-", "卫生健康支出", "行政事业单位医疗", "行政事业单位医疗", "-"]);
  });
});
