/**
 * The order a batch's files are read in, and how many heavy ones may be read at once.
 *
 * A heavy file is one pdf.js needs about twice a usual document's memory to read: ≥ 1 MB of embedded font
 * programs (see `embeddedFontBytes`), 330–350 MB at its peak against 150–170 MB. Two read side by side
 * set the peak of a whole run; with one at a time the peak no longer grows with the size of the batch.
 */

/** Embedded font programs from which a file is heavy: pdf.js spends 60–100 bytes per byte of them at once. */
export const HEAVY_FONT_BYTES = 1024 * 1024;

/** How many heavy files the pool reads at once while lighter ones wait: one per two processes, at least one. */
export const heavyAtOnce = (jobs: number): number => Math.max(1, Math.floor(jobs / 2));

/** At most one heavy file in this many consecutive places, while lighter files remain to go between them. */
const HEAVY_SPACING = 4;

/**
 * Largest first: the long documents start while the short ones keep the other processes busy, so a batch
 * never waits on its largest file at the end. Heavy files (often the largest) are spaced out among the others,
 * so that while one is read (and the next heavy one waits its turn) the other processes find lighter files
 * within the pool's look-ahead. Files of one size keep their input order, and the order does not depend on
 * the number of processes: documents are loaded (and numbered) in it, the same on every run.
 * @example readingOrder([{ bytes: 9, heavy: true }, { bytes: 8, heavy: true }, { bytes: 1, heavy: false }]) // 9, 1, 8
 */
export function readingOrder<T extends { bytes: number; heavy: boolean }>(files: readonly T[]): T[] {
  const bySize = files.map((file, at) => ({ file, at })).sort((a, b) => b.file.bytes - a.file.bytes || a.at - b.at);
  const heavy = bySize.filter((f) => f.file.heavy).map((f) => f.file);
  const light = bySize.filter((f) => !f.file.heavy).map((f) => f.file);
  const order: T[] = [];
  let sinceHeavy = HEAVY_SPACING;
  while (heavy.length > 0 || light.length > 0) {
    const heavyMayGo = heavy.length > 0 && (sinceHeavy >= HEAVY_SPACING || light.length === 0);
    const takeHeavy = heavyMayGo && (light.length === 0 || heavy[0]!.bytes >= light[0]!.bytes);
    order.push(takeHeavy ? heavy.shift()! : light.shift()!);
    sinceHeavy = takeHeavy ? 1 : sinceHeavy + 1;
  }
  return order;
}
