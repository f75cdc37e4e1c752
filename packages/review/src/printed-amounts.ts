import type { Line } from "@yusuan/extract";
import type { ReviewedCell } from "@yusuan/load";
import type { BBox } from "@yusuan/schema";

/**
 * A cell drawn over its page: an extracted amount of a database, or any cell extraction detected (inspect),
 * whose text is then in `amountText` and whose unit may be unknown ("").
 */
export interface ShownCell extends Pick<ReviewedCell, "id" | "tableNo" | "tableTitle" | "label" | "measure" | "amountText" | "page" | "bbox"> {
  readonly amountUnit: string;
}

/** An amount printed in a table row of a page, where it is printed, and the extracted cell that holds it (if any). */
export interface PrintedAmount {
  /** as printed (`5,504,558.00`) */
  readonly text: string;
  readonly bbox: BBox;
  /** the id of the extracted cell at this place holding this number, or null: printed but not extracted */
  readonly cell: number | null;
}

/**
 * A printed amount as ../shared/tools/check-real counts it for coverage: thousands separators or 2 to 6
 * decimals, not part of a longer number, not followed by a unit (万元, 元, %, 亿).
 */
const AMOUNT = /(?<![\d.,])-?(?:\d{1,3}(?:,\d{3})+(?:\.\d{1,6})?|\d+\.\d{2,6})(?![\d.,])(?!\s*[%％万元亿])/g;

/**
 * A decimal as a canonical string (no separators, no trailing zeros), so printed and stored digits compare.
 * @example canonical("1,234.50") // "1234.5"
 */
export const canonical = (text: string): string => {
  const plain = text.replace(/,/g, "");
  return plain.includes(".") ? plain.replace(/0+$/, "").replace(/\.$/, "") : plain;
};

/** Half a point either way: a glyph's estimated extent and a cell's bbox need not agree to the hundredth. */
const SLACK = 0.5;

const holds = (b: BBox, x: number, y: number): boolean => x >= b[0] - SLACK && x <= b[2] + SLACK && y >= b[1] - SLACK && y <= b[3] + SLACK;

/**
 * The amounts printed in the table rows of one page (lines holding two amounts or more, the coverage rule of
 * check-real), each matched to the extracted cell of that page whose box holds its centre and whose digits
 * are the same number. Those left with no cell are what extraction missed on the page.
 * @example printedAmounts(groupLines(buildRuns(view.items)), cellsOfPage) // [{ text: "5,504,558.00", bbox: […], cell: 1 }, …]
 */
export function printedAmounts(lines: readonly Line[], cells: readonly ShownCell[]): PrintedAmount[] {
  const found: PrintedAmount[] = [];
  for (const line of lines) {
    const tokens = [...line.text.matchAll(AMOUNT)];
    if (tokens.length < 2) continue;
    // line.text is the runs' texts joined by one space, each run's text one character per glyph
    let start = 0;
    const runAt = line.runs.map((run) => {
      const at = start;
      start += run.text.length + 1;
      return at;
    });
    for (const token of tokens) {
      const offset = token.index;
      const r = runAt.findLastIndex((at) => at <= offset);
      const run = line.runs[r]!;
      const first = run.glyphs[offset - runAt[r]!];
      const last = run.glyphs[offset - runAt[r]! + token[0].length - 1];
      const bbox: BBox = first && last ? [first.x0, run.y0, last.x1, run.y1] : [run.x0, run.y0, run.x1, run.y1];
      const [x, y] = [(bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2];
      const number = canonical(token[0]);
      const cell = cells.find((c) => holds(c.bbox, x, y) && canonical(c.amountText) === number);
      found.push({ text: token[0], bbox, cell: cell?.id ?? null });
    }
  }
  return found;
}
