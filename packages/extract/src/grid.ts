import type { BBox } from "@yusuan/schema";
import { groupLines, type Line } from "./lines.js";
import type { Ruling } from "./rulings.js";
import { splitRunAt, type Run } from "./text-runs.js";

/** A rectangle of the displayed page. */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface GridCell {
  text: string;
  bbox: BBox;
}

export interface GridColumn {
  path: string[];
  x0: number;
  x1: number;
}

/** One table region rebuilt as header paths and body rows of cells. */
export interface Grid {
  columns: GridColumn[];
  rows: (GridCell | null)[][];
  /** lines of the body that say the table is empty (此表无数据) */
  emptyMarks: string[];
  /** the header's run texts, white space removed, to recognise the header repeated on the next page */
  headerTexts: Set<string>;
}

const AMOUNT = /^-?[\d,，]*\d\.\d+$|^-?\d{1,3}(,\d{3})+$/;
const CODE = /^\d{3,}$/;
const NUMERIC = /^[-+]?[\d,，.%]*\d[\d,，.%]*$/;
const TOTAL_LABEL = /^(合\s*计|总\s*计|本年收入合计|收入总计|一、)/;
/** How documents say a table is empty; "“上年结转”均无数据" (one column empty) is not it. */
export const EMPTY_MARK = /(此|本)表(无|为空|没有)数据|(此|本)表为空表|本(部门|单位)(无|没有)[^，。“”]{0,16}(预算|支出|经费)(，|。|$)/;
const COLUMN_INDEX = /^(\d{1,2}|\*+|栏次|[A-Z])$/;
/** Lines closer than this (in font sizes) without a rule between them are one wrapped row. */
const WRAP_GAP = 0.45;

const mid = (a: number, b: number): number => (a + b) / 2;
const squeeze = (s: string): string => s.replace(/\s+/g, "");

/** Is there a rule at x = pos crossing height y? */
const verticalAt = (vs: readonly Ruling[], x: number, y: number, tol = 2): boolean =>
  vs.some((v) => Math.abs(v.pos - x) <= tol && v.start <= y + 1 && v.end >= y - 1);

/** Is there a horizontal rule between heights a < b crossing x? */
const horizontalBetween = (hs: readonly Ruling[], a: number, b: number, x: number): boolean =>
  hs.some((h) => h.pos > a && h.pos < b && h.start <= x + 1 && h.end >= x - 1);

function dedupe(xs: number[], tol: number): number[] {
  const out: number[] = [];
  for (const x of [...xs].sort((a, b) => a - b)) if (!out.length || x - out[out.length - 1]! > tol) out.push(x);
  return out;
}

/**
 * Column boundaries from white space: clusters of x ranges the body runs cover, plus header text
 * standing over no body cluster (a column left blank in every row), cut midway between clusters.
 */
function boundariesFromText(body: readonly Line[], header: readonly Line[], box: Box): number[] {
  const size = Math.min(...body.map((l) => l.size));
  const spans = body.flatMap((l) => l.runs.map((r) => [r.x0, r.x1] as [number, number])).sort((a, b) => a[0] - b[0]);
  const clusters: [number, number][] = [];
  for (const [x0, x1] of spans) {
    const last = clusters[clusters.length - 1];
    if (last && x0 - last[1] < 0.5 * size) last[1] = Math.max(last[1], x1);
    else clusters.push([x0, x1]);
  }
  const heads = header.flatMap((l) => l.runs);
  const overlaps = (c: [number, number], r: { x0: number; x1: number }): boolean => r.x0 < c[1] && r.x1 > c[0];
  const headed = new Set(clusters.filter((c) => heads.some((r) => overlaps(c, r))));
  for (const r of heads) {
    if (clusters.some((c) => overlaps(c, r))) continue;
    // A header centred over right-aligned numbers may miss them; it names the nearest unnamed cluster
    // unless another header stands between. Otherwise it names a column left blank in every row.
    const distance = (c: [number, number]): number => Math.max(c[0] - r.x1, r.x0 - c[1]);
    const near = clusters
      .filter((c) => !headed.has(c) && distance(c) < 3 * (r.x1 - r.x0))
      .filter((c) => !heads.some((h) => h !== r && Math.min(h.x1, Math.max(c[0], r.x0)) > Math.max(h.x0, Math.min(c[1], r.x1))))
      .sort((a, b) => distance(a) - distance(b))[0];
    if (near) {
      near[0] = Math.min(near[0], r.x0);
      near[1] = Math.max(near[1], r.x1);
      headed.add(near);
    } else {
      const own: [number, number] = [r.x0, r.x1];
      clusters.push(own);
      headed.add(own);
    }
  }
  clusters.sort((a, b) => a[0] - b[0]);
  const cuts = [box.x0];
  for (let i = 1; i < clusters.length; i++) {
    const gapStart = Math.max(...clusters.slice(0, i).map((c) => c[1]));
    if (clusters[i]![0] > gapStart) cuts.push(mid(gapStart, clusters[i]![0]));
  }
  cuts.push(box.x1);
  return cuts;
}

/** Cuts inside ruled columns where the body's runs form clusters at least a font size apart. */
function unruledCuts(body: readonly Line[], bounds: readonly number[]): number[] {
  const cuts: number[] = [];
  const runs = body.flatMap((l) => l.runs);
  for (let c = 0; c + 1 < bounds.length; c++) {
    const inside = runs.filter((r) => mid(r.x0, r.x1) > bounds[c]! && mid(r.x0, r.x1) < bounds[c + 1]!).sort((a, b) => a.x0 - b.x0);
    let reach = -Infinity;
    for (const r of inside) {
      if (reach > -Infinity && r.x0 - reach >= r.size) cuts.push(mid(reach, r.x0));
      reach = Math.max(reach, r.x1);
    }
  }
  return cuts;
}

/** A body line holds an amount or a code, or is a bare total row (合 计) as printed in empty tables. */
const isBodyLine = (line: Line, box: Box): boolean =>
  line.runs.some((r) => AMOUNT.test(r.text) || CODE.test(r.text)) ||
  (TOTAL_LABEL.test(line.runs[0]!.text) && line.runs.length === 1 && line.runs[0]!.x0 < box.x0 + 0.5 * (box.x1 - box.x0));

interface Piece {
  run: Run;
  col: number;
  line: number;
}

function joinCell(pieces: readonly Piece[]): GridCell {
  const sorted = [...pieces].sort((a, b) => a.line - b.line || a.run.x0 - b.run.x0);
  let text = "";
  sorted.forEach((p, i) => {
    const prev = sorted[i - 1];
    text += prev && prev.line === p.line ? ` ${p.run.text}` : p.run.text;
  });
  const bbox: BBox = [
    Math.min(...sorted.map((p) => p.run.x0)),
    Math.min(...sorted.map((p) => p.run.y0)),
    Math.max(...sorted.map((p) => p.run.x1)),
    Math.max(...sorted.map((p) => p.run.y1)),
  ];
  return { text, bbox };
}

/**
 * Rebuilds one table region: leaf columns from vertical rules crossing the body (or from white space
 * when there are none), header cells spread over the columns they span, body lines grouped into rows
 * (wrapped labels joined, never split into extra rows).
 * @example const grid = buildGrid(runsInBox, rulings, box); grid.columns[0].path; // ["项目", "科目编码", "类"]
 */
export function buildGrid(runs: readonly Run[], rulings: readonly Ruling[], box: Box, knownHeader?: ReadonlySet<string>): Grid {
  const vs = rulings.filter((r) => r.dir === "v" && r.pos >= box.x0 - 2 && r.pos <= box.x1 + 2 && r.end > box.y0 && r.start < box.y1);
  const hs = rulings.filter((r) => r.dir === "h" && r.pos >= box.y0 - 2 && r.pos <= box.y1 + 2 && r.end > box.x0 && r.start < box.x1);
  const emptyMarks: string[] = [];
  // A run that crosses a column rule holds two cells: cut it there before reading lines.
  const cut = runs.flatMap((r) => {
    const y = mid(r.y0, r.y1);
    return splitRunAt(r, vs.filter((v) => v.start <= y + 1 && v.end >= y - 1).map((v) => v.pos));
  });
  const lines = groupLines(cut).filter((l) => {
    if (!EMPTY_MARK.test(l.text.replace(/\s/g, ""))) return true;
    emptyMarks.push(l.text);
    return false;
  });
  let bodyStart = lines.findIndex((l) => isBodyLine(l, box));
  if (bodyStart < 0) bodyStart = lines.length;
  bodyStart = startAtHeaderRule(lines, bodyStart, hs, box);
  // A continuation page repeats the header it started with (or none); cells split by the page break
  // may print above it, and belong to the body.
  const inHeader = knownHeader
    ? (l: Line): boolean => l.runs.every((r) => knownHeader.has(squeeze(r.text)) || COLUMN_INDEX.test(squeeze(r.text)))
    : (_: Line, i: number): boolean => i < bodyStart;
  const header = lines.filter(inHeader);
  const body = lines.filter((l, i) => !inHeader(l, i));
  const indexOf = new Map(lines.map((l, i) => [l, i]));

  // Leaf columns: rules that reach into the body (or the lowest header line when there is no body).
  const probe = body.length ? body : header.slice(-1);
  const probeTop = probe.length ? Math.min(...probe.map((l) => l.y0)) : box.y0;
  const probeBottom = probe.length ? Math.max(...probe.map((l) => l.y1)) : box.y1;
  const ruled = vs.filter((v) => v.start < probeBottom && v.end > probeTop).map((v) => v.pos);
  let bounds = dedupe([box.x0, ...ruled, box.x1], 2);
  const hasRules = bounds.length > 2;
  const textCuts = new Set<number>();
  if (!hasRules && probe.length) bounds = boundariesFromText(probe, header, box);
  else if (body.length) {
    // A ruled table may leave some columns unruled: split a ruled column where its body text
    // falls into clusters with a wide gap between (a label and its amount).
    for (const cut of unruledCuts(body, bounds)) textCuts.add(cut);
    bounds = [...bounds, ...textCuts].sort((a, b) => a - b);
  }
  const colCount = bounds.length - 1;
  const colOf = (x: number): number => {
    for (let c = 0; c < colCount; c++) if (x < bounds[c + 1]!) return c;
    return colCount - 1;
  };

  const piecesOf = (line: Line, index: number): Piece[] =>
    line.runs.flatMap((run) => {
      const y = mid(run.y0, run.y1);
      const cuts = hasRules ? bounds.slice(1, -1).filter((x) => verticalAt(vs, x, y)) : [];
      return splitRunAt(run, cuts).map((r) => ({ run: r, col: colOf(mid(r.x0, r.x1)), line: index }));
    });

  const columns: GridColumn[] = bounds.slice(0, -1).map((x0, c) => ({ path: [], x0, x1: bounds[c + 1]! }));
  assignHeader(header, columns, vs, hs, hasRules, textCuts, piecesOf);

  const bodyPieces = body.map((line) => piecesOf(line, indexOf.get(line)!));
  // Ruled row by row when some column has a rule for about every other line of text in it.
  const bodyRuled = columns.some((col, c) => {
    const x = mid(col.x0, col.x1);
    const rules = hs.filter((h) => h.pos > probeTop && h.pos < probeBottom && h.start <= x + 1 && h.end >= x - 1).length;
    const texts = bodyPieces.filter((pieces) => pieces.some((p) => p.col === c)).length;
    return rules >= 2 && rules >= texts / 2;
  });
  const groups = bodyRuled ? rowsByRules(bodyPieces, columns, hs) : rowsByLines(body, bodyPieces, hs);
  const rows = groups.map((pieces) => {
    const byCol = new Map<number, Piece[]>();
    for (const p of pieces) byCol.set(p.col, [...(byCol.get(p.col) ?? []), p]);
    return columns.map((_, c) => (byCol.has(c) ? joinCell(byCol.get(c)!) : null));
  });
  const headerTexts = new Set(header.flatMap((l) => l.runs.map((r) => squeeze(r.text))));
  return { columns, rows, emptyMarks, headerTexts };
}

/**
 * Where a ruled body's first row begins: a rowspan cell (a project over its indicators) centres its
 * numbers below the first row, so the body starts under the lowest full-width rule above the first
 * data line, when the body is ruled row by row.
 */
function startAtHeaderRule(lines: readonly Line[], bodyStart: number, hs: readonly Ruling[], box: Box): number {
  const first = lines[bodyStart];
  if (!first) return bodyStart;
  const below = lines.length - bodyStart;
  if (hs.filter((h) => h.pos > first.y0).length < Math.max(2, below / 3)) return bodyStart;
  const full = hs.filter((h) => h.start <= box.x0 + 3 && h.end >= box.x1 - 3 && h.pos > box.y0 + 2 && h.pos < first.y0 + 1);
  if (!full.length) return bodyStart;
  const rule = Math.max(...full.map((h) => h.pos));
  const k = lines.findIndex((l) => mid(l.y0, l.y1) > rule);
  return k >= 0 && k < bodyStart ? k : bodyStart;
}

/**
 * Rows of a body ruled row by row: a piece belongs to the cell whose top rule is the nearest rule
 * above it in its own column, and so to the row that starts at that rule (a rowspan's text goes to
 * its first row, a wrapped cell stays whole).
 */
function rowsByRules(bodyPieces: readonly Piece[][], columns: readonly GridColumn[], hs: readonly Ruling[]): Piece[][] {
  const tops = [...new Set(hs.map((h) => Math.round(h.pos * 2) / 2))].sort((a, b) => a - b);
  const rows = new Map<number, Piece[]>();
  for (const p of bodyPieces.flat()) {
    const x = mid(columns[p.col]!.x0, columns[p.col]!.x1);
    const y = mid(p.run.y0, p.run.y1);
    const above = hs.filter((h) => h.pos < y && h.start <= x + 1 && h.end >= x - 1).map((h) => h.pos);
    const top = above.length ? Math.max(...above) : -Infinity;
    const key = top === -Infinity ? -1 : tops.findIndex((t) => Math.abs(t - top) <= 1);
    rows.set(key, [...(rows.get(key) ?? []), p]);
  }
  return [...rows.entries()].sort((a, b) => a[0] - b[0]).map(([, pieces]) => pieces);
}

/**
 * Rows of a body without rules between rows: a line starts a new row unless it wraps the row above
 * (close, no rule between, no column where both hold a number, at most one column continued), or is
 * part of a label centred around its row's numbers.
 */
function rowsByLines(body: readonly Line[], bodyPieces: readonly Piece[][], hs: readonly Ruling[]): Piece[][] {
  const rows: Piece[][] = [];
  const claimedBy = centredWraps(body, bodyPieces, hs);
  let current: { pieces: Piece[]; last: Line } | null = null;
  body.forEach((line, i) => {
    if (claimedBy.has(i)) return;
    const pieces = [...bodyPieces[i]!];
    for (const [j, anchor] of claimedBy) if (anchor === i) pieces.push(...bodyPieces[j]!);
    if (current) {
      const prev = current.last;
      const xs = pieces.map((p) => mid(p.run.x0, p.run.x1));
      const ruleBetween = xs.some((x) => horizontalBetween(hs, mid(prev.y0, prev.y1), mid(line.y0, line.y1), x));
      const close = line.y0 - prev.y1 < WRAP_GAP * Math.min(line.size, prev.size);
      const shared = new Set(pieces.filter((p) => current!.pieces.some((q) => q.col === p.col)).map((p) => p.col));
      const numberClash = pieces.some(
        (p) => NUMERIC.test(p.run.text) && current!.pieces.some((q) => q.col === p.col && NUMERIC.test(q.run.text)),
      );
      if (!ruleBetween && close && !numberClash && shared.size < 2) {
        current.pieces.push(...pieces);
        current.last = line;
        return;
      }
      rows.push(current.pieces);
    }
    current = { pieces, last: line };
  });
  if (current) rows.push((current as { pieces: Piece[] }).pieces);
  return rows;
}

const isData = (pieces: readonly Piece[]): boolean => pieces.some((p) => NUMERIC.test(p.run.text));

/**
 * Cells centred vertically in a row whose label wraps: the row's numbers sit on a line of their own,
 * with the label's lines spread evenly above and below it. Each such line is claimed by the data line
 * it surrounds (line index → data line index). Only lines holding no number, in columns where the data
 * line has nothing, at the same pitch on both sides, with no rule between, are claimed.
 */
function centredWraps(body: readonly Line[], pieces: readonly Piece[][], hs: readonly Ruling[]): Map<number, number> {
  const claimed = new Map<number, number>();
  const cols = (i: number): Set<number> => new Set(pieces[i]!.map((p) => p.col));
  body.forEach((line, d) => {
    if (!isData(pieces[d]!)) return;
    const own = cols(d);
    for (let k = 1; d - k >= 0 && d + k < body.length; k++) {
      const u = d - k;
      const b = d + k;
      if (claimed.has(u) || claimed.has(b) || isData(pieces[u]!) || isData(pieces[b]!)) break;
      if ([...cols(u), ...cols(b)].some((c) => own.has(c))) break;
      const above = body[u + 1]!.baseline - body[u]!.baseline;
      const below = body[b]!.baseline - body[b - 1]!.baseline;
      if (Math.abs(above - below) > 0.3 * line.size) break;
      const x = mid(Math.min(...pieces[u]!.map((p) => p.run.x0)), Math.max(...pieces[u]!.map((p) => p.run.x1)));
      if (horizontalBetween(hs, body[u]!.y1, body[b]!.y0, x)) break;
      claimed.set(u, d);
      claimed.set(b, d);
    }
  });
  return claimed;
}

/**
 * Without rules, group headers are centred over their columns and overlap few of them. When the top
 * header line holds several cells (收入 | 支出), each takes the columns whose first header cell below
 * sits on the same line as the cells right under it (its children), nearest centre first; a column
 * whose header stands between the levels (a rowspan like 合计) stays on its own.
 */
function splitTopLevel(cells: HeaderCell[], columns: readonly GridColumn[]): void {
  const first = cells[0];
  if (!first) return;
  const top = cells.filter((c) => c.y0 < first.y1);
  if (top.length < 2) return;
  const rest = cells.filter((c) => !top.includes(c));
  const x0 = (c: HeaderCell): number => Math.min(...c.pieces.map((p) => p.run.x0));
  const x1 = (c: HeaderCell): number => Math.max(...c.pieces.map((p) => p.run.x1));
  const size = first.pieces[0]!.run.size;
  const childLine = new Map<HeaderCell, number>();
  for (const t of top) {
    const under = rest.filter((c) => c.c0 <= t.c1 && c.c1 >= t.c0);
    if (under.length) childLine.set(t, Math.min(...under.map((c) => c.y0)));
  }
  const owners = columns.map((col, k) => {
    const below = rest.filter((c) => c.c0 <= k && c.c1 >= k);
    if (!below.length) return null;
    const line = Math.min(...below.map((c) => c.y0));
    const x = mid(col.x0, col.x1);
    const eligible = top.filter((t) => childLine.has(t) && Math.abs(childLine.get(t)! - line) < 0.5 * size);
    return eligible.sort((a, b) => Math.abs(mid(x0(a), x1(a)) - x) - Math.abs(mid(x0(b), x1(b)) - x))[0] ?? null;
  });
  for (const cell of top) {
    const mine = owners.map((o, i) => (o === cell ? i : -1)).filter((i) => i >= 0);
    if (!mine.length) continue;
    cell.c0 = Math.min(cell.c0, ...mine);
    cell.c1 = Math.max(cell.c1, ...mine);
  }
}

interface HeaderCell {
  c0: number;
  c1: number;
  y0: number;
  y1: number;
  pieces: Piece[];
}

/** Spreads header text over the leaf columns its cell spans and writes each column's path. */
function assignHeader(
  header: readonly Line[],
  columns: GridColumn[],
  vs: readonly Ruling[],
  hs: readonly Ruling[],
  hasRules: boolean,
  textCuts: ReadonlySet<number>,
  piecesOf: (line: Line, index: number) => Piece[],
): void {
  const cells: HeaderCell[] = [];
  header.forEach((line, i) => {
    for (const p of piecesOf(line, i)) {
      const y = mid(p.run.y0, p.run.y1);
      let c0 = p.col;
      let c1 = p.col;
      // Without rules a header spans the columns it substantially overlaps.
      const covers = (c: GridColumn): boolean =>
        Math.min(p.run.x1, c.x1) - Math.max(p.run.x0, c.x0) >= 0.5 * Math.min(p.run.x1 - p.run.x0, c.x1 - c.x0);
      if (hasRules) {
        const open = (x: number, next: GridColumn): boolean => !verticalAt(vs, x, y) && (!textCuts.has(x) || covers(next));
        while (c0 > 0 && open(columns[c0]!.x0, columns[c0 - 1]!)) c0--;
        while (c1 < columns.length - 1 && open(columns[c1]!.x1, columns[c1 + 1]!)) c1++;
      } else {
        while (c0 > 0 && covers(columns[c0 - 1]!)) c0--;
        while (c1 < columns.length - 1 && covers(columns[c1 + 1]!)) c1++;
      }
      const x = mid(columns[c0]!.x0, columns[c1]!.x1);
      const same = cells.find(
        (h) =>
          h.c0 === c0 &&
          h.c1 === c1 &&
          p.run.y0 - h.y1 < (hasRules ? 1.2 : 0.5) * p.run.size &&
          !horizontalBetween(hs, mid(h.y0, h.y1), y, x) &&
          !horizontalBetween(hs, h.y1 - 0.5, p.run.y0 + 0.5, mid(p.run.x0, p.run.x1)),
      );
      if (same) {
        same.pieces.push(p);
        same.y0 = Math.min(same.y0, p.run.y0);
        same.y1 = Math.max(same.y1, p.run.y1);
      } else cells.push({ c0, c1, y0: p.run.y0, y1: p.run.y1, pieces: [p] });
    }
  });
  cells.sort((a, b) => a.y0 - b.y0);
  if (!hasRules) splitTopLevel(cells, columns);
  for (const cell of cells) {
    const text = joinCell(cell.pieces).text.replace(/\s+/g, "");
    // Column index rows ("栏次", 1 2 3 …, "**") number the columns; they name nothing.
    if (COLUMN_INDEX.test(text)) continue;
    for (let c = cell.c0; c <= cell.c1; c++) columns[c]!.path.push(text);
  }
}
