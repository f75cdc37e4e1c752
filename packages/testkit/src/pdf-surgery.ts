import { readFileSync, writeFileSync } from "node:fs";
import { deflateSync, inflateSync } from "node:zlib";

/** One numbered object of a PDF: its dictionary text and, for a stream, its decoded bytes. */
export interface PdfObject {
  readonly num: number;
  readonly dict: string;
  readonly data: Buffer | null;
}

/**
 * Rewrites a PDF written with a classic cross-reference table (the samples, made by pdfkit): every object
 * goes through `edit` (FlateDecode streams decoded), and the file is written again with correct lengths
 * and offsets, so only what `edit` changed is damaged.
 * @example rewritePdf("a.pdf", "b.pdf", (o) => o)
 */
export function rewritePdf(source: string, path: string, edit: (o: PdfObject) => PdfObject): void {
  const bytes = readFileSync(source);
  const text = bytes.toString("latin1");
  const first = text.search(/\n\d+ 0 obj\n/) + 1;
  const chunks: Buffer[] = [bytes.subarray(0, first)];
  let length = first;
  const offsets = new Map<number, number>();
  for (const m of text.matchAll(/(?<=\n)(\d+) 0 obj\n/g)) {
    const start = m.index + m[0].length;
    const end = text.indexOf("\nendobj", start);
    const streamAt = text.indexOf("\nstream\n", start);
    const isStream = streamAt !== -1 && streamAt < end;
    const dict = text.slice(start, isStream ? streamAt : end);
    let data: Buffer | null = null;
    if (isStream) {
      const raw = bytes.subarray(streamAt + 8, streamAt + 8 + Number(/\/Length (\d+)/.exec(dict)![1]));
      data = /\/FlateDecode/.test(dict) ? inflateSync(raw) : raw;
    }
    const edited = edit({ num: Number(m[1]), dict, data });
    const out = edited.data && /\/FlateDecode/.test(edited.dict) ? deflateSync(edited.data) : edited.data;
    const body = out
      ? Buffer.concat([Buffer.from(`${edited.dict.replace(/\/Length \d+/, `/Length ${out.length}`)}\nstream\n`, "latin1"), out, Buffer.from("\nendstream", "latin1")])
      : Buffer.from(edited.dict, "latin1");
    const object = Buffer.concat([Buffer.from(`${edited.num} 0 obj\n`, "latin1"), body, Buffer.from("\nendobj\n", "latin1")]);
    offsets.set(edited.num, length);
    chunks.push(object);
    length += object.length;
  }
  const trailer = /trailer\n([\s\S]*?)\nstartxref/.exec(text)![1]!;
  const size = Number(/\/Size (\d+)/.exec(trailer)![1]);
  const entries = Array.from({ length: size }, (_, n) => {
    const at = offsets.get(n);
    return at === undefined ? "0000000000 65535 f \n" : `${String(at).padStart(10, "0")} 00000 n \n`;
  });
  chunks.push(Buffer.from(`xref\n0 ${size}\n${entries.join("")}trailer\n${trailer}\nstartxref\n${length}\n%%EOF\n`, "latin1"));
  writeFileSync(path, Buffer.concat(chunks));
}

/** The objects named as /ToUnicode maps in a PDF. */
const toUnicodeMaps = (source: string): Set<number> =>
  new Set([...readFileSync(source).toString("latin1").matchAll(/\/ToUnicode (\d+) 0 R/g)].map((m) => Number(m[1])));

/**
 * A copy whose ToUnicode maps send each character c ≥ U+3000 (Chinese, full-width punctuation) to `to(c)`,
 * leaving ASCII (digits, codes) as printed: what a damaged map does to a disclosure.
 * @example garbleToUnicode("a.pdf", "b.pdf", (c) => 0x0800 + ((c * 7919) % 0x2a00))
 */
export function garbleToUnicode(source: string, path: string, to: (codePoint: number) => number): void {
  const maps = toUnicodeMaps(source);
  rewritePdf(source, path, (o) => {
    if (!maps.has(o.num) || !o.data) return o;
    const hex = (h: string) => {
      const c = parseInt(h, 16);
      return c >= 0x3000 && c <= 0xffff ? to(c).toString(16).padStart(4, "0") : h;
    };
    // destinations: the array of each bfrange line, the second code of each bfchar line
    const cmap = o.data
      .toString("latin1")
      .replace(/^(<\w+> <\w+> )\[([^\]]*)\]/gm, (_, range: string, list: string) => `${range}[${list.replace(/<(\w{4})>/g, (__, h: string) => `<${hex(h)}>`)}]`)
      .replace(/^(<\w+> )<(\w{4})>$/gm, (_, code: string, h: string) => `${code}<${hex(h)}>`);
    return { ...o, data: Buffer.from(cmap, "latin1") };
  });
}

/**
 * A copy in which `size` bytes at `at` (a fraction of its length) of every embedded font program are
 * zeroed: a hole a damaged download or disk leaves.
 * @example punchFontHoles("a.pdf", "b.pdf", 4096, 0.5)
 */
export function punchFontHoles(source: string, path: string, size: number, at: number): void {
  rewritePdf(source, path, (o) => {
    if (!o.data || !/\/Subtype \/CIDFontType0C|\/Length1 /.test(o.dict)) return o;
    const data = Buffer.from(o.data);
    const start = Math.floor(data.length * at);
    data.fill(0, start, Math.min(data.length, start + size));
    return { ...o, data };
  });
}
