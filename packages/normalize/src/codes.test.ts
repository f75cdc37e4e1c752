import { describe, expect, it } from "vitest";
import { joinCodeParts, parseJoinedCode, splitCodedLabel } from "./codes.js";

// Every printed form below is copied from a real disclosure (file and table in the test name).
describe("科目 codes in every printed form", () => {
  it("split 类 | 款 | 项 columns (sh_putuo_sfj_2026 一般公共预算支出; 达州 表1-2), blank 款/项 on parent rows", () => {
    expect(joinCodeParts("204", "06", "01")).toBe("2040601");
    expect(joinCodeParts("204", "06", null)).toBe("20406");
    expect(joinCodeParts("204", "", "")).toBe("204");
    expect(joinCodeParts("208", "01", "50")).toBe("2080150");
  });

  it("a 项 printed without its 款 is not a code (never guessed)", () => {
    expect(joinCodeParts("204", null, "01")).toBe("204");
    expect(joinCodeParts("2O4", "06", "01")).toBeNull();
  });

  it("joined in one cell (xa_xfj_2026 支出总表: 2014001 行政运行) or spaced (seed 000: 208 01 50)", () => {
    expect(parseJoinedCode("2014001")).toBe("2014001");
    expect(parseJoinedCode("208 01 50")).toBe("2080150");
    expect(parseJoinedCode("301")).toBe("301");
    expect(parseJoinedCode("101001")).toBeNull();
  });

  it("in the label, bracketed (gz_tjj_2026 表3: [2010501]行政运行) or before it (xa: 2014004 信访业务)", () => {
    expect(splitCodedLabel("[201]一般公共服务支出")).toEqual({ code: "201", label: "一般公共服务支出" });
    expect(splitCodedLabel("[20105]统计信息事务")).toEqual({ code: "20105", label: "统计信息事务" });
    expect(splitCodedLabel("[2010501]行政运行")).toEqual({ code: "2010501", label: "行政运行" });
    expect(splitCodedLabel("2014004 信访业务")).toEqual({ code: "2014004", label: "信访业务" });
    expect(splitCodedLabel("30101 基本工资")).toEqual({ code: "30101", label: "基本工资" });
  });

  it("7-digit local economic sub-codes (乐山 表3-1: 3010201 地方津贴补贴) are read as printed", () => {
    expect(splitCodedLabel("3010201 地方津贴补贴")).toEqual({ code: "3010201", label: "地方津贴补贴" });
  });

  it("unit codes and amounts are not 科目 codes", () => {
    expect(splitCodedLabel("101001 青禾市教育局（本级）")).toBeNull();
    expect(splitCodedLabel("618.22")).toBeNull();
    // 长沙 三公: a unit's code joined to its name by an underscore
    expect(splitCodedLabel("106_长沙市公安局")).toBeNull();
  });
});
