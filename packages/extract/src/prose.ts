import type { ProseSection } from "@yusuan/schema";
import type { Line } from "./lines.js";
import { PAGE_NO } from "./preamble.js";

const HEADING = /^(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、)/;
const CONTENTS = /^目\s*录$/;

/**
 * Cuts the text outside tables into sections at headings (第一部分 …, 一、…); the 目录 page is skipped.
 * @example readProse([{ page: 3, lines }]); // [{ heading: "第一部分 概况", page: 3, text: "…" }]
 */
export function readProse(pages: readonly { page: number; lines: readonly Line[] }[]): ProseSection[] {
  const sections: ProseSection[] = [];
  let current: ProseSection | null = null;
  for (const { page, lines } of pages) {
    if (lines.some((l) => CONTENTS.test(l.text.trim()))) continue;
    for (const line of lines) {
      const text = line.text.trim();
      if (!text || PAGE_NO.test(text)) continue;
      if (HEADING.test(text) && text.length <= 60) {
        current = { heading: text, page, text: "" };
        sections.push(current);
      } else if (current) current.text += text;
    }
  }
  return sections;
}
