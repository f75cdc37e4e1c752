import type { AmountUnit } from "./budget.js";

/**
 * Exact amounts: every printed amount as an integer number of 分 (0.01 元), the unit in which both
 * 元 with two decimals and 万元 with six decimals are whole, and in 万元 as an exact decimal string.
 * Integer sums in SQL are exact; REAL sums of 843887.51 are not.
 */

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/** Decimal places that make one unit a whole number of 分. */
const FEN_PLACES: Readonly<Record<AmountUnit, number>> = { 元: 2, 万元: 6 };

/**
 * A printed decimal in 分, or null where it prints more decimals than a 分 (then no integer is exact).
 * @example toFen("1234.56", "元") // 123456n; toFen("0.000001", "万元") // 1n
 */
export function toFen(value: string, unit: AmountUnit): bigint | null {
  const m = DECIMAL.exec(value);
  if (!m) return null;
  const places = FEN_PLACES[unit];
  const fraction = (m[3] ?? "").replace(/0+$/, "");
  if (fraction.length > places) return null;
  const fen = BigInt(m[2]! + fraction.padEnd(places, "0"));
  return m[1] === "-" ? -fen : fen;
}

/**
 * A printed decimal converted to 万元 exactly, by moving the decimal point (no binary rounding).
 * @example toWan("96282213.44", "元") // "9628.221344"; toWan("33,172.15", "万元") // "33172.15"
 */
export function toWan(value: string, unit: AmountUnit): string {
  const plain = value.replace(/,/g, "");
  if (unit === "万元") return plain;
  const m = DECIMAL.exec(plain);
  if (!m) throw new Error(`not a decimal: ${JSON.stringify(value)}`);
  const digits = (m[2]! + (m[3] ?? "")).padStart(5 + (m[3] ?? "").length, "0");
  const point = digits.length - (m[3] ?? "").length - 4;
  const whole = digits.slice(0, point).replace(/^0+(?=\d)/, "");
  const fraction = digits.slice(point).replace(/0+$/, "");
  return `${m[1]}${whole}${fraction ? `.${fraction}` : ""}`;
}
