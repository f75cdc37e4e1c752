import { z } from "zod";

/**
 * What went wrong or looks wrong, from any stage: extraction warnings, classification mismatches
 * and consistency checks share one shape so the CLI prints and SQLite stores them alike.
 */
export const FindingCode = z.enum([
  // extraction
  "no_text_layer", // 扫描件: pages without a text layer, OCR needed
  "missing_tounicode", // glyphs that cannot be mapped to text
  "garbled_text", // text that decodes to characters the page does not show (a damaged font or ToUnicode map)
  "table_not_found", // a table the 目录 or template promises was not found
  "table_unreadable", // a table was found but its grid could not be rebuilt
  "unparsed_amount", // a cell in an amount column that is not a number
  "ocr_low_confidence", // an amount OCR read with a character it was unsure of: compare it with the page
  // classification
  "name_differs", // printed name ≠ official name of the code
  "unknown_code", // code not in the registry edition
  "code_name_inconsistent", // the printed name belongs to another code
  "local_extension", // a 7-digit local economic sub-code under an official 款
  // consistency
  "sum_mismatch", // a total ≠ the sum of its parts
  "row_sum_mismatch", // a row's 合计 ≠ the sum of its columns
  "cross_table_mismatch", // the same money differs between two tables
  "prose_mismatch", // a number in 情况说明 differs from the tables
  "execution_rate_mismatch", // a printed 完成率 ≠ 决算数 / 预算数 of its row beyond the printed rounding
  "rounding", // a difference explained by rounding to the printed digits
  "structure_uncertain", // most sums of a table fail as read: the reading, not the document, is in doubt
]);
export type FindingCode = z.infer<typeof FindingCode>;

export const Severity = z.enum(["error", "warning", "info"]);
export type Severity = z.infer<typeof Severity>;

/**
 * One finding. `expected`/`actual` are decimal strings where numbers are compared.
 * @example { code: "sum_mismatch", severity: "error", message: "合计 ≠ Σ rows", tableNo: "3", page: 10, expected: "618.22", actual: "618.21" }
 */
export const Finding = z.object({
  code: FindingCode,
  severity: Severity,
  message: z.string(),
  tableNo: z.string().nullable().default(null),
  page: z.number().int().positive().nullable().default(null),
  expected: z.string().nullable().default(null),
  actual: z.string().nullable().default(null),
});
export type Finding = z.infer<typeof Finding>;

/** Prints a finding for people, the same way in every command. */
export function formatFinding(f: Finding): string {
  const where = [f.tableNo ? `表${f.tableNo}` : null, f.page ? `p.${f.page}` : null].filter(Boolean).join(" ");
  const numbers = f.expected !== null || f.actual !== null ? ` (expected ${f.expected ?? "—"}, printed ${f.actual ?? "—"})` : "";
  return `[${f.severity}] ${f.code}${where ? ` ${where}` : ""}: ${f.message}${numbers}`;
}
