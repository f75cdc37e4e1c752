import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { extractDocument } from "@yusuan/extract";
import { createClassifier, normalizeDocument } from "@yusuan/normalize";
import { toFen } from "@yusuan/schema";
import { sampleDocs, type CorpusDoc, type TruthTable } from "@yusuan/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type BudgetDatabase } from "./database.js";
import { EXPORTS } from "./exports.js";
import { linkDepartments } from "./link-departments.js";
import { loadDocument } from "./load-document.js";

/**
 * One synthetic department over two years and its 决算 (青岚县司法局 2025, 2026 and the 2026 final account), a
 * peer of its region (青岚县统计局) and a namesake of another region (云溆县司法局), read from their PDFs by the
 * whole pipeline: the links, and each cross-document view's numbers against the samples' truth.
 */
const SAMPLES = ["qinglan_sfj_2025_sample", "qinglan_sfj_2026_sample", "qinglan_sfj_2026_final_sample", "qinglan_tjj_2026_sample", "yunxu_sfj_2026_sample"];
const truth = new Map(sampleDocs().filter((s) => SAMPLES.includes(s.name)).map((s) => [s.name, s]));
const dir = mkdtempSync(join(tmpdir(), "yusuan-departments-"));
let db: BudgetDatabase;

beforeAll(async () => {
  db = openDatabase(join(dir, "departments.sqlite"));
  const classifier = createClassifier();
  for (const s of truth.values()) {
    const extracted = await extractDocument(new Uint8Array(readFileSync(s.pdf)), { fileName: basename(s.pdf) });
    loadDocument(db, normalizeDocument(extracted, { sha256: s.name, classifier }));
  }
  linkDepartments(db);
}, 120_000);
afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** 万元 as exact 分, so a view's REAL and the truth's printed decimal compare exactly. */
const fen = (wan: number | string | null | undefined) => (wan === null || wan === undefined ? null : Number(toFen(String(typeof wan === "number" ? Number(wan.toFixed(6)) : wan), "万元")));
const pdf = (name: string) => `${name}.pdf`;

function table(sample: string, kind: RegExp): TruthTable {
  const doc = truth.get(sample) as CorpusDoc;
  const found = doc.truth.tables.find((t) => kind.test(t.title));
  if (!found) throw new Error(`${sample} has no table titled ${kind}`);
  return found;
}

/** A truth table's printed amounts by function (or economic) code, for one column. */
function byCode(t: TruthTable, column: string, system: "func" | "econ" = "func"): Map<string, string> {
  return new Map(
    (t.rows ?? []).flatMap((r) => {
      const code = system === "func" ? r.func_code : r.econ_code;
      return code && r.values[column] !== undefined ? [[code, r.values[column]!] as const] : [];
    }),
  );
}

const rate = (part: number, whole: number) => Math.round((10000 * part) / whole) / 100;

describe("departments", () => {
  const departmentOf = (name: string) => db.prepare("SELECT department_id FROM documents WHERE file_name = ?").pluck().get(pdf(name)) as number | null;

  it("links the two budgets and the final account of 青岚县司法局 to one department", () => {
    const id = departmentOf("qinglan_sfj_2026_sample");
    expect(id).not.toBeNull();
    expect(departmentOf("qinglan_sfj_2025_sample")).toBe(id);
    expect(departmentOf("qinglan_sfj_2026_final_sample")).toBe(id);
    expect(db.prepare("SELECT name, region, kind FROM departments WHERE id = ?").get(id)).toEqual({ name: "青岚县司法局", region: "青岚县", kind: "部门" });
  });

  it("never links a peer of the same region, nor the same name in another region", () => {
    const ids = ["qinglan_sfj_2026_sample", "qinglan_tjj_2026_sample", "yunxu_sfj_2026_sample"].map(departmentOf);
    expect(new Set(ids).size).toBe(3);
    // every department's documents print one name
    const mixed = db.prepare("SELECT department_id FROM documents WHERE department_id IS NOT NULL GROUP BY department_id HAVING count(DISTINCT department) > 1").all();
    expect(mixed).toEqual([]);
  });

  it("an override moves a document and says so; without it the evidence links again, under the same ids", () => {
    const before = db.prepare("SELECT file_name, department_id FROM documents ORDER BY id").all();
    const linking = linkDepartments(db, [
      { document: pdf("qinglan_tjj_2026_sample"), department: "青岚县司法局", source: "fix.csv line 2" },
      { document: "absent.pdf", department: "青岚县司法局", source: "fix.csv line 3" },
    ]);
    expect(linking.unmatchedOverrides.map((o) => o.source)).toEqual(["fix.csv line 3"]);
    expect(departmentOf("qinglan_tjj_2026_sample")).toBe(departmentOf("qinglan_sfj_2026_sample"));
    expect(db.prepare("SELECT department_link FROM documents WHERE file_name = ?").pluck().get(pdf("qinglan_tjj_2026_sample"))).toMatch(/^override \(fix\.csv line 2\)/);
    linkDepartments(db);
    expect(db.prepare("SELECT file_name, department_id FROM documents ORDER BY id").all()).toEqual(before);
  });
});

describe("year_over_year", () => {
  const rows = (year: number) =>
    db
      .prepare(
        `SELECT code, current_wan, previous_wan, change_wan, change_pct, previous_source, printed_previous_wan, previous_document
         FROM year_over_year WHERE department = '青岚县司法局' AND fiscal_year = ? AND table_kind = '一般公共预算支出表' AND code_system = 'func'`,
      )
      .all(year) as { code: string; current_wan: number; previous_wan: number | null; change_wan: number | null; change_pct: number | null; previous_source: string | null; printed_previous_wan: number | null; previous_document: string | null }[];

  it("sets each 2026 功能 code against the 2025 budget document, beside the 上年 column 2026 prints", () => {
    const current = byCode(table("qinglan_sfj_2026_sample", /一般公共预算支出表/), "本年预算数");
    const printed = byCode(table("qinglan_sfj_2026_sample", /一般公共预算支出表/), "上年预算数");
    const previous = byCode(table("qinglan_sfj_2025_sample", /一般公共预算支出表/), "本年预算数");
    const got = rows(2026);
    expect(got.map((r) => r.code).sort()).toEqual([...current.keys()].sort());
    for (const r of got) {
      const [c, p] = [fen(current.get(r.code)!)!, fen(previous.get(r.code)!)!];
      expect([r.code, fen(r.current_wan), fen(r.previous_wan), fen(r.change_wan), r.previous_source, r.previous_document]).toEqual([
        r.code, c, p, c - p, "previous_document", pdf("qinglan_sfj_2025_sample"),
      ]);
      expect(r.change_pct).toBe(rate(c - p, p));
      expect(fen(r.printed_previous_wan)).toBe(fen(printed.get(r.code)));
    }
  });

  it("takes the previous year from the 上年 column where that year's document is not loaded, and leaves none where none is printed", () => {
    const current = byCode(table("qinglan_sfj_2025_sample", /一般公共预算支出表/), "本年预算数");
    const printed = byCode(table("qinglan_sfj_2025_sample", /一般公共预算支出表/), "上年预算数");
    const got = rows(2025);
    expect(got).toHaveLength(current.size);
    for (const r of got) {
      const p = printed.get(r.code);
      expect([r.code, fen(r.current_wan), fen(r.previous_wan), r.previous_source]).toEqual([r.code, fen(current.get(r.code)!), fen(p), p === undefined ? null : "printed_previous"]);
    }
    expect(got.some((r) => r.previous_source === null)).toBe(true);
  });
});

describe("year_over_year by 经济 code", () => {
  it("sets each 经济 code of the 2025 基本支出 table against the 上年 column it prints", () => {
    const basic = table("qinglan_sfj_2025_sample", /基本支出表/);
    const [current, printed] = ["本年预算数", "上年预算数"].map((c) => byCode(basic, c, "econ"));
    const got = db
      .prepare("SELECT code, current_wan, previous_wan, change_wan, previous_source FROM year_over_year WHERE department = '青岚县司法局' AND fiscal_year = 2025 AND code_system = 'econ'")
      .all() as { code: string; current_wan: number; previous_wan: number; change_wan: number; previous_source: string }[];
    expect(got.map((r) => r.code).sort()).toEqual([...current!.keys()].sort());
    for (const r of got) {
      const [c, p] = [fen(current!.get(r.code)!)!, fen(printed!.get(r.code)!)!];
      expect([r.code, fen(r.current_wan), fen(r.previous_wan), fen(r.change_wan), r.previous_source]).toEqual([r.code, c, p, c - p, "printed_previous"]);
    }
  });
});

describe("budget_execution", () => {
  it("sets each 功能 code's 决算 against its 年初 and 调整 budget, with the rate on the adjusted one", () => {
    const final = table("qinglan_sfj_2026_final_sample", /一般公共预算财政拨款支出决算表/);
    const [initial, adjusted, actual] = ["年初预算数", "调整预算数", "决算数"].map((c) => byCode(final, c));
    const budget = byCode(table("qinglan_sfj_2026_sample", /一般公共预算支出表/), "本年预算数");
    const got = db
      .prepare(`SELECT func_code, budget_initial_wan, budget_adjusted_wan, final_wan, execution_rate, budget_source, budget_document_wan
                FROM budget_execution WHERE department = '青岚县司法局' AND fiscal_year = 2026 AND line = 'func' AND fund = '一般公共预算'`)
      .all() as { func_code: string; budget_initial_wan: number; budget_adjusted_wan: number; final_wan: number; execution_rate: number; budget_source: string; budget_document_wan: number }[];
    expect(got.map((r) => r.func_code).sort()).toEqual([...actual!.keys()].sort());
    for (const r of got) {
      const [a, f] = [fen(adjusted!.get(r.func_code)!)!, fen(actual!.get(r.func_code)!)!];
      expect([r.func_code, fen(r.budget_initial_wan), a, f, r.execution_rate, r.budget_source, fen(r.budget_document_wan)]).toEqual([
        r.func_code, fen(initial!.get(r.func_code)!), fen(r.budget_adjusted_wan), fen(r.final_wan), rate(f, a), "final_document", fen(budget.get(r.func_code)!),
      ]);
    }
  });

  it("sets the 三公 and each of its items the same way", () => {
    const sangong = table("qinglan_sfj_2026_final_sample", /三公/);
    const row = (label: RegExp) => sangong.rows!.find((r) => label.test(r.label))!.values;
    const [planned, actual] = [row(/预算/), row(/决算/)];
    const column = { 三公: "合计", 公务接待: "公务接待费", 公务用车购置及运行: "公务用车购置及运行费" } as const;
    for (const [item, printed] of Object.entries(column)) {
      const r = db
        .prepare("SELECT budget_initial_wan, final_wan, execution_rate FROM budget_execution WHERE department = '青岚县司法局' AND line = 'item' AND item = ?")
        .get(item) as { budget_initial_wan: number; final_wan: number; execution_rate: number };
      const [p, f] = [fen(planned[printed]!)!, fen(actual[printed]!)!];
      expect([item, fen(r.budget_initial_wan), fen(r.final_wan), r.execution_rate]).toEqual([item, p, f, rate(f, p)]);
    }
  });
});

describe("peer_summary", () => {
  it("puts the departments of 青岚县's 2026 budgets side by side, each with its share of their spending", () => {
    const total = (sample: string) => fen(table(sample, /部门收支总表/).rows!.find((r) => /支出总计/.test(r.label.replace(/\s/g, "")))!.values["本年预算数"]!)!;
    const got = db
      .prepare("SELECT document, expense_total, region_expense_share, peers FROM peer_summary WHERE region = '青岚县' AND fiscal_year = 2026 AND doc_kind = '预算' ORDER BY department")
      .all() as { document: string; expense_total: number; region_expense_share: number; peers: number }[];
    const samples = ["qinglan_sfj_2026_sample", "qinglan_tjj_2026_sample"];
    const sum = samples.map(total).reduce((a, b) => a + b);
    expect(got.map((r) => [r.document, fen(r.expense_total), r.region_expense_share, r.peers])).toEqual(
      samples.map((s) => [pdf(s), total(s), rate(total(s), sum), 2]),
    );
  });
});

describe("exports of the views", () => {
  it.each(["departments", "department_links", "year_over_year", "budget_execution", "peer_summary"])("%s is exported with every row of its view", (name) => {
    const definition = EXPORTS.find((e) => e.name === name)!;
    const rows = db.prepare(definition.sql).all();
    const source = name === "departments" ? "departments" : name;
    expect(rows.length).toBe(db.prepare(`SELECT count(*) FROM ${source}`).pluck().get());
    expect(rows.length).toBeGreaterThan(0);
  });
});
