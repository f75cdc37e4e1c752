import type { ExtractedDocument } from "@yusuan/schema";

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const COLORS = ["#d62728", "#1f77b4", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2"];

/**
 * An HTML page with one SVG per page: every detected cell drawn as a box at its bbox with its text, coloured
 * by table, header columns outlined, so a person sees at a glance how a number was read.
 * @example writeFileSync("inspect.html", overlayHtml(extracted));
 */
export function overlayHtml(doc: ExtractedDocument): string {
  const byPage = new Map<number, string[]>();
  const add = (page: number, svg: string) => byPage.set(page, [...(byPage.get(page) ?? []), svg]);
  doc.tables.forEach((table, t) => {
    const color = COLORS[t % COLORS.length]!;
    const name = esc(`表${table.tableNo ?? "?"} ${table.title}`);
    table.rows.forEach((row, r) =>
      row.cells.forEach((cell, c) => {
        if (!cell) return;
        const [x0, y0, x1, y1] = cell.bbox;
        const path = esc(table.columns[c]?.path.join(" › ") ?? "");
        add(
          cell.page,
          `<g><title>${name} · row ${r + 1} · ${path}</title><rect x="${x0}" y="${y0}" width="${Math.max(1, x1 - x0)}" height="${Math.max(1, y1 - y0)}" fill="${color}" fill-opacity="0.08" stroke="${color}" stroke-width="0.6"/>` +
            `<text x="${x0 + 1}" y="${y1 - 2}" font-size="${Math.max(4, Math.min(9, y1 - y0 - 2))}" fill="#222">${esc(cell.text)}</text></g>`,
        );
      }),
    );
    for (const page of table.pages.slice(0, 1))
      add(page, `<text x="4" y="10" font-size="9" fill="${color}">${name} (${table.rows.length} rows, ${table.columns.length} columns)</text>`);
  });
  const pages = doc.pages
    .filter((p) => byPage.has(p.page))
    .map(
      (p) =>
        `<section><h2>page ${p.page}</h2><svg viewBox="0 0 ${p.width} ${p.height}" width="${Math.round(p.width * 1.4)}" style="border:1px solid #ccc;background:#fff">${byPage.get(p.page)!.join("")}</svg></section>`,
    );
  return `<!doctype html><meta charset="utf-8"><title>${esc(doc.fileName)} — yusuan inspect</title><style>body{font-family:sans-serif;background:#f4f4f4}section{margin:1em 0}</style><h1>${esc(doc.fileName)}</h1>${pages.join("\n")}`;
}
