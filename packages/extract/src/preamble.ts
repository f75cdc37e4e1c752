import type { Line } from "./lines.js";
import { squeeze } from "./grid-parts.js";

/** What the lines above a table say about it. */
export interface Preamble {
  tableNo: string | null;
  title: string;
  unitText: string | null;
  entityText: string | null;
}

/** 金额单位：万元, 单位：元 */
export const UNIT = /(?:金额)?单位\s*[:：]\s*(?:人民币)?(万元|元|千元|亿元)/;
/** 部门：…, 单位名称：…, 部门（单位）：…, 编制单位：… */
export const ENTITY = /^(?:预算|编制|填报|主管)?(?:部门|单位)(?:[（(](?:部门|单位)[）)])?(?:名称)?\s*[:：]\s*(.*)$/;
/** 表1-2, 公开03表, 附表3, and numbers in words: 公开表五, 表十二. */
const TABLE_NO = /^(?:附表|附|公开表|表|公开)\s*([0-9０-９]+(?:\s*[-－—–]\s*[0-9０-９]+)*|[一二三四五六七八九十]{1,3}(?![、，。]))\s*表?\s*/;
/** A page number printed alone: "- 10 -", "第 3 页", "3/25". */
export const PAGE_NO = /^[-—\s]*\d+[-—\s]*$|^第\s*\d+\s*页|^\d+\s*\/\s*\d+$/;

/**
 * Is this (white space removed) a table's number and nothing else: 表1-2, 公开03表, 公开表五?
 * @example isTableNumber("公开表五") // true
 */
export const isTableNumber = (text: string): boolean => TABLE_NO.exec(text)?.[0].length === text.length;
const DATE = /^\d{4}\s*年\s*\d{1,2}\s*月(\s*\d{1,2}\s*日)?$/;

const DIGIT_WORDS = "一二三四五六七八九";

/** 五 → 5, 十二 → 12, 二十 → 20: the numbers tables print in words. */
function fromWords(s: string): string {
  const [tens, units] = s.includes("十") ? s.split("十") : ["", s];
  const digit = (w: string | undefined) => (w ? DIGIT_WORDS.indexOf(w) + 1 : 0);
  return String((s.includes("十") ? Math.max(1, digit(tens)) * 10 : 0) + digit(units));
}

const toAscii = (s: string): string =>
  /^[一二三四五六七八九十]+$/.test(s)
    ? fromWords(s)
    : s.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/\s*[-－—–]\s*/g, "-");

/**
 * Is this line one a table prints above itself (number, title ending in 表, 金额单位, 部门), even when
 * a spreadsheet frames it inside the table's rules?
 * @example isPreambleLine(line); // true for "表1-2", "部门支出总表", "部门：… 金额单位：万元"
 */
export function isPreambleLine(line: Line): boolean {
  return line.runs.every((r, i) => {
    const text = squeeze(r.text);
    // "部门（单位）：" printed apart from the name it introduces
    const entityName = i > 0 && ENTITY.exec(squeeze(line.runs[i - 1]!.text))?.[1] === "";
    return entityName || UNIT.test(text) || ENTITY.test(text) || isTableNumber(text) || (line.runs.length === 1 && /表([（(][^）)]*[）)])?$/.test(text));
  });
}

/**
 * Reads the table number, title, 金额单位 and 部门 line from the lines printed above a table.
 * @example readPreamble(lines); // { tableNo: "1-2", title: "部门支出总表", unitText: "万元", entityText: "…中心" }
 */
export function readPreamble(lines: readonly Line[]): Preamble {
  let unitText: string | null = null;
  let entityText: string | null = null;
  let tableNo: string | null = null;
  const rest: { text: string; size: number; y0: number; y1: number }[] = [];
  for (const line of lines) {
    const texts: string[] = [];
    // "部门：" printed apart from the name it introduces: the next run on the line is that name
    let entityNext = false;
    for (const run of line.runs) {
      let text = run.text;
      const unit = UNIT.exec(text);
      if (unit) {
        unitText ??= unit[1]!;
        text = text.replace(unit[0], "").replace(/[（(]\s*[）)]/g, "").trim();
      }
      const entity = ENTITY.exec(text);
      if (entity || (entityNext && text)) {
        const name = entity ? entity[1]!.trim() : text;
        entityText ??= name || null;
        entityNext = name === "";
        continue;
      }
      if (text) texts.push(text);
    }
    let text = texts.join(" ").trim();
    const no = TABLE_NO.exec(squeeze(text));
    if (no && tableNo === null) {
      tableNo = toAscii(no[1]!);
      text = squeeze(text).slice(no[0].length);
    }
    if (text && !PAGE_NO.test(text) && !DATE.test(text)) rest.push({ text, size: line.size, y0: line.y0, y1: line.y1 });
  }
  // The title is the text nearest above the table, with the lines of the same size it wraps from and
  // whatever it continues ("（2026年度）"); a part heading further up is no title.
  const picked: typeof rest = [];
  for (const r of [...rest].reverse()) {
    const below = picked[0];
    const named = /表|预算|决算/.test(picked.map((p) => p.text).join(""));
    if (below && (below.y0 - r.y1 > r.size || (named && Math.abs(below.size - r.size) > 0.5))) break;
    picked.unshift(r);
  }
  const title = picked
    .map((r) => squeeze(r.text))
    .join("")
    .replace(/^[:：、.．]+/, "");
  return { tableNo, title, unitText, entityText };
}
