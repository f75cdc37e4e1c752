import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { extractDocument } from "@yusuan/extract";
import { createClassifier, normalizeDocument } from "@yusuan/normalize";
import type { BudgetDocument, ExtractedDocument } from "@yusuan/schema";
import { sampleDocs, sharedDir, sharedMissing } from "@yusuan/testkit";
import { beforeAll, describe, expect, it } from "vitest";

/**
 * Issue 17: a 部门决算 read as well as a budget. The synthetic 澜川县农业农村局 2025 决算 (附表 numbering, titles
 * above their tag, 全年预算数 and 完成率, 基本支出 printed two-up, 三公 预算数 | 决算数 under each item) and the real
 * 上海市普陀区财政局 2024 决算: every table of a known kind, what each column's amounts are, and the checks that
 * catch a misprinted 完成率 or two-up 合计. Its facts (F1 = 1) and parents are held to the truth in layouts.test.ts.
 */
const FINAL = sampleDocs().find((s) => s.name === "lanchuan_nyncj_2025_final_sample")!;
const classifier = createClassifier();
let extracted: ExtractedDocument;
let doc: BudgetDocument;

beforeAll(async () => {
  extracted = await extractDocument(new Uint8Array(readFileSync(FINAL.pdf)), { fileName: basename(FINAL.pdf) });
  doc = normalizeDocument(extracted, { sha256: FINAL.name, classifier });
}, 120_000);

/** The sample read again with one printed cell of one table changed, as a misprint would have it. */
function misprinted(tableNo: string, printed: string, instead: string): BudgetDocument {
  const copy = structuredClone(extracted);
  const cells = copy.tables.find((t) => t.tableNo === tableNo)!.rows.flatMap((r) => r.cells).filter((c) => c?.text === printed);
  expect(cells).toHaveLength(1);
  cells[0]!.text = instead;
  return normalizeDocument(copy, { sha256: `${FINAL.name} ${printed}→${instead}`, classifier });
}

const errors = (d: BudgetDocument) => d.findings.filter((f) => f.severity === "error").map((f) => `${f.code} 表${f.tableNo ?? ""}`);
const table = (no: string) => doc.tables.find((t) => t.tableNo === no)!;

describe("部门决算 (lanchuan_nyncj_2025_final): a province's own numbering and titles", () => {
  it("gives every table, filled or empty, its canonical kind", () => {
    expect(doc.docKind).toBe("部门决算");
    expect(doc.tables.map((t) => `${t.tableNo} ${t.kind}`)).toEqual([
      "1 部门收支总表",
      "2 部门收入总表",
      "3 部门支出总表",
      "4 财政拨款收支总表",
      "5 一般公共预算支出表",
      "6 一般公共预算基本支出表",
      "7 一般公共预算三公经费表",
      "8 政府性基金支出表",
      "9 国有资本经营支出表",
    ]);
  });

  it("附表5: 年初预算数 is basis 预算, 全年预算数 调整预算, the 决算数 columns 决算, and 完成率 a percentage of the 全年预算", () => {
    const meanings = new Set(table("5").rows.flatMap((r) => r.amounts.map((a) => `${a.measure} → ${a.meaning?.period} ${a.meaning?.basis} ${a.meaning?.use}`)));
    expect([...meanings].sort()).toEqual([
      "全年预算数 → current 调整预算 total",
      "合计 → current 决算 total",
      "基本支出 → current 决算 基本支出",
      "完成率 → execution_pct 调整预算 total",
      "年初预算数 → current 预算 total",
      "项目支出 → current 决算 项目支出",
    ]);
    // a percentage adds up to nothing: the 合计 row's 完成率 is not the sum of its rows'
    expect(table("5").measures).not.toContain("完成率");
  });

  it("附表6 printed two-up: both lists read, each under its own 合计, which add up to 附表5's 基本支出", () => {
    const basic = table("6");
    const totals = basic.rows.filter((r) => r.rowKind === "total");
    expect(totals.map((r) => `${r.label} ${r.amounts[0]?.value} ${r.amounts[0]?.meaning?.use}`)).toEqual(["人员经费合计 588.40 人员经费", "公用经费合计 91.84 公用经费"]);
    const under = (total: string) => basic.rows.filter((r) => basic.rows.find((p) => p.rowIndex === r.parent)?.label === total).map((r) => r.econCode);
    expect(under("人员经费合计")).toEqual(["301", "303"]);
    expect(under("公用经费合计")).toEqual(["302", "310"]);
    const basicOfTable2 = table("5").rows[0]!.amounts.find((a) => a.measure === "基本支出")!.value;
    expect((588.4 + 91.84).toFixed(2)).toBe(basicOfTable2);
    expect(doc.findings.filter((f) => f.severity !== "info")).toEqual([]);
  });

  it("a misprinted 人员经费合计 is an error of its list and against 附表5's 基本支出", () => {
    expect(errors(misprinted("6", "588.40", "598.40"))).toEqual(["sum_mismatch 表6", "cross_table_mismatch 表5"]);
  });

  it("a misprinted 完成率 is an error; one its amounts' rounding explains is only rounding", () => {
    expect(errors(misprinted("5", "98.69", "97.69"))).toEqual(["execution_rate_mismatch 表5"]);
    // 行政运行 421.37 / 425.60 = 99.0061%: printed 99.00, each amount ± 0.005 allows 98.999 … 99.013
    const rounded = misprinted("5", "99.01", "99.00");
    expect(errors(rounded)).toEqual([]);
    expect(rounded.findings.filter((f) => f.tableNo === "5").map((f) => f.code)).toEqual(["rounding"]);
  });

  it("headline figures are the 决算数: 附表5 合计, the two-up 合计 rows, the 三公 决算数 columns", () => {
    expect(Object.fromEntries(doc.headlines!.map((h) => [h.name, h.wan]))).toMatchObject({
      gpb_expense_total: "964.57",
      basic_total: "680.24",
      personnel_total: "588.40",
      public_total: "91.84",
      project_total: "284.33",
      sangong_total: "9.25",
      sangong_reception: "1.45",
      sangong_vehicle: "7.80",
    });
  });
});

describe.skipIf(sharedMissing("real"))("the real 上海市普陀区财政局 2024 部门决算", () => {
  it("reads every table with a canonical kind and raises no error-level finding", async () => {
    const pdf = join(sharedDir()!, "real", "sh_putuo_czj_2024_bmjs.pdf");
    const real = normalizeDocument(await extractDocument(new Uint8Array(readFileSync(pdf)), { fileName: basename(pdf) }), { sha256: "putuo", classifier });
    // nine tables of nine kinds, none left as 其他 (real-documents.test.ts lists them)
    expect(new Set(real.tables.map((t) => t.kind)).size).toBe(9);
    expect(real.tables.filter((t) => t.kind === "其他").map((t) => t.title)).toEqual([]);
    expect(real.tables.find((t) => t.title === "一般公共预算财政拨款基本支出决算表")?.kind).toBe("一般公共预算基本支出表");
    expect(errors(real)).toEqual([]);
  }, 120_000);
});
