import type { BudgetDocument } from "@yusuan/schema";
import { sampleDocs, truthDocument } from "@yusuan/testkit";
import { describe, expect, it } from "vitest";
import { checkDocument } from "./index.js";
import { LOW_OCR_CONFIDENCE } from "./ocr-confidence.js";

/** A sample's truth as if OCR had read it: every amount with `confidence`, one of them (表1-2's first) with `doubted`. */
function readByOcr(confidence: number, doubted: number): { doc: BudgetDocument; doubtedAt: { tableNo: string; page: number; printed: string } } {
  const doc = structuredClone(truthDocument(sampleDocs().find((d) => d.name.startsWith("dazhou"))!));
  for (const t of doc.tables) for (const r of t.rows) for (const a of r.amounts) a.confidence = confidence;
  const table = doc.tables.find((t) => t.tableNo === "1-2")!;
  const amount = table.rows.find((r) => r.amounts.length)!.amounts[0]!;
  amount.confidence = doubted;
  return { doc, doubtedAt: { tableNo: "1-2", page: amount.page, printed: amount.printed ?? amount.value } };
}

describe("amounts OCR doubted", () => {
  it("are each a finding at their table and page, with the amount as read", () => {
    const { doc, doubtedAt } = readByOcr(0.99, LOW_OCR_CONFIDENCE - 0.2);
    const found = checkDocument(doc).filter((f) => f.code === "ocr_low_confidence");
    expect(found).toEqual([expect.objectContaining({ severity: "warning", tableNo: doubtedAt.tableNo, page: doubtedAt.page, actual: doubtedAt.printed })]);
  });

  it("are none where OCR was sure of every amount, or where nothing was OCR'd", () => {
    expect(checkDocument(readByOcr(0.99, LOW_OCR_CONFIDENCE).doc).filter((f) => f.code === "ocr_low_confidence")).toEqual([]);
    const text = truthDocument(sampleDocs().find((d) => d.name.startsWith("dazhou"))!);
    expect(checkDocument(text).filter((f) => f.code === "ocr_low_confidence")).toEqual([]);
  });
});
