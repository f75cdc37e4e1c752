import { corpusDocs, sharedMissing } from "@yusuan/testkit";
import { describe, expect, it } from "vitest";
import { loadRegistry } from "./load-registry.js";

const registry = loadRegistry();

describe("classCodeByName", () => {
  it("reads 类 names with ordinals, spaces and line wraps", () => {
    expect(registry.classCodeByName("八、社会保障和就业支出", 2025)).toBe("208");
    expect(registry.classCodeByName("文化旅游体育与传媒支出", 2025)).toBe("207");
    expect(registry.classCodeByName("社 会 保 障 和 就 业 支 出", 2025)).toBe("208");
    expect(registry.classCodeByName("十九、自然资源海洋气象等\n支出", 2025)).toBe("220");
    expect(registry.classCodeByName("（二十八）抗疫特别国债安排的支出", 2025)).toBe("234");
  });

  it("reads a name of another edition and a name without its final 支出", () => {
    expect(registry.classCodeByName("文化体育与传媒支出", 2025)).toBe("207");
    expect(registry.classCodeByName("医疗卫生与计划生育支出", 2018)).toBe("210");
    expect(registry.classCodeByName("卫生健康", 2025)).toBe("210");
  });

  it("returns null for totals and 款 names", () => {
    expect(registry.classCodeByName("本年支出合计", 2025)).toBeNull();
    expect(registry.classCodeByName("行政事业单位养老支出", 2025)).toBeNull();
  });
});

describe.skipIf(sharedMissing())("classCodeByName on the corpus", () => {
  const rows = corpusDocs({ includeScanned: true }).flatMap((doc) =>
    doc.truth.tables.flatMap((t) =>
      (t.rows ?? [])
        .filter((r) => r.side === "expense" && r.func_code?.length === 3)
        .map((r) => ({ where: `${doc.name} 表${t.table_no}`, year: doc.truth.fiscal_year, label: r.label, code: r.func_code })),
    ),
  );

  it("maps every 表1/表2 expense 类 label to its code", () => {
    expect(rows.length).toBeGreaterThan(250);
    const wrong = rows.filter((r) => registry.classCodeByName(r.label, r.year) !== r.code);
    expect(wrong).toEqual([]);
  });
});
