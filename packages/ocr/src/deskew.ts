import type { GrayImage } from "./image.js";

/** Ink: darker than this on 0…255 (noise and blur leave print well below it, paper well above). */
export const INK = 150;
/** Scans are rotated by a degree or two; searched in these steps. */
const MAX_SKEW = 3;
const STEP = 0.05;

/**
 * The angle (degrees, positive: clockwise) the page's print is rotated by: the one at which ink
 * falls into the fewest, fullest rows (table rules and text lines line up), found by trying angles.
 * @example rotate(scan, -skewAngle(scan)) // straightened
 */
export function skewAngle(img: GrayImage): number {
  // Every other ink pixel of every other row is plenty to find a line's slope.
  const xs: number[] = [];
  const ys: number[] = [];
  for (let y = 0; y < img.height; y += 2) {
    for (let x = 0; x < img.width; x += 2) {
      if (img.data[y * img.width + x]! < INK) {
        xs.push(x);
        ys.push(y);
      }
    }
  }
  let best = 0;
  let bestScore = -1;
  const rows = new Float64Array(img.height + img.width);
  for (let a = -MAX_SKEW; a <= MAX_SKEW + 1e-9; a += STEP) {
    const tan = Math.tan((a * Math.PI) / 180);
    rows.fill(0);
    const offset = img.width;
    for (let i = 0; i < xs.length; i++) rows[Math.round(ys[i]! - xs[i]! * tan) + offset]! += 1;
    let score = 0;
    for (const n of rows) score += n * n;
    if (score > bestScore) {
      bestScore = score;
      best = a;
    }
  }
  return Math.round(best / STEP) * STEP;
}
