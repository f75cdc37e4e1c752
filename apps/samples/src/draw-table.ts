import type { Canvas, Rules } from "./canvas.js";
import type { HeaderGrid } from "./header-grid.js";
import type { Continuation } from "./model.js";
import type { BodyCell } from "./row-cells.js";

/** A body cell that may span several rows of its group; `null` marks a place covered by a span from above. */
export interface GroupCell extends BodyCell {
  readonly rowSpan?: number;
}

/** Rows that must stay on one page (one row, or a block with merged cells such as a 表6 project). */
export type BodyGroup = readonly (readonly (GroupCell | null)[])[];

export interface TableFrame {
  readonly label: string;
  readonly title: string;
  readonly order: "label-first" | "title-first";
  /** The 部门：… line; `apart` prints prefix and name as two text items. */
  readonly org: { readonly prefix: string; readonly name: string; readonly apart: boolean };
  readonly unit: string;
  readonly landscape: boolean;
  readonly continuation: Continuation;
}

export interface GridTable {
  readonly header: HeaderGrid;
  readonly groups: readonly BodyGroup[];
  /** Relative share of spare width given to each column (label columns take most). */
  readonly grow: readonly number[];
  readonly notes: readonly string[];
}

const SIZE = 8;
const LINE = 10.5;
const PAD_X = 3;
const PAD_Y = 3;
const TITLE_SIZE = 15;

function sum(sizes: readonly number[], from: number, count: number): number {
  return sizes.slice(from, from + count).reduce((a, b) => a + b, 0);
}

function columnWidths(canvas: Canvas, table: GridTable, available: number): number[] {
  const n = table.header.leaves.length;
  const natural = Array.from({ length: n }, (_, col) => {
    const header = table.header.cells.filter((c) => c.col === col && c.colSpan === 1).map((c) => c.text);
    const headerWidth = Math.min(...header.map((t) => canvas.widthOf(t, SIZE)), canvas.widthOf("上年结转安", SIZE));
    const body = table.groups.flatMap((g) => g.map((r) => r[col]?.text ?? ""));
    const bodyWidth = Math.max(0, ...body.map((t) => canvas.widthOf(t, SIZE)));
    // Long texts wrap: no growable column asks for more than a quarter of the page at first.
    const cap = (table.grow[col] ?? 0) > 0 ? available / 4 : Infinity;
    return Math.min(Math.max(headerWidth, bodyWidth) + 2 * PAD_X, cap);
  });
  const total = natural.reduce((a, b) => a + b, 0);
  const growTotal = table.grow.reduce((a, b) => a + b, 0) || n;
  if (total <= available) {
    const spare = available - total;
    return natural.map((w, i) => w + (spare * (table.grow[i] ?? 1)) / growTotal);
  }
  // Too wide: shrink the growable (wrapping) columns first, then everything proportionally.
  const fixed = natural.reduce((a, w, i) => a + ((table.grow[i] ?? 0) > 0 ? 0 : w), 0);
  const flexible = available - fixed;
  const minFlex = natural.reduce((a, w, i) => a + ((table.grow[i] ?? 0) > 0 ? Math.min(w, 60) : 0), 0);
  if (flexible >= minFlex) {
    const flexNatural = total - fixed;
    return natural.map((w, i) => ((table.grow[i] ?? 0) > 0 ? (w * flexible) / flexNatural : w));
  }
  return natural.map((w) => (w * available) / total);
}

interface Laid {
  readonly heights: number[];
  readonly lines: (string[] | null)[][];
}

function layGroup(canvas: Canvas, group: BodyGroup, widths: readonly number[]): Laid {
  const lines = group.map((row) => row.map((cell, col) =>
    cell === null ? null : canvas.wrap(cell.text, (widths[col] ?? 0) - 2 * PAD_X, SIZE)));
  const heights = group.map((row, r) => Math.max(1, ...row.map((cell, col) =>
    cell === null || (cell.rowSpan ?? 1) > 1 ? 1 : (lines[r]?.[col]?.length ?? 1))) * LINE + 2 * PAD_Y);
  // A merged cell taller than its rows stretches the last of them.
  group.forEach((row, r) => row.forEach((cell, col) => {
    const rows = cell?.rowSpan ?? 1;
    if (rows <= 1) return;
    const need = (lines[r]?.[col]?.length ?? 1) * LINE + 2 * PAD_Y;
    const have = sum(heights, r, rows);
    const last = r + rows - 1;
    if (need > have) heights[last] = (heights[last] ?? 0) + need - have;
  }));
  return { heights, lines };
}

function drawCell(canvas: Canvas, rules: Rules, lines: readonly string[], cell: BodyCell, x: number, y: number, w: number, h: number): void {
  canvas.cellBorder(rules, x, y, w, h);
  const top = y + (h - lines.length * LINE) / 2 + 1;
  lines.forEach((line, i) => canvas.text(line, x + PAD_X, top + i * LINE, SIZE, { align: cell.align, width: w - 2 * PAD_X }));
}

// The 表N line and the title (in the frame's order), then the 部门 line; only on a table's first page.
function drawFrame(canvas: Canvas, frame: TableFrame): number {
  const box = canvas.box;
  let y = box.top;
  if (frame.order === "label-first") {
    canvas.text(frame.label, box.left, y, 10, { bold: true });
    y += 18;
  }
  canvas.text(frame.title, box.left, y, TITLE_SIZE, { bold: true, align: "center", width: box.right - box.left });
  y += 28;
  if (frame.order === "title-first") {
    canvas.text(frame.label, box.left, y - 6, 10, { bold: true });
    y += 14;
  }
  return drawOrgLine(canvas, frame, y);
}

// 部门：… on the left, 金额单位：… on the right.
function drawOrgLine(canvas: Canvas, frame: TableFrame, y: number): number {
  const box = canvas.box;
  const { prefix, name, apart } = frame.org;
  if (apart) {
    canvas.text(prefix, box.left, y, 9);
    canvas.text(name, box.left + canvas.widthOf(prefix, 9) + 18, y, 9);
  } else {
    canvas.text(prefix + name, box.left, y, 9);
  }
  canvas.text(frame.unit, box.left, y, 9, { align: "right", width: box.right - box.left });
  return y + 16;
}

// Where the rows go on at the top of a continuation page, after what the frame repeats there.
function drawContinuation(canvas: Canvas, rules: Rules, frame: TableFrame, table: GridTable, widths: readonly number[]): number {
  const top = canvas.box.top;
  if (frame.continuation === "nothing") return top;
  const y = frame.continuation === "org-and-header" ? drawOrgLine(canvas, frame, top) : top;
  return drawHeader(canvas, rules, table, widths, y);
}

function drawHeader(canvas: Canvas, rules: Rules, table: GridTable, widths: readonly number[], y: number): number {
  // Every header row is at least one line tall; a cell whose text needs more stretches the last row it spans.
  const heights = Array.from({ length: table.header.depth }, () => LINE + 2 * PAD_Y);
  for (const c of table.header.cells) {
    const need = canvas.wrap(c.text, sum(widths, c.col, c.colSpan) - 2 * PAD_X, SIZE).length * LINE + 2 * PAD_Y;
    const have = sum(heights, c.row, c.rowSpan);
    const last = c.row + c.rowSpan - 1;
    if (need > have) heights[last] = (heights[last] ?? 0) + need - have;
  }
  const left = canvas.box.left;
  for (const c of table.header.cells) {
    const w = sum(widths, c.col, c.colSpan);
    const lines = canvas.wrap(c.text, w - 2 * PAD_X, SIZE);
    drawCell(canvas, rules, lines, { text: c.text, align: "center" },
      left + sum(widths, 0, c.col), y + sum(heights, 0, c.row), w, sum(heights, c.row, c.rowSpan));
  }
  return y + sum(heights, 0, heights.length);
}

/**
 * Draws a table from a fresh page on; each page it runs onto repeats what `frame.continuation` says.
 * @example const pages = drawTable(canvas, "filled", frame, table); // e.g. [7, 8]
 */
export function drawTable(canvas: Canvas, rules: Rules, frame: TableFrame, table: GridTable): number[] {
  canvas.newPage(frame.landscape);
  const pages = [canvas.page];
  const widths = columnWidths(canvas, table, canvas.box.right - canvas.box.left);
  let y = drawHeader(canvas, rules, table, widths, drawFrame(canvas, frame));
  for (const group of table.groups) {
    const laid = layGroup(canvas, group, widths);
    const height = sum(laid.heights, 0, laid.heights.length);
    if (y + height > canvas.box.bottom) {
      canvas.newPage(frame.landscape);
      pages.push(canvas.page);
      y = drawContinuation(canvas, rules, frame, table, widths);
    }
    group.forEach((row, r) => {
      let x = canvas.box.left;
      row.forEach((cell, col) => {
        const w = widths[col] ?? 0;
        if (cell !== null) {
          const h = sum(laid.heights, r, cell.rowSpan ?? 1);
          drawCell(canvas, rules, laid.lines[r]?.[col] ?? [], cell, x, y, w, h);
        }
        x += w;
      });
      y += laid.heights[r] ?? 0;
    });
  }
  y += 6;
  for (const note of table.notes) {
    canvas.text(note, canvas.box.left, y, 9);
    y += 14;
  }
  return pages;
}
