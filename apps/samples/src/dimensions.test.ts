import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { extractDocument } from "@yusuan/extract";
import { createClassifier, normalizeDocument } from "@yusuan/normalize";
import type { BudgetDocument, Meaning } from "@yusuan/schema";
import { normText, sampleDocs, type CorpusDoc, type TruthRow, type TruthTable } from "@yusuan/testkit";
import { beforeAll, describe, expect, it } from "vitest";

/**
 * Issue 14: the 青岚县司法局 2026 部门预算 and its 决算 pin each canonical dimension of an amount
 * (side, period, basis, ofWhich, item) and the headline figures, read by the real extract + normalize.
 * Their tables, pages, facts (F1 = 1), parents and findings are held to the truth in layouts.test.ts.
 */
const BUDGET = "qinglan_sfj_2026_sample";
const FINAL = "qinglan_sfj_2026_final_sample";
const samples = new Map(sampleDocs().filter((s) => s.name === BUDGET || s.name === FINAL).map((s) => [s.name, s]));
const read = new Map<string, BudgetDocument>();

beforeAll(async () => {
  const classifier = createClassifier();
  for (const sample of samples.values()) {
    const extracted = await extractDocument(new Uint8Array(readFileSync(sample.pdf)), { fileName: basename(sample.pdf) });
    read.set(sample.name, normalizeDocument(extracted, { sha256: sample.name, classifier }));
  }
}, 240_000);

const sampleOf = (name: string): CorpusDoc => {
  const found = samples.get(name);
  if (found === undefined) throw new Error(`no sample ${name}`);
  return found;
};
const docOf = (name: string): BudgetDocument => {
  const found = read.get(name);
  if (found === undefined) throw new Error(`${name} was not read`);
  return found;
};
const truthTable = (name: string, no: string): TruthTable => {
  const found = sampleOf(name).truth.tables.find((t) => t.table_no === no);
  if (found === undefined) throw new Error(`${name} has no 表${no}`);
  return found;
};

/** One dimension of every amount of a table as "label · column → value": a diff names the misread cells. */
function readDimension(name: string, no: string, dimension: (m: Meaning) => unknown): string[] {
  const table = docOf(name).tables.find((t) => t.tableNo === no);
  return (table?.rows ?? [])
    .flatMap((r) => r.amounts.map((a) => `${normText(r.label)} · ${normText(a.measure)} → ${String(a.meaning ? dimension(a.meaning) : "no meaning")}`))
    .sort();
}

/** The same list as the truth says it should be, the value worked out from the truth row and column. */
function truthDimension(name: string, no: string, expected: (row: TruthRow, column: string) => unknown): string[] {
  return (truthTable(name, no).rows ?? [])
    .flatMap((r) => Object.keys(r.values).map((c) => `${normText(r.label)} · ${normText(c)} → ${String(expected(r, c))}`))
    .sort();
}

/** A document's headline figures by name, in 万元. */
const headlines = (name: string): Record<string, string> => Object.fromEntries((docOf(name).headlines ?? []).map((h) => [h.name, h.wan]));

/** The 三公 item each column of the 三公 / 会议费 / 培训费 tables names: 合计 under “三公”经费 is the 三公 total. */
const SANGONG_COLUMN_ITEM: Record<string, Meaning["item"]> = {
  合计: "三公",
  "因公出国（境）费": "因公出国（境）",
  公务接待费: "公务接待",
  公务用车购置及运行费: "公务用车购置及运行",
  会议费: "会议费",
  培训费: "培训费",
};

describe("部门预算 (qinglan_sfj_2026): each column's and row's canonical meaning", () => {
  it("表1 部门收支总表: the 收入 side's amounts are income, the 支出 side's expense", () => {
    expect(readDimension(BUDGET, "1", (m) => m.side)).toEqual(truthDimension(BUDGET, "1", (r) => r.side));
  });

  it("表2 部门支出总表: 其中：人员经费 is a part (of which) of 人员经费; 合计, 基本支出 and 项目支出 are not parts", () => {
    const use: Record<string, Meaning["use"]> = { 合计: "total", 基本支出: "基本支出", "其中：人员经费": "人员经费", 项目支出: "项目支出" };
    expect(readDimension(BUDGET, "2", (m) => `${m.use} ${m.ofWhich ? "of which" : "whole"}`)).toEqual(
      truthDimension(BUDGET, "2", (_r, c) => `${use[c]} ${c.startsWith("其中") ? "of which" : "whole"}`),
    );
  });

  it("表3 一般公共预算支出表: 上年预算数 is the previous year, 本年预算数 the current, 增减 the change", () => {
    const period: Record<string, Meaning["period"]> = { 上年预算数: "previous", 本年预算数: "current", 增减: "change" };
    expect(readDimension(BUDGET, "3", (m) => `${m.period} ${m.basis}`)).toEqual(truthDimension(BUDGET, "3", (_r, c) => `${period[c]} 预算`));
  });

  it("表4 三公 beside 会议费/培训费: each column its item, the 2025年 row the previous year, the 2026年 row the current", () => {
    expect(readDimension(BUDGET, "4", (m) => `${m.item} ${m.period} ${m.basis}`)).toEqual(
      truthDimension(BUDGET, "4", (r, c) => `${SANGONG_COLUMN_ITEM[c]} ${r.label.startsWith("2025年") ? "previous" : "current"} 预算`),
    );
  });

  it("headline figures are the current year's budget: 表1's totals, 表3's 本年预算数, 表4's 2026年 三公 (not 会议费/培训费)", () => {
    expect(headlines(BUDGET)).toMatchObject({
      income_total: "629.23",
      expense_total: "629.23",
      gpb_expense_total: "629.23",
      sangong_total: "6.20",
      sangong_abroad: "0.00",
      sangong_reception: "0.80",
      sangong_vehicle: "5.40",
    });
  });
});

describe("部门决算 (qinglan_sfj_2026_final): 年初预算, 调整预算 and 决算 side by side", () => {
  it("表1 一般公共预算财政拨款支出决算表: 年初预算数 is basis 预算, 调整预算数 调整预算, 决算数 决算, all of the current year; the % a ratio of the 调整预算", () => {
    const meaning: Record<string, string> = {
      年初预算数: "current 预算",
      调整预算数: "current 调整预算",
      决算数: "current 决算",
      决算数为调整预算数的: "execution_pct 调整预算",
    };
    expect(readDimension(FINAL, "1", (m) => `${m.period} ${m.basis}`)).toEqual(truthDimension(FINAL, "1", (_r, c) => meaning[c.replace(/%$/, "")]));
  });

  it("表2 三公 决算: each column its item (会议费/培训费 apart from 三公), the 预算数 row basis 预算, the 决算数 row 决算", () => {
    expect(readDimension(FINAL, "2", (m) => `${m.item} ${m.period} ${m.basis}`)).toEqual(
      truthDimension(FINAL, "2", (r, c) => `${SANGONG_COLUMN_ITEM[c]} current ${r.label === "预算数" ? "预算" : "决算"}`),
    );
  });

  it("headline figures are the 决算数: 表1's 合计 and 表2's 决算数 row", () => {
    expect(headlines(FINAL)).toMatchObject({
      gpb_expense_total: "634.03",
      sangong_total: "5.75",
      sangong_abroad: "0.00",
      sangong_reception: "0.62",
      sangong_vehicle: "5.13",
    });
  });
});
