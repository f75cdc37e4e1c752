import type { Code } from "@yusuan/schema";

const digits = (s: string | null | undefined) => (s ?? "").replace(/\s+/g, "");

/**
 * Joins split 类 | 款 | 项 cells into one code; blank 款/项 on parent rows give a 类 or 款 code; a
 * one-digit part is read with its leading zero.
 * @example joinCodeParts("208", "01", "50") // "2080150"
 */
export function joinCodeParts(cls: string | null, kuan: string | null, xiang: string | null): Code | null {
  // a 款 or 项 part printed without its leading zero ("301 | 2" for 30102) is still that part
  const part = (s: string | null) => digits(s).replace(/^(\d)$/, "0$1");
  const c = digits(cls);
  const k = part(kuan);
  const x = part(xiang);
  if (!/^\d{3}$/.test(c)) return null;
  if (!k) return c;
  if (!/^\d{2}$/.test(k)) return null;
  if (!x) return c + k;
  return /^\d{2}$/.test(x) ? c + k + x : null;
}

/**
 * Reads a code printed in one cell: joined (2080150), spaced (208 01 50) or bracketed ([2080150]).
 * @example parseJoinedCode("208 01 50") // "2080150"
 */
export function parseJoinedCode(text: string | null): Code | null {
  const t = (text ?? "").replace(/[[\]【】]/g, "").trim();
  if (/^\d{3}(\d{2}){0,2}$/.test(t)) return t;
  const m = /^(\d{3})(?:[\s|]+(\d{2}))?(?:[\s|]+(\d{2}))?$/.exec(t);
  return m ? joinCodeParts(m[1]!, m[2] ?? null, m[3] ?? null) : null;
}

/**
 * Splits a label that carries its own code: "2080150 事业运行", "[30101]基本工资", "208 01 50 事业运行".
 * @example splitCodedLabel("[2080150]事业运行") // { code: "2080150", label: "事业运行" }
 */
export function splitCodedLabel(text: string): { code: Code; label: string } | null {
  // the label must start with a word, so "618.22" is an amount, not code 618 with label ".22"
  const m = /^[[【]?(\d{3}(?:\s?\d{2}){0,2})[\]】]?\s*[-－、.．:：]?\s*([^\d\s.．,，、:：\-－%_＿].*)$/s.exec(text.trim());
  if (!m) return null;
  const code = parseJoinedCode(m[1]!);
  return code ? { code, label: m[2]!.trim() } : null;
}
