import { squeeze } from "./grid-parts.js";
import type { Line } from "./lines.js";
import { isPreambleLine } from "./preamble.js";

/** A page's lines and height: what running lines are looked for in. */
export interface PageLines {
  page: number;
  height: number;
  lines: readonly Line[];
}

/** Running headers sit in the top part of the page, at the same height on every page (points). */
const TOP_BAND = 0.2;
const SAME_PLACE = 3;
const MIN_PAGES = 3;

/**
 * Running page headers ("无锡市统计局2026年度部门预算公开" on every page): the same text at the same
 * place on several pages, above different tables' own numbers or titles. They name the document,
 * not the table under them, so a page that only repeats one goes on with the table above. A title
 * repeated over a long table's pages is no running header: no other table's title sits under it.
 * @example runningLines(pages).has(pages[3]!.lines[0]!) // true for a header printed on every page
 */
export function runningLines(pages: readonly PageLines[]): Set<Line> {
  const byText = new Map<string, { line: Line; titlesBelow: string[] }[]>();
  for (const { height, lines } of pages) {
    lines.forEach((line, i) => {
      if (line.y1 > TOP_BAND * height || isPreambleLine(line)) return;
      const text = squeeze(line.text);
      const titlesBelow = lines.slice(i + 1).filter(isPreambleLine).map((l) => squeeze(l.text));
      const seen = byText.get(text) ?? [];
      seen.push({ line, titlesBelow });
      byText.set(text, seen);
    });
  }
  const running = new Set<Line>();
  for (const seen of byText.values()) {
    const placed = seen.filter((s) => Math.abs(s.line.y0 - seen[0]!.line.y0) <= SAME_PLACE);
    const titles = new Set(placed.flatMap((s) => s.titlesBelow));
    if (placed.length >= MIN_PAGES && titles.size >= 2) for (const s of placed) running.add(s.line);
  }
  return running;
}
