import { drawPages, type DrawOptions } from "./draw-pages.js";
import type { Coverage, PageView } from "./pages-html.js";
import { printedAmounts, type ShownCell } from "./printed-amounts.js";

/**
 * Cells grouped by the page they are printed on.
 * @example byPage(cells).get(5) // the cells of page 5, in the order given
 */
export function byPage<C extends ShownCell>(cells: readonly C[]): Map<number, C[]> {
  const pages = new Map<number, C[]>();
  for (const c of cells) {
    const list = pages.get(c.page);
    if (list) list.push(c);
    else pages.set(c.page, [c]);
  }
  return pages;
}

/**
 * Every page of a PDF drawn, with its cells and the amounts printed in its table rows that no cell holds, and the
 * coverage over the document. `keep` stores a page's image and says how the page refers to it (a path, a data URL).
 * @example const { pages, coverage } = await pageViews(bytes, byPage(cells), (n, webp) => `data:image/webp;base64,${webp.toString("base64")}`);
 */
export async function pageViews(
  bytes: Uint8Array,
  cellsOf: ReadonlyMap<number, readonly ShownCell[]>,
  keep: (page: number, image: Buffer) => string,
  options: DrawOptions = {},
): Promise<{ pages: PageView[]; coverage: Coverage }> {
  const pages: PageView[] = [];
  const coverage = { printed: 0, extracted: 0 };
  await drawPages(
    bytes,
    (drawn) => {
      const cells = cellsOf.get(drawn.page) ?? [];
      const printed = printedAmounts(drawn.lines, cells);
      const missed = printed.filter((p) => p.cell === null);
      coverage.printed += printed.length;
      coverage.extracted += printed.length - missed.length;
      pages.push({
        page: drawn.page,
        width: drawn.width,
        height: drawn.height,
        image: Buffer.isBuffer(drawn.image) ? keep(drawn.page, drawn.image) : null,
        note: Buffer.isBuffer(drawn.image) ? null : `this page could not be drawn: ${drawn.image.error}`,
        cells,
        missed,
      });
    },
    options,
  );
  return { pages, coverage };
}
