import { createHash } from "node:crypto";

/** One share of a collection split across machines: shard `index` (1-based) of `count`. */
export interface Shard {
  index: number;
  count: number;
}

/**
 * Reads `K/N` (1 ≤ K ≤ N) as a shard, or null when it is not one.
 * @example parseShard("2/8") // { index: 2, count: 8 }
 */
export function parseShard(text: string): Shard | null {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!m) return null;
  const [index, count] = [Number(m[1]), Number(m[2])];
  return index >= 1 && count >= 1 && index <= count ? { index, count } : null;
}

/**
 * Does a document belong to this shard? It is placed by its content's sha256 (by its path where the file
 * cannot be read), so every copy of one content falls in one shard, a renamed or moved file stays where it
 * was, a re-run takes the same share, and an added file changes no other file's place.
 * @example inShard("9f86d08…", { index: 1, count: 3 }) // true or false, the same on every run and machine
 */
export function inShard(sha256OrPath: string, shard: Shard): boolean {
  const digest = /^[0-9a-f]{64}$/.test(sha256OrPath) ? sha256OrPath : createHash("sha256").update(sha256OrPath).digest("hex");
  return Number(BigInt(`0x${digest.slice(0, 16)}`) % BigInt(shard.count)) === shard.index - 1;
}
