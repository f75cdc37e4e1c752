import { describe, expect, it } from "vitest";
import { cleanDepartment, departmentFromTables, docKindFromTitles, fiscalYearFromTitles, tableNumber } from "./document-identity.js";

describe("what a tables-only document is about, and its tables' numbers", () => {
  it("a table number is kept as printed and normalized beside it: 05 is 5, 十二、 is 12, 表一 is 1", () => {
    expect(tableNumber("05", "财政拨款支出预算表")).toEqual({ printed: "05", number: "5" });
    expect(tableNumber("1-2", "部门支出总表")).toEqual({ printed: "1-2", number: "1-2" });
    expect(tableNumber(null, "十二、2018年江苏省高级人民法院政府采购预算表")).toEqual({ printed: "十二", number: "12" });
    expect(tableNumber(null, "公开表一江苏省人大常委会办公厅")).toEqual({ printed: "一", number: "1" });
    expect(tableNumber(null, "收支预算总表")).toEqual({ printed: null, number: null });
  });

  it("department names lose the punctuation and labels printed around them", () => {
    expect(cleanDepartment(".长春市信访局（本级）")).toBe("长春市信访局（本级）");
    expect(cleanDepartment("部门：江苏省人大常委会办公厅")).toBe("江苏省人大常委会办公厅");
    expect(cleanDepartment("  ")).toBeNull();
  });

  it("a tables-only PDF takes its department from a 部门 line or a title naming only it, its year and kind from titles", () => {
    expect(departmentFromTables([{ title: "公开表一江苏省人大常委会办公厅", entityText: null }])).toBe("江苏省人大常委会办公厅");
    expect(departmentFromTables([{ title: "收支预算总表", entityText: null }])).toBeNull();
    expect(fiscalYearFromTitles(["收支预算总表", "2019年政府采购预算表"])).toBe(2019);
    expect(docKindFromTitles(["收支预算总表", "2019年政府采购预算表"])).toBe("部门预算");
    expect(docKindFromTitles(["2025年预算单位财务收支预算总表"])).toBe("单位预算");
    expect(docKindFromTitles(["收入支出决算总表"])).toBe("部门决算");
  });
});
