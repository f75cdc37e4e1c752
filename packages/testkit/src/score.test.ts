import { describe, expect, it } from "vitest";
import { corpusDocs, sharedMissing, truthDocument, truthFacts } from "./index.js";
import { scoreFacts } from "./score.js";

describe.skipIf(sharedMissing() !== null)("scoreFacts, keyed as ../shared/tools/score-facts keys facts", () => {
  const docs = corpusDocs({ includeScanned: true });

  it.each(docs.map((d) => [d.name, d] as const))("%s: the truth scores F1 = 1 against its own facts.csv", (_n, corpus) => {
    expect(scoreFacts(truthDocument(corpus), corpus)).toMatchObject({ f1: 1, missed: [], extra: [] });
  });

  it.each(docs.map((d) => [d.name, d] as const))("%s: truthFacts of the truth are the facts.csv", (_n, corpus) => {
    const line = (f: (typeof corpus.facts)[number]) => Object.values({ ...f, row_index: String(f.row_index) }).join("|");
    expect(truthFacts(corpus.truth).map(line).sort()).toEqual(corpus.facts.map(line).sort());
  });

  it("a misread amount costs one missed and one extra fact", () => {
    const corpus = docs[0]!;
    const doc = truthDocument(corpus);
    const amount = doc.tables.flatMap((t) => t.rows).find((r) => r.amounts.length > 0)!.amounts[0]!;
    amount.value = `${amount.value}9`;
    const score = scoreFacts(doc, corpus);
    expect([score.missed.length, score.extra.length]).toEqual([1, 1]);
    expect(score.f1).toBeLessThan(1);
  });
});
