import { NOTE, type Box, type GridColumn } from "./grid.js";

type Column = Pick<GridColumn, "x0" | "x1">;
import type { Line } from "./lines.js";
import { squeeze } from "./grid-parts.js";
import { ENTITY, isTableNumber, PAGE_NO, UNIT } from "./preamble.js";

const DATA_RUN = /^-?[\d,]*\d\.\d+$|^-?\d{1,3}(,\d{3})+$|^\d{3,}$/;
/** A vertical gap wider than this (in font sizes) ends a table drawn without rules. */
const GAP_STOP = 5;

const isAnchor = (line: Line): boolean => line.runs.some((r) => UNIT.test(r.text) || ENTITY.test(r.text));

/**
 * Tables drawn without rules: the block of lines under a 金额单位/部门 line (or, on a page that
 * continues a table, from the top) down to a 备注, page number, next table number or a wide gap.
 * A block counts only when several of its lines spread over three or more runs and it holds data
 * or a bare 合 计 row, or (a label and an amount column) its amounts end at one right edge. `continued` gives the columns of a table the page may continue.
 * @example findTextRegions(lines, null); // [{ x0: 47, y0: 120, x1: 795, y1: 560 }]
 */
export function findTextRegions(lines: readonly Line[], continued: readonly Column[] | null): Box[] {
  const boxes: Box[] = [];
  let start = continued ? 0 : -1;
  const close = (end: number, beforeAnchor = false) => {
    // Lines right above a 金额单位/部门 line are the next table's title, not the last rows of this one.
    const tail = start === 0 && continued !== null && !beforeAnchor;
    const block = lines.slice(start, end);
    start = -1;
    if (!block.length) return;
    const wide = block.filter((l) => l.runs.length >= 3).length;
    const data = block.some((l) => l.runs.some((r) => DATA_RUN.test(r.text)));
    // An empty table still prints its 合 计 row.
    const total = block.some((l) => l.runs.length === 1 && /^(合\s*计|总\s*计)$/.test(l.runs[0]!.text));
    // The last rows of a table continued from the page before may hold only labels: they count when
    // every run fits in one of that table's columns (prose runs across them).
    const fitsIn = (r: Line["runs"][number], c: Column): boolean =>
      (r.x0 + r.x1) / 2 > c.x0 && (r.x0 + r.x1) / 2 < c.x1 && r.x1 - r.x0 <= c.x1 - c.x0 + 2 * r.size;
    const fits = tail && block.every((l) => l.runs.every((r) => continued.some((c) => fitsIn(r, c))));
    // A table of one label column and one amount column spreads over two runs a line: its amounts
    // end at one right edge.
    const amountEnds = block.filter((l) => l.runs.length >= 2 && DATA_RUN.test(l.runs.at(-1)!.text)).map((l) => l.runs.at(-1)!.x1);
    const narrow = amountEnds.length >= 2 && Math.max(...amountEnds) - Math.min(...amountEnds) <= 3;
    if (!fits && !narrow && (wide < 2 || !(data || total))) return;
    boxes.push({
      x0: Math.min(...block.flatMap((l) => l.runs.map((r) => r.x0))) - 1,
      x1: Math.max(...block.flatMap((l) => l.runs.map((r) => r.x1))) + 1,
      y0: block[0]!.y0 - 1,
      y1: block[block.length - 1]!.y1 + 1,
    });
  };
  lines.forEach((line, i) => {
    const text = squeeze(line.text);
    if (isAnchor(line)) {
      if (start >= 0) close(i, true);
      start = i + 1;
      return;
    }
    if (start < 0 || i < start) return;
    const prev = lines[i - 1];
    const gap = prev && i > start ? line.y0 - prev.y1 : 0;
    if (NOTE.test(text) || PAGE_NO.test(text) || isTableNumber(text) || gap > GAP_STOP * line.size) close(i);
  });
  if (start >= 0 && start < lines.length) close(lines.length);
  return boxes;
}
