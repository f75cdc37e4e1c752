import type { DocKind, DocumentMeta, ExtractedTable } from "@yusuan/schema";
import type { Line } from "./lines.js";
import { squeeze } from "./grid-parts.js";
import { PAGE_NO } from "./preamble.js";

/** "达州市…中心2025年部门预算", "2026年广州市统计局部门预算": name before or after the year. */
const COVER = /^(.*?)((?:19|20)\d{2})年度?(?:[省市县区]级)?(.{0,30}?)(部门|单位)?(预算|决算)/;
/** "预算主管部门：上海市普陀区司法局" under a cover that names only the region. */
const NAMED = /^(?:预算主管部门|预算单位|部门名称|单位名称|编制部门|编制单位)[:：](.+)$/;
const REGION = /^(?:[^省]{2,7}?(?:省|自治区))?(?:[^市]{1,8}?市)?(?:[^县区旗]{1,8}?(?:县|区|旗))?/;


/** The administrative region a department name begins with: 省, 市, 县/区 parts, e.g. "上海市普陀区". */
export function regionOf(department: string): string | null {
  const m = REGION.exec(department.replace(/^中共/, ""));
  return m && m[0] && m[0] !== department ? m[0] : null;
}

function mostCommon(values: readonly (string | null)[]): string | null {
  const counts = new Map<string, number>();
  for (const v of values) if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

/**
 * Reads fiscal year, department, region and kind from the cover (the first page whose lines name
 * "YYYY年部门预算"), falling back to the 部门 line printed above the tables.
 * @example readMeta(linesByPage, tables); // { fiscalYear: 2025, department: "…中心", region: "达州市", docKind: "部门预算", … }
 */
export function readMeta(pages: readonly Line[][], tables: readonly ExtractedTable[]): DocumentMeta {
  const fallback = mostCommon(tables.map((t) => t.entityText));
  for (const lines of pages.slice(0, 3)) {
    const texts = lines.map((l) => squeeze(l.text)).filter((t) => t && !PAGE_NO.test(t));
    // The cover title may be split over lines: "2026年" / "广州市统计局部门预算".
    const at = texts.findIndex((_, i) => COVER.test(texts.slice(Math.max(0, i - 3), i + 1).join("")));
    if (at < 0) continue;
    const cover = texts.slice(Math.max(0, at - 3), at + 1).join("");
    const m = COVER.exec(cover)!;
    const named = texts.slice(at + 1, at + 4).map((t) => NAMED.exec(t)?.[1]).find(Boolean);
    const department = named ?? ((m[1]! + m[3]!).replace(/^.*(第[一二三四五六七八九十]+部分|目录)/, "") || fallback);
    const docKind = `${m[4] ?? "部门"}${m[5]}` as DocKind;
    return {
      title: `${department ?? ""}${m[2]}年${docKind}`,
      fiscalYear: Number(m[2]),
      region: department ? regionOf(department) : null,
      department,
      docKind,
    };
  }
  const year = tables.map((t) => /((?:19|20)\d{2})\s*年/.exec(t.title)?.[1]).find(Boolean);
  return {
    title: null,
    fiscalYear: year ? Number(year) : null,
    region: fallback ? regionOf(fallback) : null,
    department: fallback,
    docKind: null,
  };
}
