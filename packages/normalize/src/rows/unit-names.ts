import type { ProseSection } from "@yusuan/schema";
import { labelKey } from "../labels.js";

/** An organisation's name: what a unit row prints. */
export const UNIT_NAME = /(局|厅|委|委员会|办|办公室|中心|站|所|院|馆|队|校|学校|园|处|室|会|部|署|社|台|场|团|街道|政府|镇|乡|机关)(（本级）|本级)?$/;

/** "从预算单位构成看，…包括：A（本级）、B和C。" — the list after 包括 in the paragraph on 单位构成. */
const LISTING = /单位构成[^。]*?包括[:：]?([^。]+)/g;

/**
 * The units the prose (部门/单位构成) names: what a row of a table may be called when it stands for
 * one of them, beside the units the tables list with codes.
 * @example unitsNamedInProse([{ heading: "…", page: 3, text: "…预算单位共 2 家，包括：江苏省高级人民法院机关（本级）、徐州铁路运输法院。" }]) // ["江苏省高级人民法院机关（本级）", "徐州铁路运输法院"]
 */
export function unitsNamedInProse(prose: readonly ProseSection[]): string[] {
  const names: string[] = [];
  for (const { text } of prose)
    for (const m of text.replace(/\s+/g, "").matchAll(LISTING))
      for (const piece of m[1]!.split(/[、；;，,]|和|及/)) {
        // "杭州市气象局本级决算（行政单位）": what kind of unit it is, and the word 预算/决算, are no part of its name
        const name = piece.replace(/^\d+[.．、]/, "").replace(/[（(](行政|事业|参公)[^）)]*[）)]/g, "").replace(/(预算|决算)$/, "");
        // "杭州市气象服务中心（杭州市预警信息发布中心）": a second name in brackets
        const own = name.replace(/[（(][^）)]+[）)]$/, (m) => (/本级/.test(m) ? m : ""));
        if (own.length >= 3 && own.length <= 40 && UNIT_NAME.test(labelKey(own))) names.push(own);
      }
  return names;
}
