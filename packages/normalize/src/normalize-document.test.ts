import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { describe, expect, it } from "vitest";
import { extractDocument } from "@yusuan/extract";
import { corpusDocs, normText, samplePdfs, scoreFacts, sharedMissing, type CorpusDoc } from "@yusuan/testkit";
import type { BudgetDocument } from "@yusuan/schema";
import { createClassifier } from "./registry-classifier.js";
import { normalizeDocument } from "./normalize-document.js";

const skip = sharedMissing() !== null;
const classifier = createClassifier();
const docs = corpusDocs();
const normalized = new Map<string, Promise<BudgetDocument>>();

/** Each corpus PDF is extracted once (real pdfjs) and shared by the specifications below. */
function pipeline(corpus: CorpusDoc): Promise<BudgetDocument> {
  if (!normalized.has(corpus.name))
    normalized.set(
      corpus.name,
      extractDocument(new Uint8Array(readFileSync(corpus.pdf)), { fileName: `${corpus.name}.pdf` }).then((e) =>
        normalizeDocument(e, { sha256: corpus.name, classifier }),
      ),
    );
  return normalized.get(corpus.name)!;
}

const samples = samplePdfs();
const byName = (prefix: string) => docs.find((d) => d.name.startsWith(prefix))!;

describe.skipIf(skip)("corpus PDFs through extraction and normalization", () => {
  it.each(docs.map((d) => [d.name, d] as const))("%s: every printed amount, in the right row and column (F1 = 1)", async (_n, corpus) => {
    const score = scoreFacts(await pipeline(corpus), corpus);
    expect({ missed: score.missed.slice(0, 10), extra: score.extra.slice(0, 10) }).toEqual({ missed: [], extra: [] });
    expect(score.f1).toBe(1);
  });

  it.each(docs.map((d) => [d.name, d] as const))("%s: year, department and table units as printed", async (_n, corpus) => {
    const doc = await pipeline(corpus);
    expect(doc.fiscalYear).toBe(corpus.truth.fiscal_year);
    expect(normText(doc.department)).toBe(normText(corpus.truth.department));
    for (const t of corpus.truth.tables) expect(doc.tables.find((x) => x.tableNo === t.table_no)?.amountUnit).toBe(t.amount_unit);
  });

  it.each(docs.map((d) => [d.name, d] as const))("%s: no error-level finding, and no warning but the source's own prose typo", async (_n, corpus) => {
    const findings = (await pipeline(corpus)).findings;
    expect(findings.filter((f) => f.severity === "error")).toEqual([]);
    const warnings = findings.filter((f) => f.severity === "warning").map((f) => f.actual);
    // 乐山 states 财政拨款收支预算总数 294.82 (and its 比上年 change) where every table prints 294.28
    expect(warnings).toEqual(corpus.name.startsWith("leshan") ? ["294.82", "2.47"] : []);
  });

  it.each(samples.map((path) => [basename(path), path] as const))("sample %s: loads clean (no error-level finding)", async (file, path) => {
    const extracted = await extractDocument(new Uint8Array(readFileSync(path)), { fileName: file });
    const doc = normalizeDocument(extracted, { sha256: file, classifier });
    expect(doc.findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(doc.tables.length).toBeGreaterThanOrEqual(13);
  });

  it.each(docs.filter((d) => (d.truth.procurement ?? []).length > 0).map((d) => [d.name, d] as const))(
    "%s: 表8 政府采购 items as printed",
    async (_n, corpus) => {
      const got = (await pipeline(corpus)).procurement.map((p) => [normText(p.unit), normText(p.item), p.quantity, p.amount, p.sme].join("|"));
      const want = corpus.truth.procurement!.map((p) => [normText(p.unit), normText(p.item), p.quantity, p.amount, p.sme].join("|"));
      expect(got).toEqual(want);
    },
  );

  it.each(docs.filter((d) => (d.truth.performance_targets ?? []).length > 0).map((d) => [d.name, d] as const))(
    "%s: 表6 绩效目标 indicators with their project, budget and goal",
    async (_n, corpus) => {
      const key = (p: Record<string, string | null>) =>
        [p.unit, p.project, p.budget, p.goal, p.level1, p.level2, p.level3, p.operator, p.value, p.measure_unit ?? p.measureUnit, p.weight, p.direction]
          .map((v) => normText(v ?? ""))
          .join("|");
      const got = (await pipeline(corpus)).performanceTargets.map((p) => key(p as unknown as Record<string, string | null>));
      const want = corpus.truth.performance_targets!.map(key);
      expect(got.filter((g) => !want.includes(g)).slice(0, 3)).toEqual([]);
      expect(got).toHaveLength(want.length);
    },
  );

  it("达州: 2101101 printed as 行政事业单位医疗 is reported as a name mismatch", async () => {
    const doc = await pipeline(byName("dazhou"));
    const mismatch = doc.findings.find((f) => f.code === "name_differs" && f.actual === "行政事业单位医疗");
    expect(mismatch).toMatchObject({ expected: "行政单位医疗", tableNo: "1-2" });
  });

  it("乐山: the prose's 294.82 is reported against 表2's 294.28 with both pages", async () => {
    const doc = await pipeline(byName("leshan"));
    const typo = doc.findings.find((f) => f.code === "prose_mismatch" && f.actual === "294.82");
    expect(typo).toMatchObject({ expected: "294.28", tableNo: "2" });
    expect(typo!.message).toMatch(/p\.\d+.*表2.*p\.9/);
  });
});
