import { readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { garbleToUnicode, punchFontHoles, rewritePdf } from "@yusuan/testkit";
import { swapPageObjects } from "./bad-inputs.js";

/**
 * A small deterministic random source (mulberry32): the same seed gives the same mutants on every run.
 * @example const random = seeded(15); random.below(10) // 0 … 9
 */
export function seeded(seed: number) {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, below: (n: number): number => Math.floor(next() * n) };
}

type Random = ReturnType<typeof seeded>;

/** The damages a disclosure meets, each writing a damaged copy of `source` to `path`. */
const DAMAGES: Record<string, (source: string, path: string, random: Random) => void> = {
  "bytes flipped": (source, path, random) => {
    const bytes = Buffer.from(readFileSync(source));
    for (let i = 1 + random.below(40); i > 0; i--) {
      const at = random.below(bytes.length);
      bytes[at] = bytes[at]! ^ (1 << random.below(8));
    }
    writeFileSync(path, bytes);
  },
  "4 KB zeroed": (source, path, random) => {
    const bytes = Buffer.from(readFileSync(source));
    const at = random.below(bytes.length);
    bytes.fill(0, at, at + 4096);
    writeFileSync(path, bytes);
  },
  truncated: (source, path, random) => {
    const bytes = readFileSync(source);
    writeFileSync(path, bytes.subarray(0, Math.floor(bytes.length * (0.2 + 0.75 * random.next()))));
  },
  "page objects swapped": (source, path) => swapPageObjects(source, path),
  "ToUnicode to other scripts": (source, path, random) => {
    const step = 7919 + 2 * random.below(1000);
    garbleToUnicode(source, path, (c) => 0x0800 + ((c * step) % 0x2a00));
  },
  "ToUnicode to other ideographs": (source, path, random) => {
    const step = 7919 + 2 * random.below(1000);
    garbleToUnicode(source, path, (c) => 0x4e00 + (((c - 0x3000) * step) % 0x5200));
  },
  "font hole": (source, path, random) => punchFontHoles(source, path, 4096, random.next()),
  "object dropped": (source, path, random) => {
    const objects = (readFileSync(source).toString("latin1").match(/\n\d+ 0 obj\n/g) ?? []).length;
    const victim = 1 + random.below(objects);
    rewritePdf(source, path, (o) => (o.num === victim ? { num: o.num, dict: "null", data: null } : o));
  },
  "content stream scrambled": (source, path, random) => {
    let streams = 0;
    rewritePdf(source, path, (o) => {
      if (!o.data || /\/Subtype|\/Type|\/Length1/.test(o.dict) || streams++ % 3 !== 0) return o;
      const data = Buffer.from(o.data);
      for (let i = 1 + random.below(20); i > 0; i--) data[random.below(data.length)] = random.below(256);
      return { ...o, data };
    });
  },
};

/**
 * Writes `count` damaged copies of the `sources` into `dir`, chosen by `seed`: `m07-font-hole-<sample>.pdf` …
 * @example const mutants = makeMutants(samplePdfs(), tmp, 30, 15); // [{ path, damage }, …]
 */
export function makeMutants(sources: readonly string[], dir: string, count: number, seed: number): { path: string; damage: string }[] {
  const random = seeded(seed);
  const kinds = Object.keys(DAMAGES);
  return Array.from({ length: count }, (_, i) => {
    const damage = kinds[i % kinds.length]!;
    const source = sources[random.below(sources.length)]!;
    const path = join(dir, `m${String(i).padStart(2, "0")}-${damage.replaceAll(" ", "-")}-${basename(source)}`);
    DAMAGES[damage]!(source, path, random);
    return { path, damage };
  });
}
