import type { DocKind, ExtractedTable } from "@yusuan/schema";

/**
 * What a document is about where the cover does not say (a PDF of tables only): its department,
 * fiscal year and kind, read from the tables' titles and their 部门/单位 lines; and the number each
 * table prints, normalized so that 表一, 公开01表, 一、 and 1 compare equal.
 */

const NUMERAL: Readonly<Record<string, number>> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

/** 一 → 1, 十二 → 12, 二十一 → 21. */
function chineseNumber(s: string): number | null {
  if (!/^[一二三四五六七八九十]+$/.test(s)) return null;
  const [tens, ones] = s.includes("十") ? s.split("十") : ["", s];
  const t = s.includes("十") ? (tens ? NUMERAL[tens]! : 1) : 0;
  return t * 10 + (ones ? (NUMERAL[ones] ?? 0) : 0);
}

/** A title's leading number: "十二、2018年…政府采购预算表" → 十二, "公开表一…" → 一, "表3 …" → 3. */
const TITLE_NUMBER = /^(?:(?:公开|附)?表\s*([一二三四五六七八九十]+|\d+(?:-\d+)?)|([一二三四五六七八九十]+)[、.．])/;

/**
 * The table number as printed (the extracted one, else the numeral a title starts with) and normalized:
 * digits without leading zeros, Chinese numerals as digits.
 * @example tableNumber(null, "十二、2018年政府采购预算表") // { printed: "十二", number: "12" }
 */
export function tableNumber(printed: string | null, title: string): { printed: string | null; number: string | null } {
  const m = TITLE_NUMBER.exec(title.replace(/\s+/g, ""));
  const own = printed ?? m?.[1] ?? m?.[2] ?? null;
  if (own === null) return { printed: null, number: null };
  const number = own
    .split("-")
    .map((part) => String(chineseNumber(part) ?? (/^\d+$/.test(part) ? Number(part) : part)))
    .join("-");
  return { printed: own, number };
}

/** Punctuation and labels a 部门 line or title leaves around a name (".长春市信访局（本级）", "部门：…"). */
export function cleanDepartment(name: string | null): string | null {
  if (!name) return null;
  const cleaned = name
    .replace(/\s+/g, "")
    .replace(/^(?:(?:预算)?(?:主管)?(?:部门|单位)(?:（单位）)?(?:名称)?[:：])/, "")
    .replace(/^[.,，。、:：;；\-—_·•*]+|[.,，。、:：;；\-—_·•*]+$/g, "")
    .replace(/(?:单位|金额单位)[:：].*$/, "");
  return cleaned || null;
}

/** A title that is only an organisation's name ("公开表一江苏省人大常委会办公厅"): the name. */
const ORGANISATION = /^(?:中共)?[\u4e00-\u9fa5（）()]{2,40}(?:厅|局|委员会|委|院|办公室|办|会|中心|处|所|站|队|馆|部|署|政府|街道办事处|机关)(?:（本级）)?$/;

/**
 * The department a tables-only document is about: its tables' 部门 lines, else a title that names nothing but an organisation.
 * @example departmentFromTables([{ title: "公开表一江苏省人大常委会办公厅", entityText: null, … }]) // "江苏省人大常委会办公厅"
 */
export function departmentFromTables(tables: readonly Pick<ExtractedTable, "title" | "entityText">[]): string | null {
  const entity = tables.map((t) => cleanDepartment(t.entityText)).find((e) => e !== null);
  if (entity) return entity;
  for (const t of tables) {
    const rest = t.title.replace(/\s+/g, "").replace(TITLE_NUMBER, "").replace(/^(?:19|20)\d{2}年度?/, "");
    if (ORGANISATION.test(rest) && !/表$/.test(rest)) return cleanDepartment(rest);
  }
  return null;
}

/**
 * The year most titles print ("2019年政府采购预算表"), for a document whose cover gives none.
 * @example fiscalYearFromTitles(["2019年政府采购预算表", "收支预算总表"]) // 2019
 */
export function fiscalYearFromTitles(titles: readonly string[]): number | null {
  const counts = new Map<number, number>();
  for (const t of titles) {
    const y = /((?:19|20)\d{2})年/.exec(t);
    if (y) counts.set(Number(y[1]), (counts.get(Number(y[1])) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

/**
 * A document's kind from its tables' titles: 决算 tables make a 决算, 预算 tables a 预算; 单位预算 titles a unit's.
 * @example docKindFromTitles(["收支预算总表", "2019年政府采购预算表"]) // "部门预算"
 */
export function docKindFromTitles(titles: readonly string[]): DocKind | null {
  const all = titles.join("|");
  const scope = /单位(预算|决算)|预算单位/.test(all) ? "单位" : "部门";
  if (/决算/.test(all)) return `${scope}决算`;
  return /预算/.test(all) ? `${scope}预算` : null;
}
