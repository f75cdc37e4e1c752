import type { Claim, ProseSection } from "@yusuan/schema";

/** A number followed by its unit: "294.28 万元", "0.4万元", "1,234 元", and the share that may follow ("，占 56.57%"). */
const AMOUNT = /(-?\d[\d,]*(?:\.\d+)?)\s*(万元|元)(?:[，,、]?\s*占\s*(\d+(?:\.\d+)?)\s*[%％])?/g;
/** "比 2024 年收支预算总数 291.81 万元增加 2.47 万元" */
const CHANGE = /比\s*\d{4}\s*年[^，,。；;]*?(-?\d[\d,]*(?:\.\d+)?)\s*(万元|元)\s*(增加|减少|增长|下降)\s*(-?\d[\d,]*(?:\.\d+)?)\s*(万元|元)/;

/** Cuts prose into sentences (a share's base can sit across a ；); line wraps inside words are joined first. */
function sentences(text: string): string[] {
  return text
    .replace(/\s*\n\s*/g, "")
    .split(/[。！!]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The words right before an amount name what it is: "…2025 年收入预算 294.28 万元" → "收入预算". */
function subjectBefore(sentence: string, index: number): string {
  // "科学技术（类）支出": the level in brackets belongs to the name
  const before = sentence.slice(0, index).replace(/[（(](类|款|项)[）)]/g, "");
  const clause = before.split(/[，,：:、；;（）()]|其中|包括|主要/).pop() ?? "";
  return clause
    .replace(/^.*?\d{4}\s*年度?/, "")
    .replace(/\s+/g, "")
    .replace(/(预算数为|预算数|为|是|共计|共|(?<![合总])计)$/, "");
}

const plain = (n: string) => n.replace(/,/g, "");

/**
 * Reads the amounts the prose states (收支预算总数 294.28 万元, 基本支出 166.48 万元 …) with the words that name
 * them, the share stated after an amount (unit "%", same subject), and the 比上年增减 arithmetic of each
 * sentence as claims of their own (subjects "上年数" and "增减").
 * @example readClaims([{ heading: "第三部分", page: 25, text: "2025 年收支预算总数 294.28 万元" }])[0].subject // "收支预算总数"
 */
export function readClaims(prose: readonly ProseSection[]): Claim[] {
  const claims: Claim[] = [];
  for (const section of prose)
    for (const sentence of sentences(section.text)) {
      const change = CHANGE.exec(sentence);
      const inChange = (i: number) => change !== null && i >= change.index && i < change.index + change[0].length;
      for (const m of sentence.matchAll(AMOUNT)) {
        const subject = subjectBefore(sentence, m.index);
        // last year's figure and the change belong to the 比上年 clause, not to what the subject names
        if (!subject || inChange(m.index)) continue;
        claims.push({ subject, value: plain(m[1]!), unit: m[2] as "万元" | "元", page: section.page, sentence });
        if (m[3]) claims.push({ subject, value: m[3], unit: "%", page: section.page, sentence });
      }
      if (change) {
        const sign = /减少|下降/.test(change[3]!) ? "-" : "";
        claims.push({ subject: "上年数", value: plain(change[1]!), unit: change[2] as "万元" | "元", page: section.page, sentence });
        claims.push({ subject: "增减", value: sign + plain(change[4]!), unit: change[5] as "万元" | "元", page: section.page, sentence });
      }
    }
  return claims;
}
