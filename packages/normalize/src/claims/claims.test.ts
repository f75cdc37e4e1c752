import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { corpusDocs, sharedDir, sharedMissing, truthDocument } from "@yusuan/testkit";
import type { BudgetDocument } from "@yusuan/schema";
import { checkClaims, readClaims } from "./index.js";

const skip = sharedMissing("reference/seeds") !== null;

/** The seeds are the real documents' text: their 情况说明 is the prose the claims are read from. */
function seedProse(file: string) {
  const text = readFileSync(join(sharedDir()!, "reference/seeds", file), "utf8");
  const start = text.search(/收支预算情况说明|收支预算总数/);
  return [{ heading: "第三部分 情况说明", page: 25, text: text.slice(Math.max(0, start - 200)) }];
}

describe.skipIf(skip)("prose claims (情况说明) against the tables", () => {
  it("reads the amounts the prose states with the words that name them", () => {
    const claims = readClaims(seedProse("001_e5a2d3b2704d31ea.txt"));
    const subjects = claims.map((c) => `${c.subject}=${c.value}`);
    expect(subjects).toContain("收支预算总数=294.28");
    expect(subjects).toContain("财政拨款收支预算总数=294.82");
    expect(subjects).toContain("基本支出=166.48");
    expect(subjects).toContain("人员经费=134.26");
  });

  it("乐山: the prose's 财政拨款收支预算总数 294.82 is reported against 表2's 294.28, with both pages", () => {
    const leshan = truthDocument(corpusDocs().find((d) => d.name.startsWith("leshan"))!);
    const findings = checkClaims(leshan, readClaims(seedProse("001_e5a2d3b2704d31ea.txt")));
    const typo = findings.find((f) => f.code === "prose_mismatch" && f.actual === "294.82");
    expect(typo).toMatchObject({ expected: "294.28", tableNo: "2", page: 25 });
    expect(typo!.message).toMatch(/p\.25.*p\.9/);
  });

  it("达州: every stated amount agrees with the tables", () => {
    const dazhou = truthDocument(corpusDocs().find((d) => d.name.startsWith("dazhou"))!);
    const claims = readClaims(seedProse("000_338a5bc403b8d88f.txt"));
    expect(claims.length).toBeGreaterThan(5);
    expect(checkClaims(dazhou, claims).filter((f) => f.code === "prose_mismatch")).toEqual([]);
  });

  it("a 类 the prose names in quotes is checked against its row in 表1 and 表2", () => {
    const leshan = truthDocument(corpusDocs().find((d) => d.name.startsWith("leshan"))!);
    const t1 = leshan.tables.find((t) => t.kind === "部门收支总表")!;
    const cls = t1.rows.find((r) => r.side === "expense" && r.rowKind === "class" && r.amounts.length > 0)!;
    const claim = { subject: `“${cls.label}”`, value: "99999.99", unit: t1.amountUnit!, page: 25, sentence: `“${cls.label}”99999.99` } as const;
    expect(checkClaims(leshan, [claim])).toContainEqual(expect.objectContaining({ code: "prose_mismatch", actual: "99999.99", tableNo: "1" }));
  });

  it("reads the share stated after an amount and checks it against the amounts it divides", () => {
    const claims = readClaims(seedProse("001_e5a2d3b2704d31ea.txt"));
    expect(claims.filter((c) => c.unit === "%").map((c) => `${c.subject}=${c.value}`)).toContain("基本支出=56.57");
    const leshan = truthDocument(corpusDocs().find((d) => d.name.startsWith("leshan"))!);
    expect(checkClaims(leshan, claims).filter((f) => / is [\d.]+% of /.test(f.message))).toEqual([]);
    const wrong = claims.map((c) => (c.unit === "%" && c.subject === "基本支出" ? { ...c, value: "65.57" } : c));
    const found = checkClaims(leshan, wrong).find((f) => f.actual === "65.57");
    expect(found).toMatchObject({ code: "prose_mismatch", expected: "56.57" });
  });
});

describe("shares stated in the prose", () => {
  const doc: BudgetDocument = {
    ...{ fileName: "a.pdf", sha256: "", fiscalYear: 2026, region: null, department: null, docKind: null, pageCount: 1, edition: null },
    ...{ pages: [], units: [], tables: [], performanceTargets: [], procurement: [], prose: [], claims: [], findings: [] },
  };
  const prose = (text: string) => [{ heading: "第三部分 情况说明", page: 4, text }];

  it("pairs each share with the amount just before it, a 类 named with （类） keeping its name", () => {
    const text = "科学技术（类）支出 28.00 万元，占 0.5%；社会保障和就业（类）支出 396.67 万元，占 6.9%；卫生健康（类）支出 80.52 万元，占 1.4%；自然资源海洋气象等（类）支出 5,247.87 万元，占 91.2%。";
    const claims = readClaims(prose(text));
    expect(claims.filter((c) => c.unit === "万元").map((c) => c.subject)).toEqual(["科学技术支出", "社会保障和就业支出", "卫生健康支出", "自然资源海洋气象等支出"]);
    expect(checkClaims(doc, claims)).toEqual([]);
  });

  it("still reports a share that its amounts do not give", () => {
    const text = "支出主要用于：一般公共服务支出（类）2106.66万元，占71.73%；社会保障和就业支出（类）326.72万元，占11.11%；卫生健康支出（类）60.99万元，占2.07%；住房保障支出（类）445.69万元，占15.16%。";
    const findings = checkClaims(doc, readClaims(prose(text)));
    expect(findings.map((f) => [f.actual, f.expected])).toEqual([["71.73", "71.65"]]);
  });
});
