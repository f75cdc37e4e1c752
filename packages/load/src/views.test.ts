import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Meaning, Use } from "@yusuan/schema";
import { corpusDocs, sharedMissing, truthDocument } from "@yusuan/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type BudgetDatabase } from "./database.js";
import { loadDocument } from "./load-document.js";

const missing = sharedMissing();
const dir = mkdtempSync(join(tmpdir(), "yusuan-views-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cents = (n: number) => Math.round(n * 100);

describe("the facts view contract", () => {
  it("has the columns score-facts and the exports read, in order", () => {
    const db = openDatabase(join(dir, "contract.sqlite"));
    const columns = db.prepare("SELECT * FROM facts").columns().map((c) => c.name);
    expect(columns.slice(0, 14)).toEqual([
      "document", "fiscal_year", "department", "table_no", "table_kind", "unit_code", "func_code", "econ_code",
      "label", "measure", "amount", "amount_unit", "page", "amount_text",
    ]);
    db.close();
  });
});

describe.skipIf(missing)("the facts view", () => {
  it("gives table_no '' for a table printed without a number and leaves out documents not loaded", () => {
    const db = openDatabase(join(dir, "unnumbered.sqlite"));
    const doc = truthDocument(corpusDocs()[0]!);
    const first = doc.tables.findIndex((t) => t.rows.some((r) => r.amounts.length));
    loadDocument(db, { ...doc, tables: doc.tables.map((t, i) => (i === first ? { ...t, tableNo: null } : t)) });
    const numbers = db.prepare("SELECT DISTINCT table_no FROM facts WHERE table_id = (SELECT id FROM budget_tables WHERE table_index = ?)").pluck().all(first);
    expect(numbers).toEqual([""]);
    db.prepare("UPDATE documents SET status = 'failed', error = 'test'").run();
    expect(db.prepare("SELECT count(*) FROM facts").pluck().get()).toBe(0);
    db.close();
  });
});

describe.skipIf(missing)("rollup views on the corpus ground truth", () => {
  let db: BudgetDatabase;
  const docs = missing ? [] : corpusDocs();
  beforeAll(() => {
    db = openDatabase(join(dir, "rollups.sqlite"));
    for (const d of docs) loadDocument(db, truthDocument(d));
  });
  afterAll(() => db.close());

  it.each(docs.map((d) => [d.name, `${d.name}.pdf`] as const))(
    "func_rollup of 表1-2 by 类 equals the 类 rows 表1 prints (%s)",
    (_name, document) => {
      const rollup = db
        .prepare("SELECT func_code, amount FROM func_rollup WHERE document = ? AND table_no = '1-2' AND measure = '合计' AND level = 'class' ORDER BY func_code")
        .all(document) as { func_code: string; amount: number }[];
      const printed = db
        .prepare("SELECT func_code, amount FROM facts WHERE document = ? AND table_no = '1' AND row_kind = 'class' AND length(func_code) = 3 ORDER BY func_code")
        .all(document) as { func_code: string; amount: number }[];
      expect(rollup.length).toBeGreaterThan(0);
      expect(rollup.map((r) => [r.func_code, cents(r.amount)])).toEqual(printed.map((r) => [r.func_code, cents(r.amount)]));
    },
  );

  it("func_rollup 款 amounts add up to their 类", () => {
    const mismatches = db
      .prepare(
        `SELECT c.document, c.table_no, c.measure, c.func_code, c.amount, sum(k.amount) AS kuans
         FROM func_rollup c JOIN func_rollup k ON k.document = c.document AND k.table_no = c.table_no
           AND k.measure = c.measure AND k.level = 'kuan' AND substr(k.func_code, 1, 3) = c.func_code
         WHERE c.level = 'class' GROUP BY c.document, c.table_no, c.measure, c.func_code
         HAVING round(c.amount - kuans, 6) <> 0`,
      )
      .all();
    expect(mismatches).toEqual([]);
  });

  it.each(docs.filter((d) => d.truth.tables.some((t) => t.table_no === "3-1" && !t.empty)).map((d) => [d.name, `${d.name}.pdf`] as const))(
    "econ_rollup of 表3-1 by 类 equals the sum of the 类 rows it prints, within the documented rounding (%s)",
    (name, document) => {
      const rollup = db
        .prepare("SELECT econ_code, measure, amount FROM econ_rollup WHERE document = ? AND table_no = '3-1' AND level = 'class' ORDER BY econ_code, measure")
        .all(document) as { econ_code: string; measure: string; amount: number }[];
      const printed = db
        .prepare(
          `SELECT econ_code, measure, sum(amount) AS amount FROM facts WHERE document = ? AND table_no = '3-1'
           AND row_kind = 'class' AND length(econ_code) = 3 GROUP BY econ_code, measure ORDER BY econ_code, measure`,
        )
        .all(document) as { econ_code: string; measure: string; amount: number }[];
      expect(rollup.map((r) => [r.econ_code, r.measure])).toEqual(printed.map((r) => [r.econ_code, r.measure]));
      const documented = docs.find((d) => d.name === name)!.truth as { known_discrepancies?: unknown[] };
      const tolerance = documented.known_discrepancies?.length ? 2 : 0;
      rollup.forEach((r, i) => expect(Math.abs(cents(r.amount) - cents(printed[i]!.amount))).toBeLessThanOrEqual(tolerance));
    },
  );
});

describe.skipIf(missing)("wide views", () => {
  it("show each printed row of a kind once, a numeric column per canonical use holding its amount", () => {
    const db = openDatabase(join(dir, "wide.sqlite"));
    const corpus = corpusDocs()[0]!;
    const doc = truthDocument(corpus);
    loadDocument(db, doc);
    const table = doc.tables.find((t) => t.kind === "部门支出总表")!;
    // the meaning normalize gives these columns, under headers a template might print otherwise
    const uses: Record<string, Use> = { 合计: "total", 基本支出: "基本支出", 项目支出: "项目支出" };
    const meant = (measure: string): Meaning => ({
      side: "expense", period: "current", basis: "预算", fund: null, use: uses[measure] ?? null, item: null, ofWhich: false, aggregate: measure === "合计",
    });
    loadDocument(db, {
      ...doc,
      tables: doc.tables.map((t) => (t !== table ? t : { ...t, rows: t.rows.map((r) => ({ ...r, amounts: r.amounts.map((a) => ({ ...a, meaning: meant(a.measure) })) })) })),
    }, { replace: true });
    const rows = db.prepare("SELECT * FROM wide_expense ORDER BY row_index").all() as Record<string, unknown>[];
    expect(rows).toHaveLength(table.rows.length);
    rows.forEach((r, i) => {
      const printed = Object.fromEntries(table.rows[i]!.amounts.map((a) => [a.measure, Number(a.value)]));
      for (const m of ["合计", "基本支出", "项目支出"]) expect(r[m]).toBe(printed[m] ?? null);
      expect(r["人员经费"]).toBe(null);
      expect(JSON.parse(r.amounts as string)).toEqual(Object.fromEntries(table.rows[i]!.amounts.map((a) => [a.measure, a.value])));
    });
    db.close();
  });
});
