import type { ExtractedTable } from "@yusuan/schema";
import { squeeze } from "./grid-parts.js";
import type { Line } from "./lines.js";

/** "部门支出总表（表 1-2）", "部门收支总表（公开表 1）" as 目录 and 情况说明 print them. */
const REFERENCE = /([^\s，。；：:、]{2,40}?)[（(](?:公开|附)?表([0-9]+(?:-[0-9]+)*)[）)]/g;
/** No reference holds one of these, and every reference holds a "（表N": see {@link tableReferences}. */
const SEPARATOR = /[，。；：:、]/;
const NUMBER_IN_BRACKETS = /[（(](?:公开|附)?表[0-9]/;

/** Length of the longest common subsequence: how much of one title survives in the other. */
function lcs(a: string, b: string): number {
  const row = new Array<number>(b.length + 1).fill(0);
  for (const ca of a) {
    let diag = 0;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j]!;
      row[j] = ca === b[j - 1] ? diag + 1 : Math.max(row[j]!, row[j - 1]!);
      diag = up;
    }
  }
  return row[b.length]!;
}

/**
 * The tables a document's own text refers to by title and number (目录, 情况说明), in order.
 * @example tableReferences("一、部门收支总表（表1）"); // [{ title: "部门收支总表", no: "1" }]
 */
export function tableReferences(text: string): { title: string; no: string }[] {
  const flat = text.replace(/\s+/g, "");
  // REFERENCE tries its lazy title at every position, which is slow over a whole document. No match
  // crosses a separator, so only the pieces between separators that hold a "（表N" are searched.
  const pieces = flat.split(SEPARATOR).filter((piece) => NUMBER_IN_BRACKETS.test(piece));
  return pieces.flatMap((piece) => [...piece.matchAll(REFERENCE)]).map((m) => ({ title: bare(m[1]!.replace(/^.*[、.．]/, "")), no: m[2]! }));
}

const bare = (title: string): string => title.replace(/[（(][^）)]*年度?[）)]/g, "").replace(/^[一二三四五六七八九十]+、/, "");

/**
 * Gives tables printed without a number the number the document's own text assigns to their title
 * (目录 or 情况说明: "部门收支总表（公开表 1）"); similar titles count, the closest wins.
 * @example numberFromReferences(tables, "一、部门收支总表（表1）…"); tables[0].tableNo; // "1"
 */
export function numberFromReferences(tables: ExtractedTable[], text: string): void {
  const refs = tableReferences(text);
  if (!refs.length) return;
  const taken = new Set(tables.map((t) => t.tableNo).filter((n) => n !== null));
  for (const table of tables) {
    if (table.tableNo !== null || !table.title) continue;
    const title = bare(table.title);
    let best: { no: string; score: number } | null = null;
    for (const ref of refs) {
      if (taken.has(ref.no)) continue;
      const score = ref.title === title ? 2 : lcs(ref.title, title) / Math.max(ref.title.length, title.length);
      if (score >= 0.75 && (!best || score > best.score)) best = { no: ref.no, score };
    }
    if (best) {
      table.tableNo = best.no;
      taken.add(best.no);
    }
  }
}

/** A table of contents drawn as a grid (报表目录): it lists tables, it is none. */
const CONTENTS = /^(报表|表格)?目录$/;
const LISTED = /^(?:公开|附)?表\s*([0-9]+(?:-[0-9]+)*)$/;

/**
 * Takes the 目录 drawn as a table out of the tables, and marks the tables it lists as empty
 * (是否空表: 是) empty: a template printed with no data, not a table we failed to read.
 * @example withoutContents(tables, linesOfPage) // tables less the 报表目录; 表16 marked empty
 */
export function withoutContents(tables: readonly ExtractedTable[], linesOf: (page: number) => readonly Line[]): ExtractedTable[] {
  const contents = tables.filter((t) => CONTENTS.test(t.title));
  const empty = new Set<string>();
  for (const t of contents)
    for (const line of t.pages.flatMap(linesOf)) {
      const no = LISTED.exec(squeeze(line.runs[0]?.text ?? ""))?.[1];
      if (no && line.runs.some((r) => squeeze(r.text) === "是")) empty.add(no);
    }
  for (const t of tables) if (t.tableNo !== null && empty.has(t.tableNo) && !t.rows.some((r) => r.cells.some((c) => c && /\d\.\d/.test(c.text)))) t.empty = true;
  return tables.filter((t) => !contents.includes(t));
}
