import type { Cell, ExtractedRow, ExtractedTable } from "@yusuan/schema";
import { AMOUNT, lowestConfidence } from "./grid-parts.js";
import { buildGrid, EMPTY_MARK, NOTE, type Box, type Grid } from "./grid.js";
import type { Line } from "./lines.js";
import { isPreambleLine, PAGE_NO, readPreamble, type Preamble } from "./preamble.js";
import { findTextRegions } from "./borderless.js";
import { findRegions } from "./regions.js";
import type { Ruling } from "./rulings.js";
import type { Run } from "./text-runs.js";

/** One page ready for table finding: its runs and rules in display coordinates. */
export interface PageLayout {
  page: number;
  runs: Run[];
  rulings: Ruling[];
  /** the page's runs grouped by {@link groupLines} */
  lines: Line[];
}

/** The tables of a document and, per page, the lines they used (the rest is prose). */
export interface TablesResult {
  tables: ExtractedTable[];
  used: Map<number, Set<Line>>;
}

/** A printed table title names a table; text that merely overflows a page break does not. */
const isTitle = (text: string): boolean => /表|预算|决算/.test(text) && text.length <= 50 && !/[，。；]/.test(text);
/** How far above a table (points) and how many lines its number, title and unit lines reach. */
const PREAMBLE_REACH = 160;
const PREAMBLE_LINES = 5;

const inside = (run: Run, box: Box): boolean => {
  const x = (run.x0 + run.x1) / 2;
  const y = (run.y0 + run.y1) / 2;
  return x >= box.x0 - 1 && x <= box.x1 + 1 && y >= box.y0 - 1 && y <= box.y1 + 1;
};

/** Maps the columns of a continuation page onto the first page's columns: by position when counts differ. */
function columnMap(first: ExtractedTable["columns"], next: Grid["columns"]): number[] {
  if (first.length === next.length) return next.map((_, i) => i);
  return next.map((c) => {
    let best = 0;
    let bestOverlap = -Infinity;
    first.forEach((f, i) => {
      const overlap = Math.min(f.x1, c.x1) - Math.max(f.x0, c.x0);
      if (overlap > bestOverlap) (bestOverlap = overlap), (best = i);
    });
    return best;
  });
}

function toRows(grid: Grid, page: number, map: number[], width: number): ExtractedRow[] {
  return grid.rows
    .map((cells) => {
      const out = new Array<Cell | null>(width).fill(null);
      cells.forEach((cell, i) => {
        if (!cell) return;
        const k = map[i]!;
        const prev = out[k];
        out[k] = prev ? { ...prev, text: `${prev.text} ${cell.text}`, ...lowestConfidence([prev, cell]) } : { text: cell.text, page, bbox: cell.bbox, ...lowestConfidence([cell]) };
      });
      return { cells: out, page };
    })
    .filter((r) => r.cells.some((c) => c !== null));
}

/** Finer columns under coarser ones: each keeps the path of the coarse column it falls in, then its own. */
function refine(coarse: ExtractedTable["columns"], fine: Grid["columns"]): ExtractedTable["columns"] {
  return fine.map((c) => {
    const centre = (c.x0 + c.x1) / 2;
    const parent = coarse.find((p) => centre >= p.x0 && centre <= p.x1);
    return { path: [...(parent?.path ?? []), ...c.path], x0: c.x0, x1: c.x1 };
  });
}

/**
 * Where a continued table really starts on its page: cells split by the page break print their rest
 * just above the repeated header. Lines that touch the table (or each other) upwards count, up to a
 * title, a unit or 部门 line, or a page number.
 */
function overflowTop(pre: readonly Line[], box: Box): number {
  let top = box.y0;
  for (const line of [...pre].reverse()) {
    const text = line.text.replace(/\s+/g, "");
    if (top - line.y1 > 1.5 * line.size || isTitle(text) || isPreambleLine(line) || PAGE_NO.test(text)) break;
    top = line.y0 - 1;
  }
  return top;
}

/** Do most header texts of a page appear in the header of the table it may continue? */
function sharesHeader(texts: ReadonlySet<string>, known: ReadonlySet<string> | undefined): boolean {
  if (!known) return false;
  const shared = [...texts].filter((t) => known.has(t)).length;
  return shared >= texts.size / 2;
}

/**
 * Does a page's table sit on the column rules of the table above? Its frame and every edge of its
 * columns are edges of the earlier table's (columns with nothing in them may be missing).
 */
function sameLayout(first: ExtractedTable["columns"], next: Grid["columns"], box: Box): boolean {
  if (next.length < 2 || !first.length) return false;
  const edges = first.flatMap((c) => [c.x0, c.x1]);
  const near = (x: number): boolean => edges.some((e) => Math.abs(e - x) <= 3);
  return near(box.x0) && near(box.x1) && next.every((c) => near(c.x0) && near(c.x1));
}

const isContinuation = (pre: Preamble, prev: ExtractedTable | undefined, page: number, firstOnPage: boolean): boolean => {
  if (!prev || !prev.pages.includes(page - 1) && !prev.pages.includes(page)) return false;
  if (pre.tableNo !== null) return pre.tableNo === prev.tableNo;
  if (isTitle(pre.title)) return pre.title === prev.title;
  return firstOnPage;
};

/**
 * Finds the ruled tables of each page, reads their titles, numbers and units, and stitches tables
 * that run over several pages into one (repeated headers dropped).
 * @example const { tables } = findTables(layouts); tables[0].tableNo; // "1"
 */
export function findTables(pages: readonly PageLayout[]): TablesResult {
  const tables: ExtractedTable[] = [];
  const used = new Map<number, Set<Line>>();
  /** tables drawn without rules: only these continue onto a page that has no anchor line */
  const unruled = new Set<ExtractedTable>();
  const headers = new Map<ExtractedTable, ReadonlySet<string>>();
  for (const { page, runs, rulings, lines } of pages) {
    const ruled = findRegions(rulings);
    const prevTable = tables[tables.length - 1];
    const continuing = prevTable !== undefined && prevTable.pages.includes(page - 1) && unruled.has(prevTable);
    const regions = ruled.length ? ruled : findTextRegions(lines, continuing ? prevTable.columns : null);
    if (!regions.length) continue;
    const pageUsed = new Set<Line>();
    used.set(page, pageUsed);
    let top = -Infinity;
    let lastTable: ExtractedTable | undefined;
    const takeNotes = (from: number, to: number, table: ExtractedTable | undefined) => {
      for (const line of lines) {
        if (line.y0 < from - 1 || line.y1 > to + 1) continue;
        const text = line.text.replace(/\s+/g, "");
        if (!table || !(NOTE.test(text) || EMPTY_MARK.test(text))) continue;
        table.notes.push(line.text);
        if (EMPTY_MARK.test(text)) table.empty = true;
        pageUsed.add(line);
      }
    };
    regions.forEach((ruledBox, index) => {
      takeNotes(top, ruledBox.y0, lastTable);
      // A spreadsheet may frame its title and unit lines inside the table's rules: they stay preamble.
      const framed = lines.filter((l) => l.y0 >= ruledBox.y0 - 1 && l.y1 <= ruledBox.y1 + 1);
      const titleLines = framed.slice(0, Math.max(0, framed.findIndex((l) => !isPreambleLine(l))));
      const box = titleLines.length ? { ...ruledBox, y0: titleLines[titleLines.length - 1]!.y1 + 0.5 } : ruledBox;
      // Only the few lines just above a table speak about it; prose further up does not.
      const above = lines.filter((l) => l.y0 >= top - 1 && l.y1 <= ruledBox.y0 + 1 && l.y0 >= ruledBox.y0 - PREAMBLE_REACH && !pageUsed.has(l));
      const pre = [...above, ...titleLines].slice(-PREAMBLE_LINES);
      const preamble = readPreamble(pre);
      const prev = tables[tables.length - 1];
      const fresh = buildGrid(runs.filter((r) => inside(r, box)), rulings, box);
      const known = prev ? headers.get(prev) : undefined;
      // A continuation has the columns it started with, repeats its header, or prints none; a page
      // that goes on without a header (its first body lines taken for one) keeps the column rules.
      const sameHeader =
        !fresh.headerTexts.size ||
        !prev?.rows.length ||
        fresh.columns.length === prev.columns.length ||
        sharesHeader(fresh.headerTexts, known) ||
        sameLayout(prev.columns, fresh.columns, box);
      const continues = prev !== undefined && sameHeader && isContinuation(preamble, prev, page, index === 0);
      const area = continues ? { ...box, y0: overflowTop(pre, box) } : box;
      // A first page that held only the top of the header knows too little of it to skip its rest.
      const grid = continues && prev?.rows.length ? buildGrid(runs.filter((r) => inside(r, area)), rulings, area, known) : fresh;
      for (const l of lines) if (l.y0 >= top - 1 && l.y1 <= box.y1 + 1) pageUsed.add(l);
      top = box.y1;
      if (continues && prev) {
        // A table whose first page held only the top of its header: the next page's columns are the real ones.
        if (!prev.rows.length && grid.columns.length > prev.columns.length) prev.columns = refine(prev.columns, grid.columns);
        const map = columnMap(prev.columns, grid.columns);
        prev.rows.push(...toRows(grid, page, map, prev.columns.length));
        if (!prev.pages.includes(page)) prev.pages.push(page);
        prev.notes.push(...grid.notes);
        if (grid.empty) prev.empty = true;
        lastTable = prev;
        return;
      }
      if (grid.columns.length < 2 && !preamble.tableNo) return;
      const table: ExtractedTable = {
        tableNo: preamble.tableNo,
        title: isTitle(preamble.title) ? preamble.title : "",
        pages: [page],
        unitText: preamble.unitText,
        entityText: preamble.entityText,
        columns: grid.columns.map((c) => ({ path: c.path, x0: c.x0, x1: c.x1 })),
        rows: toRows(grid, page, grid.columns.map((_, i) => i), grid.columns.length),
        empty: grid.empty || pre.some((l) => EMPTY_MARK.test(l.text.replace(/\s+/g, ""))),
        notes: [...grid.notes],
      };
      tables.push(table);
      headers.set(table, grid.headerTexts);
      if (!ruled.length) unruled.add(table);
      lastTable = table;
    });
    takeNotes(top, Infinity, lastTable);
  }
  // A note saying "no data" about one column (本部门无政府性基金预算支出) leaves a table with amounts
  // not empty.
  for (const t of tables) if (t.empty && t.rows.some((r) => r.cells.some((c) => c && /[1-9]/.test(c.text) && AMOUNT.test(c.text)))) t.empty = false;
  // Shapes that only look like grids (chart legends, frames) have neither rows nor a name.
  return { tables: tables.filter((t) => t.rows.length || t.tableNo !== null || t.title), used };
}
