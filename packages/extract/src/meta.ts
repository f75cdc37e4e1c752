import type { DocKind, DocumentMeta, ExtractedTable } from "@yusuan/schema";
import type { Line } from "./lines.js";

const KIND_TITLE = /((?:19|20)\d{2})\s*年\s*度?\s*(部门|单位)\s*(预算|决算)/;
const REGION = /^(?:[^省]{2,7}?(?:省|自治区))?(?:[^市]{1,8}?市)?(?:[^县区旗]{1,8}?(?:县|区|旗))?/;
const PAGE_NO = /^[-—\s]*\d+[-—\s]*$|^第\s*\d+\s*页/;

const squeeze = (s: string): string => s.replace(/\s+/g, "");

/** The administrative region a department name begins with: 省, 市, 县/区 parts, e.g. "上海市普陀区". */
export function regionOf(department: string): string | null {
  const m = REGION.exec(department);
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
  for (const lines of pages.slice(0, 3)) {
    const texts = lines.map((l) => squeeze(l.text)).filter((t) => t && !PAGE_NO.test(t));
    const at = texts.findIndex((t) => KIND_TITLE.test(t));
    if (at < 0) continue;
    const m = KIND_TITLE.exec(texts[at]!)!;
    const before = texts[at]!.slice(0, m.index);
    const department = squeeze(before || texts.slice(0, at).join("")) || mostCommon(tables.map((t) => t.entityText));
    const docKind = `${m[2]}${m[3]}` as DocKind;
    return {
      title: `${department ?? ""}${m[1]}年${docKind}`,
      fiscalYear: Number(m[1]),
      region: department ? regionOf(department) : null,
      department,
      docKind,
    };
  }
  const department = mostCommon(tables.map((t) => t.entityText));
  const year = tables.map((t) => /((?:19|20)\d{2})\s*年/.exec(t.title)?.[1]).find(Boolean);
  return {
    title: null,
    fiscalYear: year ? Number(year) : null,
    region: department ? regionOf(department) : null,
    department,
    docKind: null,
  };
}
