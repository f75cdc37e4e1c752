import type { ExtractedTable } from "@yusuan/schema";
import { describe, expect, it } from "vitest";
import { numberFromReferences } from "./table-numbers.js";

const table = (title: string, tableNo: string | null = null): ExtractedTable => ({
  tableNo, title, pages: [1], unitText: null, entityText: null, columns: [], rows: [], empty: false, notes: [],
});

describe("numberFromReferences", () => {
  it("numbers unnumbered tables from the references the document prints, line wraps included", () => {
    const tables = [table("部门收支总表"), table("一般公共预算“三公”经费支出预算表"), table("部门预算项目绩效目标表（2025年度）")];
    const text = "一、部门收支总表（公开表 1）\n九、一般公共预算“三公”经费支出预算表（公开表 3-\n3）\n十三、部门预算项目支出绩效目标表（公开表 6）";
    numberFromReferences(tables, text);
    expect(tables.map((t) => t.tableNo)).toEqual(["1", "3-3", "6"]);
  });

  it("leaves printed numbers alone and does not give one number twice", () => {
    const tables = [table("部门收支总表", "1"), table("部门收支总表")];
    numberFromReferences(tables, "部门收支总表（表1）");
    expect(tables.map((t) => t.tableNo)).toEqual(["1", null]);
  });
});
