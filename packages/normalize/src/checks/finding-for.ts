import type { Finding, FindingCode } from "@yusuan/schema";
import { compareUnits, fromUnits } from "./money.js";

export interface Discrepancy {
  code: Extract<FindingCode, "sum_mismatch" | "row_sum_mismatch" | "cross_table_mismatch" | "prose_mismatch">;
  message: string;
  tableNo: string | null;
  page: number | null;
  printed: number;
  expected: number;
  /** the largest difference rounding to the printed digits explains, in units (default: two cents) */
  tolerance?: number;
}

/**
 * A finding where a printed number and the sum it should equal differ: rounding (within the
 * tolerance, by default 0.02) is `info`,
 * anything larger an `error`; equal numbers give none.
 * @example discrepancy({ code: "sum_mismatch", message: "合计 ≠ Σ 单位", tableNo: "1-2", page: 7, printed: 1, expected: 2 })
 */
export function discrepancy(d: Discrepancy, severity: "error" | "warning" = "error"): Finding[] {
  const verdict = compareUnits(d.printed, d.expected, d.tolerance);
  if (verdict === "equal") return [];
  return [
    {
      code: verdict === "rounding" ? "rounding" : d.code,
      severity: verdict === "rounding" ? "info" : severity,
      message: verdict === "rounding" ? `${d.message} (a rounding difference)` : d.message,
      tableNo: d.tableNo,
      page: d.page,
      expected: fromUnits(d.expected),
      actual: fromUnits(d.printed),
    },
  ];
}
