/** Leading ordinals such as 一、 （三） 1. and 其中： that templates print before labels. */
const ORDINAL = /^(?:[（(]?[一二三四五六七八九十百]+[)）、.．,，]|[（(]?\d+[)）、.．,，]|其中[:：]?)+/;

/** A label with white space removed, as stored ("合 计" → "合计"). */
export const compact = (s: string) => s.replace(/\s+/g, "");

/**
 * A unit listed with its code before its name ("106_长沙市公安局"): the code and the unit's own name.
 * @example splitUnitCode("106_长沙市公安局") // { code: "106", own: "长沙市公安局" }
 */
export function splitUnitCode(name: string): { code: string | null; own: string } {
  const m = /^(\d{3,})[_\-－]+(.+)$/.exec(name);
  return m ? { code: m[1]!, own: m[2]! } : { code: null, own: name };
}

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
