import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { extractDocument } from "@yusuan/extract";
import { realPdfs, sharedMissing } from "@yusuan/testkit";
import type { BudgetDocument, BudgetTable, LineItem, TableKind } from "@yusuan/schema";
import { createClassifier } from "./registry-classifier.js";
import { normalizeDocument } from "./normalize-document.js";
import { toUnits } from "./checks/money.js";

/**
 * Real disclosures of other provinces (Jiangsu, Shanghai 普陀 incl. a 决算, Guangzhou, Hangzhou,
 * Xi'an, Changsha) through real extraction and normalization; each PDF is read once for all specifications.
 */
const skip = sharedMissing("real") !== null;
const classifier = createClassifier();
const docs = new Map<string, BudgetDocument>();

beforeAll(async () => {
  if (skip) return;
  const read = await Promise.all(
    realPdfs().map(async (pdf) => {
      const extracted = await extractDocument(new Uint8Array(readFileSync(pdf)), { fileName: basename(pdf) });
      return normalizeDocument(extracted, { sha256: basename(pdf), classifier });
    }),
  );
  for (const d of read) docs.set(d.fileName.replace(/\.pdf$/, ""), d);
}, 240_000);

const doc = (name: string) => {
  const d = docs.get(name);
  if (!d) throw new Error(`${name}.pdf is not among the real PDFs`);
  return d;
};
const all = () => [...docs.values()];
const table = (d: BudgetDocument, kind: TableKind) => d.tables.find((t) => t.kind === kind)!;
const row = (t: BudgetTable, label: string) => t.rows.find((r) => r.label === label);

/** Headers of columns that never hold money. */
const NOT_MONEY = /编码|代码|序号|人数|数量|绩效|指标|目标|名称|科目$|比例|[%％]/;
const CODE_SHAPED = /^\d{3}(\d{2}){0,2}$/;

const AMOUNT_KINDS: readonly TableKind[] = [
  "部门收支总表",
  "部门收入总表",
  "部门支出总表",
  "财政拨款收支总表",
  "一般公共预算支出表",
  "一般公共预算基本支出表",
  "一般公共预算三公经费表",
  "政府性基金支出表",
  "国有资本经营支出表",
];

describe.skipIf(skip)("real disclosures of other provinces", () => {
  it("no amount comes from a column of codes, counts, names, text or 绩效 targets", () => {
    const wrong = all().flatMap((d) =>
      d.tables.flatMap((t) =>
        t.rows.flatMap((r) =>
          r.amounts.filter((a) => NOT_MONEY.test(a.measure) || a.value === r.funcCode || a.value === r.econCode).map((a) => `${d.fileName} ${t.title} ${r.label} ${a.measure}=${a.value}`),
        ),
      ),
    );
    expect(wrong).toEqual([]);
  });

  it("no measure holds only code-shaped integers (201, 20101, 2010101)", () => {
    const codeColumns = all().flatMap((d) =>
      d.tables.flatMap((t) =>
        t.measures.flatMap((m) => {
          const values = t.rows.flatMap((r) => r.amounts.filter((a) => a.measure === m).map((a) => a.value));
          return values.length >= 2 && values.every((v) => CODE_SHAPED.test(v) && v.startsWith("2")) ? [`${d.fileName} ${t.title} ${m}`] : [];
        }),
      ),
    );
    expect(codeColumns).toEqual([]);
  });

  it("绩效目标 and 政府采购 tables carry no amount rows, but a 政府采购 table printed by 功能 code and the money of a 整体绩效 form do", () => {
    const structured = all().flatMap((d) =>
      d.tables.filter((t) => ["项目绩效目标表", "整体绩效目标表", "政府采购表"].includes(t.kind) && t.rows.length > 0).map((t) => `${d.fileName} ${t.kind}`),
    );
    expect(structured).toEqual(["cs_gaj_2025.pdf 整体绩效目标表", "xa_xfj_2026.pdf 整体绩效目标表", "yt_tjj_2026.pdf 政府采购表"]);
    const xian = table(doc("xa_xfj_2026"), "整体绩效目标表");
    expect(xian.measures).toEqual(["总额", "财政拨款"]);
    expect(row(xian, "金额合计")).toMatchObject({ rowKind: "total", amounts: [expect.objectContaining({ value: "2838.42" }), expect.objectContaining({ value: "2838.42" })] });
    expect(row(xian, "保运转")?.parent).toBe(row(xian, "金额合计")?.rowIndex);
    const yantai = doc("yt_tjj_2026").tables.find((t) => t.kind === "政府采购表")!;
    expect(yantai.rows.map((r) => [r.funcCode, r.amounts.find((a) => a.measure === "合计")?.value])).toEqual([
      [null, "49.33"],
      ["201", "49.33"],
      ["20105", "49.33"],
      ["2010501", "1.83"],
      ["2010507", "47.50"],
    ]);
  });

  it.each([
    ["js2018_gaoyuan_bmys", "4641.62"],
    ["js2019_shengwei_bgt_tables", "1422.50"],
    ["js2019_zhengxie_tables", "1624.42"],
    ["xa_xfj_2026", "3786500.00"],
    ["wx_tjj_2026", "2.61"],
  ])("%s: every 政府采购 item is read with its amount, and the items add up to the printed 合计 %s", (name, total) => {
    const items = doc(name).procurement;
    expect(items.every((p) => p.amount !== null && p.item !== "")).toBe(true);
    expect(items.reduce((sum, p) => sum + toUnits(p.amount ?? "0"), 0)).toBe(toUnits(total));
  });

  it("西安: a row printing 部门 and 政府经济 codes keeps both, each resolved", () => {
    const t = table(doc("xa_xfj_2026"), "一般公共预算基本支出表");
    expect(row(t, "基本工资")).toMatchObject({ econCode: "30101", econGovCode: "50101", econGov: { system: "econ_gov", status: "matched", officialName: "工资奖金津补贴" } });
    expect(row(t, "工资福利支出")?.econGovCode ?? null).toBeNull();
  });

  it("江苏: a 政府采购 item keeps the 专项 printed on the row above it and its 采购品目大类", () => {
    expect(doc("js2018_gaoyuan_bmys").procurement[0]).toMatchObject({ category: "一、货物A", project: "信息网络建设维护费", item: "其他计算机设备及软件", amount: "676.00" });
  });

  it.each([
    ["cs_gaj_2025", [...AMOUNT_KINDS.filter((k) => k !== "国有资本经营支出表"), "项目绩效目标表", "整体绩效目标表"]],
    ["gz_tjj_2026", [...AMOUNT_KINDS, "一般公共预算项目支出表"]],
    ["hz_qxj_2026", [...AMOUNT_KINDS, "项目绩效目标表"]],
    ["sh_putuo_czj_2024_bmjs", AMOUNT_KINDS],
    ["sh_putuo_sfj_2026_bmys", AMOUNT_KINDS],
    ["sh_putuo_swj_2025_bmys", AMOUNT_KINDS],
    ["sh_putuo_wanli_jiedao_2024_bmys", AMOUNT_KINDS],
    ["sh_putuo_zfb_2025_dwys", AMOUNT_KINDS],
    ["xa_xfj_2026", [...AMOUNT_KINDS.filter((k) => k !== "国有资本经营支出表"), "政府采购表", "项目绩效目标表", "整体绩效目标表"]],
    ["js2019_shengwei_bgt_tables", [...AMOUNT_KINDS.filter((k) => k !== "国有资本经营支出表"), "政府采购表"]],
    ["js2019_zhengxie_tables", [...AMOUNT_KINDS.filter((k) => k !== "国有资本经营支出表"), "政府采购表"]],
  ] as const)("%s: every table of the template is given its kind, each amount kind once", (name, kinds) => {
    const found = doc(name).tables.map((t) => t.kind);
    const expected: readonly string[] = kinds;
    expect([...new Set(found)].filter((k) => expected.includes(k)).sort()).toEqual([...expected].sort());
    for (const k of AMOUNT_KINDS) expect(found.filter((x) => x === k).length, k).toBeLessThanOrEqual(1);
  });

  it("code hierarchies reconcile in every table: 类 = Σ 款, 款 = Σ 项 (economic 3 → 5 digits)", () => {
    const broken: string[] = [];
    for (const d of all())
      for (const t of d.tables)
        for (const m of t.measures)
          for (const system of ["funcCode", "econCode"] as const) {
            const byCode = new Map<string, LineItem[]>();
            for (const r of t.rows) if (r[system] && r.amounts.some((a) => a.measure === m)) byCode.set(r[system]!, [...(byCode.get(r[system]!) ?? []), r]);
            for (const [code, rows] of byCode) {
              const kids = [...byCode.keys()].filter((c) => c.length === code.length + 2 && c.startsWith(code));
              if (kids.length === 0 || rows.length !== 1) continue;
              const amount = (r: LineItem) => toUnits(r.amounts.find((a) => a.measure === m)!.value);
              const sum = kids.reduce((s, k) => s + byCode.get(k)!.reduce((x, r) => x + amount(r), 0), 0);
              if (Math.abs(sum - amount(rows[0]!)) > 100 * kids.length) broken.push(`${d.fileName} ${t.title} ${m} ${code}`);
            }
          }
    expect(broken).toEqual([]);
  });

  it.each([
    "cs_gaj_2025",
    "fz_cssthj_2026",
    "gz_tjj_2026",
    "hz_qxj_2026",
    "js2018_gaoyuan_bmys",
    "js2019_renda_bangongting_tables",
    "js2019_shengwei_bgt_tables",
    "js2019_zhengxie_tables",
    "sh_putuo_czj_2024_bmjs",
    "sh_putuo_sfj_2026_bmys",
    "sh_putuo_swj_2025_bmys",
    "sh_putuo_wanli_jiedao_2024_bmys",
    "sh_putuo_zfb_2025_dwys",
    "wx_tjj_2026",
    "xa_xfj_2026",
    "yt_tjj_2026",
  ])("%s: a document whose sums all hold raises no error-level finding", (name) => {
    const errors = doc(name).findings.filter((f) => f.severity === "error").map((f) => `${f.tableNo ?? ""} p.${f.page} ${f.message}`);
    expect(errors).toEqual([]);
  });

  it.each([
    ["cs_gaj_2025", 170],
    ["gz_tjj_2026", 600],
    ["hz_qxj_2026", 260],
    ["js2018_gaoyuan_bmys", 140],
    ["js2019_shengwei_bgt_tables", 130],
    ["js2019_zhengxie_tables", 120],
    ["sh_putuo_czj_2024_bmjs", 170],
    ["sh_putuo_sfj_2026_bmys", 350],
    ["sh_putuo_swj_2025_bmys", 270],
    ["sh_putuo_wanli_jiedao_2024_bmys", 850],
    ["sh_putuo_zfb_2025_dwys", 220],
    ["xa_xfj_2026", 420],
  ] as const)("%s: at least %i amounts read", (name, min) => {
    const amounts = doc(name).tables.reduce((s, t) => s + t.rows.reduce((x, r) => x + r.amounts.length, 0), 0);
    expect(amounts).toBeGreaterThanOrEqual(min);
  });

  it("长沙: the 功能科目 column holds the row names, and a 款 printed alone joins the 类 above it", () => {
    const t = table(doc("cs_gaj_2025"), "部门收入总表");
    expect(t.measures).not.toContain("功能科目");
    expect(row(t, "纪检监察事务")).toMatchObject({ funcCode: "20111", rowKind: "class" });
    expect(row(t, "其他纪检监察事务支出")).toMatchObject({ funcCode: "2011199", rowKind: "item" });
  });

  it("杭州: rows printing names only get the codes the registry gives those names under the rows above", () => {
    const t = table(doc("hz_qxj_2026"), "一般公共预算支出表");
    expect(row(t, "科学技术支出")?.funcCode).toBe("206");
    expect(row(t, "技术研究与开发")?.funcCode).toBe("20604");
    expect(row(t, "行政单位医疗")?.funcCode).toBe("2101101");
    // 气象服务 is not in the registry: its siblings keep no code rather than make 气象事务 a partial sum
    expect(row(t, "气象服务")?.funcCode).toBeNull();
    expect(row(t, "行政运行")?.funcCode).toBeNull();
  });

  it("杭州: 表1 adds up its numbered income items, not the 一般公共预算 printed under 一、财政拨款", () => {
    const sums = doc("hz_qxj_2026").findings.filter((f) => f.tableNo === "1" && f.code === "sum_mismatch");
    expect(sums).toEqual([]);
    expect(table(doc("hz_qxj_2026"), "部门收支总表").rows.some((r) => r.side === "income" && r.label === "一般公共预算")).toBe(true);
  });

  it("广州: projects listed under their unit are items of that unit; a first unit differing from 合计 is no department", () => {
    const t = doc("gz_tjj_2026").tables.find((x) => x.tableNo === "12")!;
    expect(t.kind).toBe("部门项目支出表");
    expect(row(t, "广州市统计局")).toMatchObject({ rowKind: "unit", level: "unit" });
    expect(row(t, "机构运行辅助经费")?.rowKind).toBe("item");
    expect(t.measures).not.toContain("绩效目标");
  });

  it("广州: rows whose names are none of the units the document lists are items, not units", () => {
    const t = table(doc("gz_tjj_2026"), "一般公共预算三公经费表");
    expect(row(t, "行政经费")?.rowKind).toBe("item");
    expect(t.rows.filter((r) => r.rowKind === "unit")).toEqual([]);
  });

  it("西安: a unit name printed in an unheaded column beside 单位名称 keeps the 合计 label of that column", () => {
    const t = table(doc("xa_xfj_2026"), "部门收入总表");
    expect(t.rows[0]).toMatchObject({ label: "合计", rowKind: "total" });
  });

  it("上海 决算: a 基本支出 table printed as two column blocks reads both blocks, each with its 合计", () => {
    const t = table(doc("sh_putuo_czj_2024_bmjs"), "一般公共预算基本支出表");
    expect(t.rows.filter((r) => r.rowKind === "total").map((r) => r.label)).toEqual(["人员经费合计", "公用经费合计"]);
    expect(row(t, "办公费")?.econCode).toBe("30201");
    expect(row(t, "基本工资")?.econCode).toBe("30101");
  });

  it("江苏: a 收支总表 printing 支出 by 功能分类 and by 支出用途 side by side keeps each amount on the row to its left", () => {
    const t = table(doc("js2019_shengwei_bgt_tables"), "部门收支总表");
    const general = t.rows.find((r) => r.funcCode === "201")!;
    expect(general).toMatchObject({ side: "expense", rowKind: "class" });
    expect(general.amounts.map((a) => a.value)).toEqual(["22395.50"]);
    expect(row(t, "一、基本支出")?.amounts.map((a) => a.value)).toEqual(["11700.63"]);
  });

  it("西安: a 收支总表 printing 支出 three ways side by side keeps every amount on its own 支出 row", () => {
    const t = table(doc("xa_xfj_2026"), "财政拨款收支总表");
    expect(t.rows.find((r) => r.funcCode === "201")).toMatchObject({ side: "expense", amounts: [expect.objectContaining({ value: "22669300.94" })] });
    expect(row(t, "1、一般公共预算拨款")?.amounts.map((a) => a.value)).toEqual(["28384234.71"]);
    expect(t.rows.filter((r) => r.side === "income" && r.amounts.length > 1)).toEqual([]);
  });

  it("江苏: two 小计 columns of a 三公 table are told apart by the header above them", () => {
    const t = table(doc("js2019_zhengxie_tables"), "一般公共预算三公经费表");
    expect(t.measures).toEqual(expect.arrayContaining(["“三公”经费/小计", "公务用车购置及运行维护费/小计"]));
  });

  it("福州: label-only 三公 rows under 合计 are items, numbered （1）（2） parts under the 3、 row they detail", () => {
    const t = table(doc("fz_cssthj_2026"), "一般公共预算三公经费表");
    const parentOf = (label: string) => t.rows.find((r) => r.rowIndex === row(t, label)?.parent)?.label;
    expect(t.rows.filter((r) => r.rowKind === "unit")).toEqual([]);
    expect(parentOf("1、因公出国（境）费用")).toBe("合计");
    expect(parentOf("3、公务用车购置及运行费")).toBe("合计");
    expect(parentOf("（2）公务用车运行费")).toBe("3、公务用车购置及运行费");
    expect(row(t, "（2）公务用车运行费")?.ofWhich).toBe(true);
  });

  it("西安: projects nested only by their sums (通用项目 › 办公用房物业管理服务项目 › 食堂包厨服务) get those parents", () => {
    const t = doc("xa_xfj_2026").tables.find((x) => x.tableNo === "10")!;
    const parentOf = (label: string) => t.rows.find((r) => r.rowIndex === row(t, label)?.parent)?.label;
    expect(parentOf("食堂包厨服务")).toBe("办公用房物业管理服务项目");
    expect(parentOf("办公用房物业管理服务项目")).toBe("通用项目");
    expect(parentOf("驻京信访工作")).toBe("信访事务");
    expect(doc("xa_xfj_2026").findings.filter((f) => f.severity !== "info")).toEqual([]);
  });

  it("烟台: the 部门（单位） line over each page is no row, and its tables have their titles and number", () => {
    const d = doc("yt_tjj_2026");
    expect(d.tables.filter((t) => /部门（单位）/.test(t.title))).toEqual([]);
    expect(d.tables.flatMap((t) => t.rows.filter((r) => /部门（单位）|单位：万元/.test(r.label)))).toEqual([]);
    expect(table(d, "一般公共预算基本支出表").rows.filter((r) => r.rowKind === "unit")).toEqual([]);
  });

  it("江苏: one table per page titled above its 公开表X tag keeps its own kind and codes", () => {
    const d = doc("js2019_renda_bangongting_tables");
    const basic = d.tables.find((t) => t.tableNo === "6")!;
    expect(basic.rows.find((r) => r.label === "基本工资")).toMatchObject({ econCode: "30101", funcCode: null });
    expect(d.tables.find((t) => t.tableNo === "5")!.rows.find((r) => r.label === "行政运行")?.funcCode).toBe("2010101");
  });

  it("江苏: a 情况说明 whose tables were published apart says so in one warning, quoting its text", () => {
    expect(doc("js2019_renda_bmys").findings.filter((f) => f.severity !== "info")).toEqual([
      expect.objectContaining({ code: "table_not_found", severity: "warning", message: expect.stringContaining("“2019年部门预算公开表附后”") }),
    ]);
  });
});
