import { groupLines, type Line } from "./lines.js";
import type { Ruling } from "./rulings.js";
import { splitRunAt, type Run } from "./text-runs.js";
import { boundariesFromText, dedupe, unruledCuts } from "./columns.js";
import { AMOUNT, CODE, COLUMN_INDEX, joinCell, mid, NUMERIC, rulesAtEach, squeeze, verticalAt, type Box, type GridCell, type GridColumn, type Piece } from "./grid-parts.js";
import { assignHeader } from "./header.js";
import { rowsByLines, rowsByRules } from "./rows.js";

export type { Box, GridCell, GridColumn } from "./grid-parts.js";

/** One table region rebuilt as header paths and body rows of cells. */
export interface Grid {
  columns: GridColumn[];
  rows: (GridCell | null)[][];
  /** 备注/注 lines and 此表无数据 printed inside the table: notes, not rows */
  notes: string[];
  /** the table says it is empty (此表无数据) */
  empty: boolean;
  /** the header's run texts, white space removed, to recognise the header repeated on the next page */
  headerTexts: Set<string>;
}

/** A 备注/注 line: a note about the table, never one of its rows. */
export const NOTE = /^[（(]?(备注|注)\s*[:：]/;
/** The names of a code's parts, printed as the lowest header line over the code columns. */
const CODE_LEVEL = /^(类|款|项)$/;
const FIRST_ITEM = /^(一、|1[.、．]|合\s*计$|总\s*计$)/;
const TOTAL_LABEL = /^(合\s*计|总\s*计|本年收入合计|收入总计|一、)/;
/** How documents say a table is empty; "“上年结转”均无数据" (one column empty) is not it. */
export const EMPTY_MARK =
  /(此|本)表(无|为空|没有)数据|此表(如|若)无数|(此|本)表为空表|本(部门|单位)(无|没有)[^，。“”]{0,16}(预算|支出|经费)(，|。|$)|本(部门|单位)(无|没有)(该|此|相关)?(项目|数据)(，|。|$)|(无|没有)使用[^，。“”]{0,20}安排的[^，。“”]{0,6}(支出|经费)/;

/**
 * A body line holds an amount or a code, says there is none (无 as an empty table's only row), or is a
 * bare total row (合 计) as printed in empty tables.
 */
const isBodyLine = (line: Line, box: Box): boolean =>
  line.runs.some((r) => AMOUNT.test(r.text) || CODE.test(r.text)) ||
  line.runs.every((r) => squeeze(r.text) === "无") ||
  (TOTAL_LABEL.test(line.runs[0]!.text) && line.runs.length === 1 && line.runs[0]!.x0 < box.x0 + 0.5 * (box.x1 - box.x0));

/**
 * Rebuilds one table region: leaf columns from vertical rules crossing the body (or from white space
 * when there are none), header cells spread over the columns they span, body lines grouped into rows
 * (wrapped labels joined, never split into extra rows).
 * @example const grid = buildGrid(runsInBox, rulings, box); grid.columns[0].path; // ["项目", "科目编码", "类"]
 */
export function buildGrid(runs: readonly Run[], rulings: readonly Ruling[], box: Box, knownHeader?: ReadonlySet<string>): Grid {
  const vs = rulings.filter((r) => r.dir === "v" && r.pos >= box.x0 - 2 && r.pos <= box.x1 + 2 && r.end > box.y0 && r.start < box.y1);
  const hs = rulings.filter((r) => r.dir === "h" && r.pos >= box.y0 - 2 && r.pos <= box.y1 + 2 && r.end > box.x0 && r.start < box.x1);
  const notes: string[] = [];
  // A run that crosses a column rule holds two cells: cut it there before reading lines.
  const cut = cutAtRules(runs, vs);
  // 类 款 项 printed on the line of the 合计 row's numbers are a header line of their own.
  const lines = groupLines(cut)
    .flatMap((l) => {
      const levels = l.runs.filter((r) => CODE_LEVEL.test(squeeze(r.text)));
      if (levels.length < 2 || levels.length === l.runs.length) return [l];
      return [...groupLines(levels), ...groupLines(l.runs.filter((r) => !levels.includes(r)))];
    })
    .filter((l) => {
    const text = squeeze(l.text);
    if (!EMPTY_MARK.test(text) && !NOTE.test(text)) return true;
    notes.push(l.text);
    return false;
  });
  let bodyStart = lines.findIndex((l) => isBodyLine(l, box));
  // A table printed without any number (an empty 收支表) starts its body at its first item.
  if (bodyStart < 0) bodyStart = lines.findIndex((l) => l.runs.some((r) => FIRST_ITEM.test(r.text)));
  if (bodyStart < 0) bodyStart = lines.length;
  bodyStart = startAtHeaderRule(lines, bodyStart, hs, box);
  // A continuation page repeats the header it started with (or none); cells split by the page break
  // may print above it, and belong to the body.
  // The repeated header is one block of lines at the top or naming several columns: a wrapped label's
  // last word ("支出") that happens to be a header word too is body.
  const repeats = (l: Line): boolean => l.runs.every((r) => knownHeader!.has(squeeze(r.text)) || COLUMN_INDEX.test(squeeze(r.text)));
  let repeatStart = -1;
  let repeatEnd = -1;
  for (let i = 0; knownHeader && i < lines.length; i++) {
    if (!repeats(lines[i]!)) continue;
    let end = i;
    while (end < lines.length && repeats(lines[end]!)) end++;
    const texts = new Set(lines.slice(i, end).flatMap((l) => l.runs.map((r) => squeeze(r.text))));
    if (i === 0 || texts.size >= 2) {
      [repeatStart, repeatEnd] = [i, end];
      break;
    }
    i = end;
  }
  const inHeader = knownHeader
    ? (_: Line, i: number): boolean => i >= repeatStart && i < repeatEnd
    : (_: Line, i: number): boolean => i < bodyStart;
  const header = lines.filter(inHeader);
  const body = lines.filter((l, i) => !inHeader(l, i));
  const indexOf = new Map(lines.map((l, i) => [l, i]));

  // Leaf columns: rules that reach into the body (or the lowest header line when there is no body).
  const probe = body.length ? body : header.slice(-1);
  const probeTop = probe.length ? Math.min(...probe.map((l) => l.y0)) : box.y0;
  const probeBottom = probe.length ? Math.max(...probe.map((l) => l.y1)) : box.y1;
  // An empty table's only row (合计) may sit in a cell merged over the code columns: the rules running
  // down its empty rows still part them.
  const headerBottom = header.length ? Math.max(...header.map((l) => l.y1 + l.size)) : probeTop;
  const noData = !body.some((l) => l.runs.some((r) => AMOUNT.test(r.text)));
  const reach = noData ? Math.min(probeTop, headerBottom) : probeTop;
  const ruled = vs.filter((v) => v.start < probeBottom && v.end > reach).map((v) => v.pos);
  // Double borders and hairline gaps are no columns: rules closer than a narrow glyph are one.
  let bounds = dedupe([box.x0, ...ruled, box.x1], 4);
  const hasRules = bounds.length > 2;
  const textCuts = new Set<number>();
  if (!hasRules && probe.length) bounds = boundariesFromText(probe, header, box);
  else if (body.length) {
    // A ruled table may leave some columns unruled: split a ruled column where its body text
    // falls into clusters with a wide gap between (a label and its amount).
    for (const cut of unruledCuts(body, bounds, vs)) textCuts.add(cut);
    bounds = [...bounds, ...textCuts].sort((a, b) => a - b);
  }
  const placed = new ColumnBounds(bounds, vs, hasRules, textCuts);
  const columns: GridColumn[] = bounds.slice(0, -1).map((x0, c) => ({ path: [], x0, x1: bounds[c + 1]! }));
  assignHeader(header, columns, vs, hs, hasRules, textCuts, (line, index) => placed.piecesOf(line, index));

  const natural = body.map((line) => placed.piecesOf(line, indexOf.get(line)!));
  const counts = columns.map(() => ({ texts: 0, numbers: 0 }));
  for (const p of natural.flat()) {
    if (placed.merged(p.col, p)) continue;
    counts[p.col]!.texts++;
    if (NUMERIC.test(p.run.text)) counts[p.col]!.numbers++;
  }
  const numeric = counts.map((n) => n.texts > 0 && n.numbers > n.texts / 2);
  const mergedStart = (p: Piece): Piece => {
    if (!hasRules || !numeric[p.col] || NUMERIC.test(p.run.text)) return p;
    let col = p.col;
    while (placed.merged(col, p)) col--;
    return numeric[col] ? p : { ...p, col };
  };
  const bodyPieces = natural.map((pieces) => pieces.map(mergedStart));
  // Ruled row by row when some column has a rule for about every other line of text in it.
  const linesIn = columns.map(() => 0);
  for (const pieces of bodyPieces) for (const c of new Set(pieces.map((p) => p.col))) linesIn[c]!++;
  const bodyRuled = columns.some((col, c) => {
    const x = mid(col.x0, col.x1);
    const rules = hs.filter((h) => h.pos > probeTop && h.pos < probeBottom && h.start <= x + 1 && h.end >= x - 1).length;
    return rules >= 2 && rules >= linesIn[c]! / 2;
  });
  const groups = bodyRuled ? rowsByRules(bodyPieces, columns, hs) : rowsByLines(body, bodyPieces, hs);
  const rows = groups.map((pieces) => cellsOf(pieces, columns.length));
  const headerTexts = new Set(header.flatMap((l) => l.runs.map((r) => squeeze(r.text))));
  // A column with neither header nor any cell is the gap between two close rules, not a column.
  const keep = columns.map((c, i) => c.path.length > 0 || rows.some((r) => r[i] !== null));
  return {
    columns: columns.filter((_, i) => keep[i]),
    rows: rows.map((r) => r.filter((_, i) => keep[i])),
    notes,
    empty: notes.some((n) => EMPTY_MARK.test(squeeze(n))),
    headerTexts,
  };
}

/**
 * Where a ruled body's first row begins: a rowspan cell (a project over its indicators) centres its
 * numbers below the first row, so the body starts under the lowest full-width rule above the first
 * data line, when the body is ruled row by row.
 */
function startAtHeaderRule(lines: readonly Line[], bodyStart: number, hs: readonly Ruling[], box: Box): number {
  const first = lines[bodyStart];
  if (!first) return bodyStart;
  // Rows are counted by their numbers: a long wrapped text (a 绩效目标) makes many lines of one row.
  const below = lines.slice(bodyStart).filter((l) => l.runs.some((r) => NUMERIC.test(squeeze(r.text)))).length;
  if (hs.filter((h) => h.pos > first.y0).length < Math.max(2, below / 3)) return bodyStart;
  const full = hs.filter((h) => h.start <= box.x0 + 3 && h.end >= box.x1 - 3 && h.pos > box.y0 + 2 && h.pos < first.y0 + 1);
  if (!full.length) return bodyStart;
  const rule = Math.max(...full.map((h) => h.pos));
  let k = lines.findIndex((l) => mid(l.y0, l.y1) > rule);
  // 类 款 项 printed in the band of the 合计 row still name the code columns, as 栏次 numbers do.
  const names = (l: Line): boolean => l.runs.every((r) => CODE_LEVEL.test(squeeze(r.text)) || COLUMN_INDEX.test(squeeze(r.text)));
  while (k >= 0 && k < bodyStart && names(lines[k]!)) k++;
  return k >= 0 && k < bodyStart ? k : bodyStart;
}

// The helpers below are module functions and methods rather than closures made in each buildGrid call:
// V8 drops the optimized code of closures that are no longer alive at every full collection and compiles
// them again on the next table. As closures they were the costliest compiling of the whole worker after
// pdf.js's own (4.1 of 19.1 s of TurboFan time over 50 documents; 2.6 s as they are now).

/** A run that crosses a column rule holds two cells: it is cut there. */
function cutAtRules(runs: readonly Run[], vs: readonly Ruling[]): Run[] {
  const cut: Run[] = [];
  for (const run of runs) {
    const y = mid(run.y0, run.y1);
    const at: number[] = [];
    for (const v of vs) if (v.start <= y + 1 && v.end >= y - 1) at.push(v.pos);
    for (const piece of splitRunAt(run, at)) cut.push(piece);
  }
  return cut;
}

/** The leaf columns' boundaries and the rules standing on them: which column each piece of text is in. */
class ColumnBounds {
  readonly #bounds: readonly number[];
  readonly #ruled: boolean;
  readonly #textCuts: ReadonlySet<number>;
  /** the rules standing on each boundary, found once: every piece asks about them */
  readonly #rulesAt: Ruling[][];

  constructor(bounds: readonly number[], vs: readonly Ruling[], ruled: boolean, textCuts: ReadonlySet<number>) {
    this.#bounds = bounds;
    this.#ruled = ruled;
    this.#textCuts = textCuts;
    this.#rulesAt = rulesAtEach(vs, bounds);
  }

  colOf(x: number): number {
    const last = this.#bounds.length - 2;
    for (let c = 0; c < last; c++) if (x < this.#bounds[c + 1]!) return c;
    return last;
  }

  ruledAt(k: number, y: number): boolean {
    return verticalAt(this.#rulesAt[k]!, this.#bounds[k]!, y);
  }

  /** A line's runs cut at the column rules they cross, each piece in its column. */
  piecesOf(line: Line, index: number): Piece[] {
    const pieces: Piece[] = [];
    for (const run of line.runs) {
      const y = mid(run.y0, run.y1);
      const cuts: number[] = [];
      if (this.#ruled) for (let k = 1; k < this.#bounds.length - 1; k++) if (this.ruledAt(k, y)) cuts.push(this.#bounds[k]!);
      for (const r of splitRunAt(run, cuts)) pieces.push({ run: r, col: this.colOf(mid(r.x0, r.x1)), line: index });
    }
    return pieces;
  }

  /**
   * A label centred in a cell merged over a name column and an amount column (当年支出小计 across
   * 名称 and 金额) belongs to the name: the rules it crosses are missing at its height.
   */
  merged(col: number, p: Piece): boolean {
    return col > 0 && !this.#textCuts.has(this.#bounds[col]!) && !this.ruledAt(col, mid(p.run.y0, p.run.y1));
  }
}

/** One row's cells, column by column: the pieces of each joined, null where it has none. */
function cellsOf(pieces: readonly Piece[], columnCount: number): (GridCell | null)[] {
  const byCol: Piece[][] = Array.from({ length: columnCount }, () => []);
  for (const p of pieces) byCol[p.col]!.push(p);
  return byCol.map((cell) => (cell.length ? joinCell(cell) : null));
}
