/** Leading ordinals of 表1/表2 rows: "八、", "二十八、", "（一）", "1.", "1、". */
const ORDINAL = /^([一二三四五六七八九十百]+[、.]|\([一二三四五六七八九十]+\)|\d{1,2}[、.](?!\d))/;

/**
 * A name reduced to what matters for comparison: NFKC (full-width （） and digits become ASCII),
 * no white space, no leading ordinal or printed code, no trailing colon.
 * @example normalizeName(" 八、社会保障和就\n业支出 ") // "社会保障和就业支出"
 */
export function normalizeName(name: string): string {
  return name
    .normalize("NFKC")
    .replace(/\s+/g, "")
    .replace(ORDINAL, "")
    .replace(/^\d+/, "")
    .replace(/:$/, "");
}

/**
 * Spellings of one name that documents use interchangeably: "…费" for "…费用", a 类 name without
 * its final "支出". Applied to both sides after {@link normalizeName}.
 */
const HARMLESS: readonly ((s: string) => string)[] = [(s) => s.replace(/费用$/, "费"), (s) => s.replace(/支出$/, "")];

/**
 * Whether a printed name is the official one, up to white space, bracket width, ordinals and
 * harmless variants.
 * @example sameName("维修(护)费", "维修（护）费") // true
 */
export function sameName(printed: string, official: string): boolean {
  const a = normalizeName(printed);
  const b = normalizeName(official);
  if (a === b) return true;
  return HARMLESS.some((variant) => variant(a) === variant(b) && variant(a) !== "");
}
