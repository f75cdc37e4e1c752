import type { Decimal } from "@yusuan/schema";

/** Amounts as integers of 1/10000 so sums are exact (printed amounts have at most 4 decimals). */
const SCALE = 10_000;

/**
 * Parses a printed decimal into exact units of 0.0001.
 * @example toUnits("618.22") // 6182200
 */
export function toUnits(value: Decimal): number {
  const [int = "0", frac = ""] = value.replace(/^-/, "").split(".");
  const units = Number(int) * SCALE + Number((frac + "0000").slice(0, 4));
  return value.startsWith("-") ? -units : units;
}

/** Formats units back to a decimal with two places (or more where needed). */
export function fromUnits(units: number): string {
  const sign = units < 0 ? "-" : "";
  const abs = Math.abs(units);
  const int = Math.floor(abs / SCALE);
  let frac = String(abs % SCALE).padStart(4, "0").replace(/0+$/, "");
  if (frac.length < 2) frac = frac.padEnd(2, "0");
  return `${sign}${int}.${frac}`;
}

/** A difference this small is rounding in the source system (one or two cents), not an error. */
export const ROUNDING_UNITS = 0.02 * SCALE;

export type Comparison = "equal" | "rounding" | "mismatch";

/**
 * Half a unit of a printed amount's last digit, in units: what rounding to the printed digits may
 * have changed it by ("12" ± 0.5, "12.34" ± 0.005).
 * @example halfLastDigit("618.22") // 50
 */
export function halfLastDigit(value: Decimal): number {
  const decimals = value.split(".")[1]?.length ?? 0;
  return SCALE / 2 / 10 ** Math.min(decimals, 4);
}

/**
 * Half a unit of the finest digit a set of printed amounts shows: how a table was rounded. A table
 * printing 47.91 beside 0 and 25 prints to 0.01, so every amount in it is within 0.005.
 * @example finestHalfUnit(["47.91", "0", "25"]) // 50
 */
export function finestHalfUnit(values: readonly Decimal[]): number {
  return values.reduce((half, v) => Math.min(half, halfLastDigit(v)), halfLastDigit("0"));
}

/** Compares a printed total with the sum of its parts, a difference within `tolerance` units being rounding. */
export function compareUnits(printed: number, sum: number, tolerance: number = ROUNDING_UNITS): Comparison {
  const diff = Math.abs(printed - sum);
  if (diff === 0) return "equal";
  return diff <= tolerance + 1e-9 ? "rounding" : "mismatch";
}
