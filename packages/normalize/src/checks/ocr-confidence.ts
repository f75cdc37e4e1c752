import type { BudgetDocument, Finding } from "@yusuan/schema";

/**
 * Below this confidence (the engine's, in its least sure character) an OCR'd amount is reported: read
 * right, PP-OCR's digits score above 0.97; a smudged or broken digit falls well under this.
 */
export const LOW_OCR_CONFIDENCE = 0.9;

/**
 * Amounts read by OCR whose reading the engine doubted, one finding each at its table and page: the
 * document's own sums check every amount, these say which ones to look at first.
 * @example lowConfidenceAmounts(doc) // [{ code: "ocr_low_confidence", tableNo: "3", page: 9, actual: "113.66", … }]
 */
export function lowConfidenceAmounts(doc: BudgetDocument): Finding[] {
  return doc.tables.flatMap((table) =>
    table.rows.flatMap((row) =>
      row.amounts
        .filter((a) => a.confidence !== undefined && a.confidence < LOW_OCR_CONFIDENCE)
        .map((a) => ({
          code: "ocr_low_confidence" as const,
          severity: "warning" as const,
          message: `${row.label || "a row"} / ${a.measure}: OCR read ${a.printed ?? a.value} with confidence ${a.confidence!.toFixed(2)}`,
          tableNo: table.tableNo,
          page: a.page,
          expected: null,
          actual: a.printed ?? a.value,
        })),
    ),
  );
}
