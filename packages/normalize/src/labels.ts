/** Leading ordinals such as 一、 （三） 1. and 其中： that templates print before labels. */
const ORDINAL = /^(?:[（(]?[一二三四五六七八九十百]+[)）、.．,，]|[（(]?\d+[)）、.．,，]|其中[:：]?)+/;

/** A label with white space removed, as stored ("合 计" → "合计"). */
export const compact = (s: string) => s.replace(/\s+/g, "");

/**
 * A label reduced for matching: no white space, no ordinal, half-width brackets unified.
 * @example labelKey("八、社会保障和就业支出") // "社会保障和就业支出"
 */
export function labelKey(s: string): string {
  return compact(s).replace(ORDINAL, "").replace(/\(/g, "（").replace(/\)/g, "）");
}

/** 合计 / 总计 rows and their two-sided variants (本年收入合计, 支出总计 …). */
export function isTotalLabel(s: string): boolean {
  const k = labelKey(s);
  return /^(合计|总计)$/.test(k) || /(合计|总计)$/.test(k) || /^(本年收入|本年支出)$/.test(k);
}
