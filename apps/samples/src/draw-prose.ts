import type { Canvas } from "./canvas.js";
import type { Block } from "./model.js";

const BODY = 11;
const LEADING = 1.75;

/**
 * Draws centred title lines in the upper third of a new page (covers and part titles).
 * @example drawTitlePage(canvas, ["达州市…", "2025年部门预算"]);
 */
export function drawTitlePage(canvas: Canvas, lines: readonly string[], size = 24): void {
  const box = canvas.newPage(false);
  let y = box.height * 0.3;
  for (const line of lines) {
    for (const part of canvas.wrap(line, box.right - box.left, size, true)) {
      canvas.text(part, box.left, y, size, { bold: true, align: "center", width: box.right - box.left });
      y += size * 1.6;
    }
  }
}

/**
 * Flows headings and indented paragraphs from the top of a new page, adding pages as needed.
 * @example drawBlocks(canvas, "第四部分 名词解释", doc.glossary);
 */
export function drawBlocks(canvas: Canvas, title: string, blocks: readonly Block[]): void {
  let box = canvas.newPage(false);
  const width = box.right - box.left;
  let y = box.top;
  for (const line of canvas.wrap(title, width, 16, true)) {
    canvas.text(line, box.left, y, 16, { bold: true, align: "center", width });
    y += 28;
  }
  y += 8;
  for (const block of blocks) {
    const bold = block.kind !== "paragraph";
    const indent = block.kind === "paragraph" ? 2 * BODY : 0;
    const lines = wrapIndented(canvas, block.text, width, indent, bold);
    lines.forEach((line, i) => {
      if (y + BODY * LEADING > box.bottom) {
        box = canvas.newPage(false);
        y = box.top;
      }
      canvas.text(line, box.left + (i === 0 ? indent : 0), y, BODY, { bold });
      y += BODY * LEADING;
    });
    if (block.kind === "heading") y += 4;
  }
}

// The first line is shorter by the indent; later lines use the full width.
function wrapIndented(canvas: Canvas, text: string, width: number, indent: number, bold: boolean): string[] {
  const [first = "", ...rest] = canvas.wrap(text, width - indent, BODY, bold);
  const remainder = text.slice(first.length).trimStart();
  return rest.length === 0 ? [first] : [first, ...canvas.wrap(remainder, width, BODY, bold)];
}

/**
 * Draws the 目录: part titles with their entries indented below.
 * @example drawContents(canvas, [{ title: "第一部分 …概况", entries: ["一、基本职能及主要工作"] }]);
 */
export function drawContents(canvas: Canvas, parts: readonly { title: string; entries: readonly string[] }[]): void {
  let box = canvas.newPage(false);
  const width = box.right - box.left;
  canvas.text("目  录", box.left, box.top, 18, { bold: true, align: "center", width });
  let y = box.top + 40;
  for (const part of parts) {
    const rows = [{ text: part.title, bold: true, indent: 0 }, ...part.entries.map((text) => ({ text, bold: false, indent: 2 * BODY }))];
    for (const row of rows) {
      if (y + 20 > box.bottom) {
        box = canvas.newPage(false);
        y = box.top;
      }
      canvas.text(row.text, box.left + row.indent, y, row.bold ? 12 : BODY, { bold: row.bold });
      y += 20;
    }
    y += 6;
  }
}
