import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ExtractedDocument, ExtractedTable } from "@yusuan/schema";
import { sharedDir, sharedMissing } from "@yusuan/testkit";
import { describe, expect, it } from "vitest";
import { extractDocument } from "./extract-document.js";

const skip = sharedMissing("real");
const cache = new Map<string, Promise<ExtractedDocument>>();

/** A real disclosure of ../shared/real, extracted once for the whole file. */
function real(name: string): Promise<ExtractedDocument> {
  if (!cache.has(name)) {
    const bytes = new Uint8Array(readFileSync(join(sharedDir()!, "real", name)));
    cache.set(name, extractDocument(bytes, { fileName: name }));
  }
  return cache.get(name)!;
}

/** The cell under the column whose path ends with `leaf`, in the row whose first filled cell is `label`. */
function cellAt(table: ExtractedTable, label: string, leaf: string, nth = 0): string | undefined {
  const rows = table.rows.filter((r) => r.cells.some((c) => c?.text.replace(/\s+/g, "") === label));
  const row = rows[nth];
  if (!row) return undefined;
  const start = row.cells.findIndex((c) => c?.text.replace(/\s+/g, "") === label);
  const col = table.columns.findIndex((c, i) => i > start && c.path[c.path.length - 1] === leaf);
  return row.cells[col]?.text;
}

describe.skipIf(skip)("real layouts", () => {
  it("stitches a table continued on the next page without its header to the table above", async () => {
    const doc = await real("sh_putuo_czj_2024_bmjs.pdf");
    const total = doc.tables.find((t) => t.title === "财政拨款收入支出决算总表")!;
    expect(total.pages.length).toBeGreaterThan(1);
    expect(cellAt(total, "本年收入合计", "决算数")).toBe("2,940.05");
    expect(cellAt(total, "年初财政拨款结转和结余", "决算数")).toBe("21.63");
    expect(cellAt(total, "总计", "决算数")).toBe("2,961.68");
    // A label wrapped onto a line that reads like a header word stays whole.
    expect(total.rows.some((r) => r.cells.some((c) => c?.text === "十四、资源勘探工业信息等支出"))).toBe(true);
    expect(doc.tables.some((t) => t.columns.some((c) => c.path.some((p) => p.startsWith("十四、"))))).toBe(false);
  });

  it("keeps a row's amount on its row under a double rule drawn in the amount column only", async () => {
    const doc = await real("js2018_gaoyuan_bmys.pdf");
    const basic = doc.tables.find((t) => t.title.includes("财政拨款基本支出预算表"))!;
    expect(cellAt(basic, "工资福利支出", "金额")).toBe("13,747.87");
    expect(basic.rows.filter((r) => r.cells.every((c) => !c || /^[\d,.]+$/.test(c.text)))).toEqual([]);
  });

  it("puts a label centred in a cell merged over a name and an amount column under the name", async () => {
    const doc = await real("js2018_gaoyuan_bmys.pdf");
    const summary = doc.tables.find((t) => t.title.includes("收支预算总表") && t.columns.length > 4)!;
    for (const label of ["当年支出小计", "结转下年资金", "支出合计"]) {
      const row = summary.rows.find((r) => r.cells.some((c) => c?.text === label))!;
      const col = row.cells.findIndex((c) => c?.text === label);
      expect(summary.columns[col]!.path.at(-1)).toBe("功能科目名称");
    }
    const total = summary.rows.find((r) => r.cells.some((c) => c?.text === "支出合计"))!;
    expect(total.cells.at(-1)?.text).toBe("33,172.15");
  });

  it("keeps a column whole when labels of cells merged across it stand left of its amounts", async () => {
    const doc = await real("js2019_shengwei_bgt_tables.pdf");
    const summary = doc.tables.find((t) => t.title === "收支预算总表")!;
    expect(summary.columns.map((c) => c.path.join("/"))).toEqual([
      "收入/项目名称",
      "收入/金额",
      "支出/功能分类/功能科目名称",
      "支出/功能分类/金额",
      "支出/支出用途/项目名称",
      "支出/支出用途/金额",
    ]);
    expect(cellAt(summary, "一、一般公共服务支出", "金额")).toBe("22,395.50");
  });

  it("reads 类 款 项 printed in the band of the 合计 row as the code columns' header", async () => {
    const doc = await real("sh_putuo_czj_2024_bmjs.pdf");
    for (const title of ["收入决算表", "支出决算表"]) {
      const table = doc.tables.find((t) => t.title === title)!;
      expect(table.columns.slice(0, 3).map((c) => c.path.at(-1))).toEqual(["类", "款", "项"]);
      expect(table.rows[0]!.cells.slice(0, 3)).toEqual([null, null, null]);
      expect(table.rows[0]!.cells[3]?.text).toBe("合计");
    }
  });

  it("leaves the unit and 部门 line above a continued table out of its rows", async () => {
    const doc = await real("cs_gaj_2025.pdf");
    const continued = doc.tables.filter((t) => t.pages.length > 1 && t.pages.length < 5);
    expect(continued.length).toBeGreaterThanOrEqual(2);
    for (const t of continued) expect(t.rows.flatMap((r) => r.cells).filter((c) => c && /单位[:：]/.test(c.text))).toEqual([]);
  });

  it("reads the header of an empty table whose only row says 无", async () => {
    for (const name of ["sh_putuo_sfj_2026_bmys.pdf", "sh_putuo_swj_2025_bmys.pdf"]) {
      const doc = await real(name);
      const empty = doc.tables.filter((t) => t.empty && t.columns.some((c) => c.path.includes("功能分类科目名称")));
      expect(empty.length).toBeGreaterThanOrEqual(1);
      for (const t of empty) expect(t.columns.slice(0, 4).map((c) => c.path.at(-1))).toEqual(["类", "款", "项", "功能分类科目名称"]);
    }
  });

  it("ends the header at the rule under it when the first row's label wraps around its amount", async () => {
    const doc = await real("gz_tjj_2026.pdf");
    const goals = doc.tables.find((t) => t.columns.some((c) => c.path[0] === "绩效目标") && t.columns.length === 3)!;
    expect(goals.columns.map((c) => c.path.join("/"))).toEqual(["项目", "预算数（单位：万元）", "绩效目标"]);
    expect(cellAt(goals, "广州市第四次全国农业普查经费", "预算数（单位：万元）")).toBe("534.72");
  });

  it("keeps each part of a code whose label wraps over three lines in the label's row", async () => {
    const doc = await real("sh_putuo_czj_2024_bmjs.pdf");
    const basic = doc.tables.find((t) => t.title === "一般公共预算财政拨款基本支出决算表")!;
    const row = basic.rows.find((r) => r.cells.some((c) => c?.text === "信息网络及软件购置更新"))!;
    const at = row.cells.findIndex((c) => c?.text === "信息网络及软件购置更新");
    expect(row.cells.slice(at - 2, at).map((c) => c?.text)).toEqual(["310", "07"]);
  });

  it("goes on with a table on a page that repeats only the running page header", async () => {
    const doc = await real("wx_tjj_2026.pdf");
    const expense = doc.tables.find((t) => t.tableNo === "03")!;
    expect(expense.pages).toEqual([10, 11]);
    expect(cellAt(expense, "购房补贴", "合计")).toBe("167.18");
    // no untitled table made of a continuation page, and the running header is no table's title
    expect(doc.tables.filter((t) => !t.title)).toEqual([]);
    expect(doc.tables.map((t) => t.tableNo)).toEqual(["01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "13"]);
  });

  it("reads one table per page, each titled above its 公开表X tag numbered in words", async () => {
    const doc = await real("js2019_renda_bangongting_tables.pdf");
    expect(doc.tables.map((t) => [t.tableNo, t.pages])).toEqual([
      ["1", [1]], ["2", [2]], ["3", [3]], ["4", [4]], ["5", [5]], ["6", [6]], ["7", [7]], ["8", [8]], ["9", [9]], ["10", [10]], ["11", [11]], ["12", [12, 13]],
    ]);
    const basic = doc.tables.find((t) => t.tableNo === "6")!;
    expect(basic.title).toBe("财政拨款基本支出预算表（经济科目）");
    expect(basic.entityText).toBe("江苏省人大常委会办公厅");
    expect(cellAt(basic, "301", "金额")).toBe("6,481.41");
  });
});
