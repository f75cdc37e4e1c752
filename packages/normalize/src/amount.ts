import type { Decimal } from "@yusuan/schema";

/** Marks printed for "nothing here" in amount cells. */
const BLANK = /^(|-|－|—|——|–|\/|－－|--|\*)$/;
const PLAIN = /^-?\d+(\.\d+)?$/;
const GROUPED = /^-?\d{1,3}(,\d{3})+(\.\d+)?$/;

export type ParsedAmount =
  | { kind: "blank" }
  | { kind: "amount"; value: Decimal }
  | { kind: "invalid"; text: string };

/**
 * Reads an amount cell exactly as printed: separators dropped, digits and decimals kept ("0.00" stays "0.00").
 * @example parseAmount("1,234.50") // { kind: "amount", value: "1234.50" }
 */
export function parseAmount(text: string): ParsedAmount {
  const t = text.replace(/\s+/g, "").replace(/，/g, ",").replace(/^[（(](.+)[)）]$/, "-$1").replace(/^－/, "-");
  if (BLANK.test(t)) return { kind: "blank" };
  if (PLAIN.test(t)) return { kind: "amount", value: t };
  if (GROUPED.test(t)) return { kind: "amount", value: t.replace(/,/g, "") };
  return { kind: "invalid", text };
}
