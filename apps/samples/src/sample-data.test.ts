import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { SampleDocument, SampleTable, TruthRow } from "./model.js";

// The synthetic samples promise exact identities; the reproductions keep their seeds' own discrepancies.
const load = (name: string) => JSON.parse(readFileSync(new URL(`../data/${name}.json`, import.meta.url), "utf8")) as SampleDocument;
const tableOf = (doc: SampleDocument) => (no: string): SampleTable => {
  const found = doc.tables.find((t) => t.table_no === no);
  if (found === undefined) throw new Error(`no 表${no}`);
  return found;
};
const doc = load("chengling_tjj_2025");
const table = tableOf(doc);
const cents = (row: TruthRow | undefined, column: string): number => Math.round(Number(row?.values[column] ?? "0") * 100);
const total = (rows: readonly TruthRow[], column: string): number => rows.reduce((a, r) => a + cents(r, column), 0);

describe("synthetic sample chengling_tjj_2025", () => {
  for (const [no, code, columns] of [
    ["1-2", "func_code", ["合计", "基本支出", "项目支出"]],
    ["3", "func_code", ["合计", "当年财政拨款安排"]],
    ["2-1", "econ_code", ["合计", "人员经费", "公用经费", "项目支出"]],
    ["3-1", "econ_code", ["合计", "人员经费", "公用经费"]],
  ] as const) {
    it(`表${no}: 合计 = 部门 = Σ units = Σ items, and every 类/款 row = Σ its items`, () => {
      const rows = table(no).rows;
      const items = rows.filter((r) => r.row_kind === "item");
      const units = rows.filter((r) => r.level === "unit");
      expect(units).toHaveLength(2);
      for (const column of columns) {
        expect(cents(rows[0], column)).toBe(total(items, column));
        expect(cents(rows.find((r) => r.level === "department"), column)).toBe(cents(rows[0], column));
        expect(total(units, column)).toBe(cents(rows[0], column));
        for (const row of rows.filter((r) => r.row_kind === "class")) {
          const prefix = row[code] ?? "";
          const parts = items.filter((i) => i.unit_code === row.unit_code && (i[code] ?? "").startsWith(prefix));
          expect(cents(row, column), `${prefix} ${column}`).toBe(total(parts, column));
        }
      }
    });
  }

  it("row identities: 合计 = 基本 + 项目 (表1-2), = 人员 + 公用 (表3-1), = 人员 + 公用 + 项目 (表2-1)", () => {
    for (const r of table("1-2").rows) expect(cents(r, "合计")).toBe(cents(r, "基本支出") + cents(r, "项目支出"));
    for (const r of table("3-1").rows) expect(cents(r, "合计")).toBe(cents(r, "人员经费") + cents(r, "公用经费"));
    for (const r of table("2-1").rows) {
      expect(cents(r, "合计")).toBe(cents(r, "人员经费") + cents(r, "公用经费") + cents(r, "项目支出"));
    }
  });

  it("across tables: 表1 = 表2 = 表3 by 类; 表3-1 = 基本支出; 表3-2 = 项目支出; 表1-1 = 表1", () => {
    const t3Items = table("3").rows.filter((r) => r.row_kind === "item");
    const byClass = (cls: string) => total(t3Items.filter((r) => (r.func_code ?? "").startsWith(cls)), "合计");
    for (const r of table("1").rows.filter((x) => x.role === "expense_class")) {
      expect(cents(r, "预算数"), r.label).toBe(byClass(r.func_code ?? ""));
    }
    for (const r of table("2").rows.filter((x) => x.role === "expense_class")) {
      expect(cents(r, "一般公共预算"), r.label).toBe(byClass(r.func_code ?? ""));
    }
    const head = table("1-2").rows[0];
    expect(cents(table("3-1").rows[0], "合计")).toBe(cents(head, "基本支出"));
    expect(cents(table("3-2").rows[0], "金额")).toBe(cents(head, "项目支出"));
    expect(cents(table("1-1").rows[0], "合计")).toBe(cents(table("1").rows.find((r) => r.role === "income_grand_total"), "预算数"));
  });

  it("三公 = the 30217/30231 rows of 表2-1; 表6 and 表8 unit rows = Σ their items", () => {
    const econ = (code: string) => total(table("2-1").rows.filter((r) => r.econ_code === code), "合计");
    const sg = table("3-3").rows[0];
    expect(cents(sg, "公务接待费")).toBe(econ("30217"));
    expect(cents(sg, "公务用车运行费")).toBe(econ("30231"));
    expect(cents(sg, "合计")).toBe(cents(sg, "小计") + cents(sg, "公务接待费"));
    for (const [unit, budget] of Object.entries(table("6").unit_budgets ?? {})) {
      const projects = new Map(doc.performance_targets.filter((p) => p.unit === unit).map((p) => [p.project, p.budget]));
      expect(Math.round(Number(budget) * 100)).toBe([...projects.values()].reduce((a, b) => a + Math.round(Number(b) * 100), 0));
    }
    for (const [unit, sum] of Object.entries(table("8").unit_totals ?? {})) {
      const items = doc.procurement.filter((p) => p.unit === unit);
      expect(Math.round(Number(sum) * 100)).toBe(items.reduce((a, p) => a + Math.round(Number(p.amount) * 100), 0));
    }
  });
});

/** Sums read off one synthetic document's tables, by table number. */
function readings(name: string) {
  const of = tableOf(load(name));
  return {
    of,
    /** the first row (合计) of a table, in a column */
    head: (no: string, column: string) => cents(of(no).rows[0], column),
    /** a table's 项 rows whose function code starts with `cls`, summed */
    byClass: (no: string, column: string, cls: string) =>
      total(of(no).rows.filter((r) => r.row_kind === "item" && (r.func_code ?? "").startsWith(cls)), column),
    /** a two-sided table's expense row of 类 `cls` */
    expenseClass: (no: string, column: string, cls: string) =>
      cents(of(no).rows.find((r) => r.role === "expense_class" && r.func_code === cls), column),
    /** the amount on the row printed with `label` */
    line: (no: string, column: string, label: string) => cents(of(no).rows.find((r) => r.label === label), column),
    /** rows of an economic code, summed */
    econ: (no: string, column: string, code: string) => total(of(no).rows.filter((r) => r.econ_code === code), column),
  };
}
const CLASSES = ["201", "204", "205", "208", "210", "221"];

describe("synthetic sample fengxi_jgswfwzx_2026 (公开表一 … 九)", () => {
  const { of, head, byClass, expenseClass, line, econ } = readings("fengxi_jgswfwzx_2026");

  it("row identities: 合计 = 基本支出 + 项目支出 (表三, 五); 合计 = 一般公共预算拨款 = 人员 + 公用 + 项目 (表六)", () => {
    for (const no of ["3", "5"]) for (const r of of(no).rows) expect(cents(r, "合计")).toBe(cents(r, "基本支出") + cents(r, "项目支出"));
    for (const r of of("6").rows) {
      expect(cents(r, "一般公共预算拨款")).toBe(cents(r, "合计"));
      expect(cents(r, "合计")).toBe(cents(r, "人员经费") + cents(r, "公用经费") + cents(r, "项目支出"));
    }
  });

  it("表一 = 表三 = 表四 = 表五 by 类, every column of 表三 = 表五", () => {
    for (const cls of CLASSES) {
      const t3 = byClass("3", "合计", cls);
      expect(byClass("5", "合计", cls), cls).toBe(t3);
      expect(expenseClass("1", "预算数", cls), cls).toBe(t3);
      expect(expenseClass("4", "一般公共预算", cls), cls).toBe(t3);
    }
    for (const column of ["合计", "基本支出", "项目支出"]) expect(head("5", column)).toBe(head("3", column));
    expect(head("2", "合计")).toBe(head("3", "合计"));
  });

  it("表六 人员 + 公用 = 基本支出; 表七 (元) = 项目支出; 表九 = 表六 by part", () => {
    expect(head("6", "人员经费") + head("6", "公用经费")).toBe(head("3", "基本支出"));
    expect(head("6", "项目支出")).toBe(head("3", "项目支出"));
    expect(head("7", "项目金额")).toBe(head("3", "项目支出") * 10_000);
    expect(line("9", "预算数", "（一）人员经费")).toBe(head("6", "人员经费"));
    expect(line("9", "预算数", "（二）公用经费")).toBe(head("6", "公用经费"));
    expect(line("9", "预算数", "二、项目支出")).toBe(head("6", "项目支出"));
  });

  it("表八 三公 = the 30217 and 30231 rows of 表六; no 因公出国 and no car bought", () => {
    expect(line("8", "预算数", "2、公务接待费")).toBe(econ("6", "合计", "30217"));
    expect(line("8", "预算数", "（2）公务用车运行费")).toBe(econ("6", "合计", "30231"));
    expect([line("8", "预算数", "1、因公出国（境）费用"), line("8", "预算数", "其中：（1）公务用车购置费")]).toEqual([0, 0]);
  });
});

describe("synthetic sample yunxu_sfj_2026 (borderless, 表1 … 7)", () => {
  const { of, head, byClass, expenseClass, line, econ } = readings("yunxu_sfj_2026");

  it("row identities: 合计 = 人员 + 公用 + 项目 (表2), = 基本 + 项目 (表4), = 人员 + 公用 (表5)", () => {
    for (const r of of("2").rows) expect(cents(r, "合计")).toBe(cents(r, "人员经费") + cents(r, "公用经费") + cents(r, "项目支出"));
    for (const r of of("4").rows) expect(cents(r, "合计")).toBe(cents(r, "基本支出") + cents(r, "项目支出"));
    for (const r of of("5").rows) expect(cents(r, "合计")).toBe(cents(r, "人员经费") + cents(r, "公用经费"));
  });

  it("表1 = 表2 = 表3 = 表4 by 类; 表5 = 基本支出, 表6 = 项目支出, 表2 人员/公用 = 表5", () => {
    for (const cls of CLASSES) {
      const t2 = byClass("2", "合计", cls);
      expect(byClass("4", "合计", cls), cls).toBe(t2);
      expect(expenseClass("1", "预算数", cls), cls).toBe(t2);
      expect(expenseClass("3", "一般公共预算", cls), cls).toBe(t2);
    }
    expect(head("5", "合计")).toBe(head("4", "基本支出"));
    expect(head("6", "金额")).toBe(head("4", "项目支出"));
    for (const column of ["人员经费", "公用经费"]) expect(head("2", column)).toBe(head("5", column));
  });

  it("表7 三公 = the 30217 and 30231 rows of 表5", () => {
    expect(line("7", "预算数", "2、公务接待费")).toBe(econ("5", "合计", "30217"));
    expect(line("7", "预算数", "（2）公务用车运行费")).toBe(econ("5", "合计", "30231"));
  });
});

describe("synthetic samples qinglan_sfj_2026 (部门预算, 表1 … 4) and its 决算 (表1, 2)", () => {
  const budget = readings("qinglan_sfj_2026");
  const final = readings("qinglan_sfj_2026_final");
  const SANGONG_ITEMS = ["因公出国（境）费", "公务接待费", "公务用车购置及运行费"];

  it("row identities: 合计 = 基本支出 + 项目支出 ≥ 其中：人员经费 (表2); 增减 = 本年 − 上年 (表3); 三公 合计 = Σ its three items (表4, 决算 表2)", () => {
    for (const r of budget.of("2").rows) {
      expect(cents(r, "合计")).toBe(cents(r, "基本支出") + cents(r, "项目支出"));
      expect(cents(r, "其中：人员经费")).toBeLessThanOrEqual(cents(r, "基本支出"));
    }
    for (const r of budget.of("3").rows) expect(cents(r, "增减"), r.label).toBe(cents(r, "本年预算数") - cents(r, "上年预算数"));
    for (const r of [...budget.of("4").rows, ...final.of("2").rows]) {
      expect(cents(r, "合计"), r.label).toBe(SANGONG_ITEMS.reduce((a, item) => a + cents(r, item), 0));
    }
  });

  it("表1 = 表2 = 表3 本年 by 类; 表1 收入 = 支出 = 表2 合计", () => {
    for (const cls of ["204", "205", "208", "210", "221"]) {
      const t2 = budget.byClass("2", "合计", cls);
      expect(budget.byClass("3", "本年预算数", cls), cls).toBe(t2);
      expect(budget.expenseClass("1", "本年预算数", cls), cls).toBe(t2);
    }
    for (const role of ["income_grand_total", "expense_grand_total"]) {
      expect(cents(budget.of("1").rows.find((r) => r.role === role), "本年预算数"), role).toBe(budget.head("2", "合计"));
    }
  });

  it("决算 表1 年初预算数 = the budget's 表3 本年预算数 row by row; 决算数为调整预算数的% = 决算数 / 调整预算数 to the hundredth", () => {
    expect(final.of("1").rows.map((r) => r.values["年初预算数"])).toEqual(budget.of("3").rows.map((r) => r.values["本年预算数"]));
    for (const r of final.of("1").rows) {
      expect(cents(r, "决算数为调整预算数的%"), r.label).toBe(Math.round((cents(r, "决算数") / cents(r, "调整预算数")) * 10_000));
    }
  });

  it("决算 表2 预算数 = the budget's 表4 2026年预算数, column by column", () => {
    expect(final.of("2").rows.find((r) => r.label === "预算数")?.values).toEqual(budget.of("4").rows.find((r) => r.label === "2026年预算数")?.values);
  });
});
