import { AMOUNT, mid, rulesAtEach, verticalAt, type Box } from "./grid-parts.js";
import type { Line } from "./lines.js";
import type { Ruling } from "./rulings.js";
import type { Run } from "./text-runs.js";

/** Sorted positions with near-duplicates (within `tol`) dropped. */
export function dedupe(xs: number[], tol: number): number[] {
  const out: number[] = [];
  for (const x of [...xs].sort((a, b) => a - b)) if (!out.length || x - out[out.length - 1]! > tol) out.push(x);
  return out;
}

/**
 * Column boundaries from white space: clusters of x ranges the body runs cover, plus header text
 * standing over no body cluster (a column left blank in every row), cut midway between clusters.
 */
export function boundariesFromText(body: readonly Line[], header: readonly Line[], box: Box): number[] {
  const size = Math.min(...body.map((l) => l.size));
  const runs = body.flatMap((l) => l.runs).sort((a, b) => a.x0 - b.x0);
  const clusters: [number, number][] = [];
  const counts = new Map<[number, number], { amounts: number; all: number }>();
  let edge: Run | null = null;
  for (const r of runs) {
    const last = clusters[clusters.length - 1];
    // Right-aligned amounts may end right where the next column's words begin: still two columns.
    const amountThenWords = edge !== null && AMOUNT.test(edge.text) && !AMOUNT.test(r.text) && r.x0 >= edge.x1 - 0.5;
    if (last && r.x0 - last[1] < 0.5 * size && !amountThenWords) {
      if (r.x1 > last[1]) (last[1] = r.x1), (edge = r);
    } else {
      clusters.push([r.x0, r.x1]);
      edge = r;
    }
    const c = clusters[clusters.length - 1]!;
    const n = counts.get(c) ?? { amounts: 0, all: 0 };
    counts.set(c, { amounts: n.amounts + (AMOUNT.test(r.text) ? 1 : 0), all: n.all + 1 });
  }
  const numeric = (c: [number, number]): boolean => (counts.get(c)?.amounts ?? 0) * 2 > (counts.get(c)?.all ?? 1);
  // Lowest header texts first: leaves claim their columns before the group headers above them.
  const heads = header.flatMap((l) => l.runs).sort((a, b) => b.y0 - a.y0);
  const overlaps = (c: [number, number], r: { x0: number; x1: number }): boolean => r.x0 < c[1] && r.x1 > c[0];
  // A group header over two columns (基本支出 over 人员经费 | 公用经费) names neither of them.
  const leaves = heads.filter((h) => !groups(h, heads));
  const headed = new Set(clusters.filter((c) => leaves.some((r) => overlaps(c, r))));
  for (const r of heads) {
    if (clusters.some((c) => overlaps(c, r) && (headed.has(c) || !leaves.includes(r)))) continue;
    // A header centred over right-aligned numbers may miss them; it names the nearest unnamed cluster
    // unless another header stands between. Otherwise it names a column left blank in every row, unless
    // it stands over other header text (收入 over 项目 | 预算数): a group, not a column.
    const distance = (c: [number, number]): number => Math.max(c[0] - r.x1, r.x0 - c[1]);
    // Numbers are right-aligned and words left-aligned: a header right of the numbers' end, or left
    // of the words' start, belongs to another column.
    const centre = mid(r.x0, r.x1);
    const sideOk = (c: [number, number]): boolean => (numeric(c) ? centre <= c[1] + 0.5 * size : centre >= c[0] - 0.5 * size);
    const near = clusters
      .filter((c) => !headed.has(c) && sideOk(c) && distance(c) < 3 * (r.x1 - r.x0))
      .filter((c) => {
        const [g0, g1] = c[0] >= r.x1 ? [r.x1, c[0]] : [c[1], r.x0];
        return !heads.some((h) => h !== r && mid(h.x0, h.x1) > g0 + 0.5 && mid(h.x0, h.x1) < g1 - 0.5);
      })
      .sort((a, b) => distance(a) - distance(b))[0];
    if (near) {
      near[0] = Math.min(near[0], r.x0);
      near[1] = Math.max(near[1], r.x1);
      headed.add(near);
    } else if (!groups(r, heads)) {
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

/** Does other header text stand below this one: right under it, or on both sides of its centre? */
function groups(r: Run, heads: readonly Run[]): boolean {
  const below = heads.filter((h) => h.y0 >= r.y1 - 1);
  const centre = mid(r.x0, r.x1);
  const reach = 10 * r.size;
  return (
    below.some((h) => h.x1 > r.x0 && h.x0 < r.x1) ||
    (below.some((h) => h.x1 <= centre && centre - h.x1 < reach) && below.some((h) => h.x0 >= centre && h.x0 - centre < reach))
  );
}

/**
 * Cuts inside ruled columns where labels and, right of them, amounts stand at least a font size apart.
 * Text in a cell merged over this column and the next (a 合计 label whose rules are missing at its
 * height) says nothing of the column.
 */
export function unruledCuts(body: readonly Line[], bounds: readonly number[], vs: readonly Ruling[]): number[] {
  const cuts: number[] = [];
  const runs = body.flatMap((l) => l.runs);
  const rulesAt = rulesAtEach(vs, bounds);
  const ruledAt = (k: number, r: Run): boolean => k === 0 || k === bounds.length - 1 || verticalAt(rulesAt[k]!, bounds[k]!, mid(r.y0, r.y1));
  for (let c = 0; c + 1 < bounds.length; c++) {
    const inside = runs
      .filter((r) => mid(r.x0, r.x1) > bounds[c]! && mid(r.x0, r.x1) < bounds[c + 1]! && ruledAt(c, r) && ruledAt(c + 1, r))
      .sort((a, b) => a.x0 - b.x0);
    let reach = -Infinity;
    for (const r of inside) {
      const cut = mid(reach, r.x0);
      // Only a label beside its amounts: a centred 合计 beside left-aligned names is one column.
      // (Asked only at a wide gap: asking at every run is quadratic in the column's runs.)
      const numbersRight = (): boolean => inside.every((q) => q.x0 <= cut || AMOUNT.test(q.text));
      if (reach > -Infinity && r.x0 - reach >= r.size && numbersRight()) cuts.push(cut);
      reach = Math.max(reach, r.x1);
    }
  }
  return cuts;
}
