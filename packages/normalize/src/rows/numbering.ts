import { compact } from "../labels.js";

/**
 * The numbering styles templates print before labels. Which style nests under which is not fixed
 * (一、 over （一） over 1、 over （1） is common, not universal): a table's own order of first use says it.
 */
export type NumberingStyle = "一、" | "（一）" | "1、" | "（1）" | "①";

/** How a label is numbered: its style, and whether it opens with 其中 (a part of the row above). */
export interface Numbering {
  style: NumberingStyle | null;
  partOf: boolean;
}

const STYLES: readonly (readonly [NumberingStyle, RegExp])[] = [
  ["（一）", /^[（(][一二三四五六七八九十百]+[)）]/],
  ["一、", /^[一二三四五六七八九十百]+[、.．,，]/],
  ["（1）", /^[（(]\d{1,2}[)）]/],
  ["1、", /^\d{1,2}(?:[、，,]|[.．](?!\d))/],
  ["①", /^[①-⑳]/],
];
const PART_OF = /^其中[:：]?/;

/**
 * Reads the numbering a label starts with.
 * @example numberingOf("其中：（1）公务用车购置费") // { style: "（1）", partOf: true }
 */
export function numberingOf(label: string): Numbering {
  let text = compact(label);
  const partOf = PART_OF.test(text);
  text = text.replace(PART_OF, "");
  const style = STYLES.find(([, pattern]) => pattern.test(text))?.[0] ?? null;
  return { style, partOf };
}

/**
 * The style order of a table: each style nests under those first used before it. An unnumbered
 * heading over a numbered run ("运行保障类项目" over 1. 2. 3.) takes a level of its own.
 */
export class NumberingStack {
  private readonly open: { style: NumberingStyle | "heading"; row: number }[] = [];

  /**
   * The row a numbered row is printed under (null: none of the numbered rows above), after which
   * it stands for its style. A style already open closes everything opened after it.
   * @example const s = new NumberingStack(); s.place("1、", 3); s.place("（1）", 4) // 3
   */
  place(style: NumberingStyle | "heading", row: number): number | null {
    const at = this.open.findIndex((o) => o.style === style);
    if (at >= 0) this.open.splice(at);
    const parent = this.open.at(-1)?.row ?? null;
    this.open.push({ style, row });
    return parent;
  }
}
