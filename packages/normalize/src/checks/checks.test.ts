import { describe, expect, it } from "vitest";
import { corpusDocs, sharedMissing, truthDocument } from "@yusuan/testkit";
import type { BudgetDocument, LineItem } from "@yusuan/schema";
import { checkDocument, checkPerformanceBudgets } from "./index.js";
import { withParents } from "../rows/hierarchy.js";
import { isTwoSided } from "../table-kind.js";

const skip = sharedMissing() !== null;
const docs = corpusDocs({ includeScanned: true });

/** A corpus truth document with the parents its rows' codes and kinds give them, as normalization stores them. */
function truthDocumentWithParents(corpus: Parameters<typeof truthDocument>[0]): BudgetDocument {
  const doc = truthDocument(corpus);
  return { ...doc, tables: doc.tables.map((t) => (isTwoSided(t.kind) || t.rows.some((r) => r.side !== null) ? t : { ...t, rows: withParents(t.rows) })) };
}
const errors = (doc: BudgetDocument) => checkDocument(doc).filter((f) => f.severity === "error");

/** A copy of a document with one change made to one table. */
function altered(doc: BudgetDocument, tableNo: string, change: (rows: LineItem[]) => LineItem[]): BudgetDocument {
  const copy = structuredClone(doc);
  const table = copy.tables.find((t) => t.tableNo === tableNo)!;
  table.rows = change(table.rows);
  return copy;
}

/** Adds 1.00 to one printed amount, as a misread digit would. */
function bump(rows: LineItem[], pick: (r: LineItem) => boolean): LineItem[] {
  const row = rows.find((r) => pick(r) && r.amounts.length > 0)!;
  const a = row.amounts[0]!;
  a.value = (Number(a.value) + 1).toFixed(2);
  return rows;
}

describe.skipIf(skip)("checks on the corpus ground truth", () => {
  it.each(docs.map((d) => [d.name, d] as const))("%s: a correct document raises no error", (_name, corpus) => {
    expect(errors(truthDocumentWithParents(corpus)).map((f) => `${f.tableNo} ${f.message} ${f.expected}/${f.actual}`)).toEqual([]);
  });

  it("达州: the source system's 0.01 rounding in 表3-1 人员经费 is reported as rounding, not as an error", () => {
    const dazhou = docs.find((d) => d.name.startsWith("dazhou"))!;
    const rounding = checkDocument(truthDocumentWithParents(dazhou)).filter((f) => f.code === "rounding" && f.tableNo === "3-1");
    expect(rounding.some((f) => f.expected === "565.68" && f.actual === "565.69")).toBe(true);
  });

  describe.each(docs.filter((d) => !d.truth.scanned).map((d) => [d.name, d] as const))("%s: a single wrong number is caught", (_name, corpus) => {
    const doc = truthDocumentWithParents(corpus);
    const tables = doc.tables.filter((t) => !t.empty && t.rows.some((r) => r.amounts.length > 0) && t.kind !== "项目绩效目标表" && t.kind !== "政府采购表");
    it.each(tables.map((t) => [t.tableNo!] as const))("表%s: one item amount changed", (tableNo) => {
      const wrong = altered(doc, tableNo, (rows) => bump(rows, (r) => r.rowKind === "item" || (r.rowKind === "unit" && r.level === "unit")));
      expect(errors(wrong).length).toBeGreaterThan(0);
    });
    it.each(tables.filter((t) => t.rows.filter((r) => r.rowKind === "item" && r.amounts.length > 0).length > 0).map((t) => [t.tableNo!] as const))(
      "表%s: one item row dropped",
      (tableNo) => {
        const wrong = altered(doc, tableNo, (rows) => {
          const i = rows.findIndex((r) => r.rowKind === "item" && r.amounts.some((a) => Number(a.value) !== 0));
          return rows.filter((_, j) => j !== i);
        });
        expect(errors(wrong).length).toBeGreaterThan(0);
      },
    );
  });
});

/** A 表6 indicator of a project 表3-2 lists, with its 预算数 printed (达州's 表3-2 is empty: none). */
function listedTarget(doc: BudgetDocument): BudgetDocument["performanceTargets"][number] | undefined {
  const projects = new Set(doc.tables.find((t) => t.tableNo === "3-2")!.rows.map((r) => r.label));
  return doc.performanceTargets.find((t) => projects.has(t.project) && t.budget !== null);
}

describe.skipIf(skip)("表6 project budgets against 表3-2", () => {
  const withTargets = docs.filter((d) => (d.truth.performance_targets ?? []).length > 0);

  it.each(withTargets.map((d) => [d.name, d] as const))("%s: every project's 预算数 agrees with its 表3-2 amount", (_n, corpus) => {
    expect(checkPerformanceBudgets(truthDocument(corpus))).toEqual([]);
  });

  it.each(withTargets.filter((d) => listedTarget(truthDocument(d))).map((d) => [d.name, d] as const))(
    "%s: a project's 预算数 changed away from its 表3-2 amount is reported",
    (_n, corpus) => {
      const wrong = truthDocument(corpus);
      const { project, budget } = listedTarget(wrong)!;
      for (const t of wrong.performanceTargets) if (t.project === project) t.budget = (Number(budget) + 10).toFixed(2);
      expect(checkPerformanceBudgets(wrong).map((f) => f.code)).toContain("cross_table_mismatch");
    },
  );
});
