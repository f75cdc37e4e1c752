import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { extractDocument } from "@yusuan/extract";
import { createClassifier, normalizeDocument } from "@yusuan/normalize";
import { toFen, toWan } from "@yusuan/schema";
import { realPdfs, sharedDir, sharedMissing } from "@yusuan/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type BudgetDatabase } from "./database.js";
import { linkDepartments } from "./link-departments.js";
import { loadDocument } from "./load-document.js";

/**
 * document_summary on the real disclosures against their hand-verified headline figures
 * (../shared/real/answers.csv: file, figure, value as printed, unit, table, page; empty = not printed),
 * by the rules of ../shared/tools/score-answers.
 */
const missing = sharedMissing();
const dir = mkdtempSync(join(tmpdir(), "yusuan-summary-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Answer {
  file: string;
  figure: string;
  /** 万元, exact decimal; null = the document prints none */
  wan: string | null;
  fromProse: boolean;
  /** numbers the note says the prose states, acceptable where the tables print none */
  stated: string[];
}

/** A decimal in 万元 as an integer of 分, so comparisons are exact. */
const micro = (wan: string) => toFen(wan, "万元");
const inWan = (value: string, unit: string) => toWan(value, unit === "元" ? "元" : "万元");

function answers(): Answer[] {
  const [header, ...lines] = readFileSync(join(sharedDir()!, "real", "answers.csv"), "utf8").replace(/^\uFEFF/, "").trim().split("\n");
  const names = header!.split(",");
  return lines.map((line) => {
    const cells = line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, "").replace(/^"|"$/g, "").replace(/""/g, '"'));
    const at = (name: string) => cells[names.indexOf(name)] ?? "";
    const value = at("value").replace(/,/g, "");
    const note = at("note");
    return {
      file: at("file"),
      figure: at("figure"),
      wan: value ? inWan(value, at("unit")) : null,
      fromProse: /\(prose\)/.test(at("table")) || /\(prose\)/.test(note),
      stated: value ? [] : [...note.matchAll(/\d[\d,]*\.?\d*/g)].flatMap((m) => [m[0].replace(/,/g, ""), inWan(m[0].replace(/,/g, ""), "元")]),
    };
  });
}

/**
 * Figures of js2019_renda_bangongting_tables.pdf that extraction does not yet deliver: its tables are printed
 * without titles and its 功能 and 经济 tables are read as one grid (pages 5–8), so no table is recognisably
 * the 一般公共预算 one. The extraction owner knows; they are listed so that any other miss fails.
 */
const NOT_YET_READ = new Set(["js2019_renda_bangongting_tables.pdf gpb_expense_total", "js2019_renda_bangongting_tables.pdf basic_total", "js2019_renda_bangongting_tables.pdf project_total"]);

describe.skipIf(missing)("document_summary on the real disclosures", () => {
  let db: BudgetDatabase;
  let rows: Map<string, Record<string, number | string | null>>;
  beforeAll(async () => {
    db = openDatabase(join(dir, "real.sqlite"));
    const classifier = createClassifier();
    for (const pdf of realPdfs()) {
      const extracted = await extractDocument(new Uint8Array(readFileSync(pdf)), { fileName: basename(pdf) });
      loadDocument(db, normalizeDocument(extracted, { sha256: basename(pdf), classifier }));
    }
    const all = db.prepare("SELECT * FROM document_summary").all() as Record<string, number | string | null>[];
    rows = new Map(all.map((r) => [String(r.document), r]));
  }, 300_000);
  afterAll(() => db?.close());

  it("every printed figure is reported exactly (元 converted to 万元 exactly), and none that is not printed", () => {
    const wrong: string[] = [];
    for (const a of answers()) {
      const got = rows.get(a.file)?.[a.figure];
      const reported = got === null || got === undefined ? null : String(got);
      const key = `${a.file} ${a.figure}`;
      if (a.wan === null) {
        if (reported !== null && !a.stated.some((s) => micro(s) === micro(reported))) wrong.push(`${key}: not printed, reported ${reported}`);
      } else if (reported === null ? !(a.fromProse && !/procurement_total|org_running/.test(a.figure)) && !NOT_YET_READ.has(key) : micro(reported) !== micro(a.wan)) {
        wrong.push(`${key}: printed ${a.wan}, reported ${reported}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("has one row per loaded document with its kind, scope, year and department", () => {
    expect(rows.size).toBe(realPdfs().length);
    expect(rows.get("sh_putuo_czj_2024_bmjs.pdf")).toMatchObject({ doc_kind: "决算", scope: "部门", fiscal_year: 2024 });
    expect(rows.get("sh_putuo_zfb_2025_dwys.pdf")).toMatchObject({ doc_kind: "预算", scope: "单位" });
    for (const r of rows.values()) expect(r.department, String(r.document)).toMatch(/^[^.,，。:：]/);
  });

  it("links only documents of one department: the two of 江苏省人大常委会办公厅 2019; the five of 普陀区 and the three 统计局 stay apart", () => {
    linkDepartments(db);
    const shared = db
      .prepare("SELECT group_concat(file_name, ' ') FROM (SELECT file_name, department_id FROM documents ORDER BY file_name) GROUP BY department_id HAVING count(*) > 1")
      .pluck()
      .all();
    expect(shared).toEqual(["js2019_renda_bangongting_tables.pdf js2019_renda_bmys.pdf"]);
    expect(db.prepare("SELECT count(*) FROM documents WHERE department_id IS NULL").pluck().get()).toBe(0);
  });

  it("every figure is traceable to its table and page, or to the prose's page", () => {
    const sources = db.prepare("SELECT document, figure, source, title, page FROM document_summary_sources").all() as { source: string; title: string | null; page: number }[];
    expect(sources.length).toBeGreaterThan(150);
    for (const s of sources) expect(s.page).toBeGreaterThan(0);
    expect(db.prepare("SELECT source, page FROM document_summary_sources WHERE document = 'hz_qxj_2026.pdf' AND figure = 'personnel_total'").get()).toEqual({ source: "table", page: 20 });
  });

  it("the facts carry the canonical dimensions, exact 分 and the amount as printed", () => {
    const personnel = db
      .prepare("SELECT document, measure, amount_text, amount_fen, amount_wan FROM facts WHERE use = '人员经费' AND table_kind = '一般公共预算基本支出表' AND row_kind = 'total' AND period = 'current' AND NOT of_which ORDER BY document")
      .all() as { document: string; measure: string; amount_text: string }[];
    // columns of every name, and the 决算's 人员经费合计 row under its 决算数 column
    expect([...new Set(personnel.map((p) => p.measure))].sort()).toEqual(["人员类", "人员支出", "人员经费", "人员经费支出", "决算数"].sort());
    expect(db.prepare("SELECT count(*) FROM facts WHERE amount_text GLOB '*,*'").pluck().get()).toBeGreaterThan(0);
    expect(db.prepare("SELECT count(*) FROM facts WHERE func_code = '' OR econ_code = '' OR unit_code = ''").pluck().get()).toBe(0);
    // a sum across documents in 元 and 万元 is exact in 分
    const sum = db.prepare("SELECT sum(amount_fen) FROM facts WHERE use = 'total' AND table_kind = '一般公共预算支出表' AND row_kind = 'total' AND period = 'current'").pluck().get() as number;
    expect(Number.isInteger(sum)).toBe(true);
  });
});
