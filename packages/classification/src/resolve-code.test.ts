import { corpusDocs, sharedMissing } from "@yusuan/testkit";
import { describe, expect, it } from "vitest";
import { loadRegistry } from "./load-registry.js";

const registry = loadRegistry();

describe("resolveCode", () => {
  it("matches a code printed with its official name, brackets and wraps aside", () => {
    const r = registry.resolveCode("econ_dept", "30213", "维修(护)\n费", 2025);
    expect(r).toMatchObject({ status: "matched", officialName: "维修（护）费", classCode: "302", kuanCode: "30213" });
    expect(r.nameConfirmed).toBe(true);
  });

  it("flags a printed name that differs from a printed-confirmed official name", () => {
    const r = registry.resolveCode("func", "2101101", "行政事业单位医疗", 2025);
    expect(r).toMatchObject({ status: "name_differs", officialName: "行政单位医疗", suggestedCode: null });
  });

  it("names the sibling code whose official name was printed (sequential numbering)", () => {
    expect(registry.resolveCode("econ_dept", "30202", "咨询费", 2024)).toMatchObject({
      status: "inconsistent",
      officialName: "印刷费",
      suggestedCode: "30203",
    });
    expect(registry.resolveCode("econ_dept", "30301", "退休费", 2024).suggestedCode).toBe("30302");
  });

  it("never raises an alarm against a name only known from the standard classification", () => {
    const entry = registry.lookup("func", "2070104", 2025);
    expect(entry?.source).toBe("standard");
    const r = registry.resolveCode("func", "2070104", "公共图书馆", 2025);
    expect(r).toMatchObject({ status: "matched", officialName: entry?.name, nameConfirmed: false });
  });

  it("resolves against the edition of the fiscal year", () => {
    expect(registry.resolveCode("func", "20805", "行政事业单位离退休", 2019).status).toBe("matched");
    expect(registry.resolveCode("func", "20805", "行政事业单位离退休", 2025)).toMatchObject({
      status: "name_differs",
      officialName: "行政事业单位养老支出",
      edition: 2025,
    });
  });

  it("recognises 7-digit local economic sub-codes under an official 款, and nothing else as such", () => {
    expect(registry.resolveCode("econ_dept", "3010201", "地方津贴补贴", 2025)).toMatchObject({
      status: "local_extension",
      officialName: null,
      kuanCode: "30102",
    });
    expect(registry.resolveCode("econ_dept", "3029101", "某费", 2025).status).toBe("unknown_code");
    expect(registry.resolveCode("func", "2080197", "某事务", 2025).status).toBe("unknown_code");
    expect(registry.resolveCode("econ_dept", "30210", "车辆运行费", 2024)).toMatchObject({
      status: "unknown_code",
      officialName: null,
      nameConfirmed: null,
    });
  });
});

describe.skipIf(sharedMissing())("resolveCode on the corpus truth", () => {
  // 表3-2 item rows carry the 项 code they are funded under beside a project name, not a 科目 name.
  const rows = corpusDocs({ includeScanned: true }).flatMap((doc) =>
    doc.truth.tables.flatMap((t) =>
      (t.rows ?? [])
        .filter((r) => !(t.table_no === "3-2" && r.row_kind === "item"))
        .flatMap((r) =>
          [
            { system: "func" as const, code: r.func_code },
            { system: "econ_dept" as const, code: r.econ_code },
          ]
            .filter((c): c is { system: "func" | "econ_dept"; code: string } => c.code !== null)
            .map((c) => ({ doc: doc.name, table: t.table_no, year: doc.truth.fiscal_year, label: r.label, ...c })),
        ),
    ),
  );
  const expected = (r: (typeof rows)[number]) =>
    r.doc.startsWith("dazhou") && r.code === "2101101"
      ? "name_differs" // the reproduction keeps the source's label 行政事业单位医疗
      : r.system === "econ_dept" && r.code.length === 7
        ? "local_extension"
        : "matched";

  it("matches every coded row but the dazhou 2101101 label, and finds the local sub-codes", () => {
    expect(rows.length).toBeGreaterThan(800);
    const wrong = rows
      .map((r) => ({ ...r, status: registry.resolveCode(r.system, r.code, r.label, r.year).status }))
      .filter((r) => r.status !== expected(r));
    expect(wrong).toEqual([]);
    expect(rows.filter((r) => expected(r) === "name_differs").length).toBeGreaterThan(0);
    expect(rows.filter((r) => expected(r) === "local_extension").length).toBeGreaterThan(30);
  });

  it("confirms by print every 科目 the two reproductions of real documents match", () => {
    const real = rows.filter((r) => /^(dazhou|leshan)/.test(r.doc) && expected(r) === "matched");
    const unconfirmed = real.filter((r) => !registry.resolveCode(r.system, r.code, r.label, r.year).nameConfirmed);
    expect(unconfirmed).toEqual([]);
  });
});
