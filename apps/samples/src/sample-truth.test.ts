import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { hasPdftotext, sampleDocs, type TruthRow } from "@yusuan/testkit";
import { describe, expect, it } from "vitest";
import { findCjkFonts, MissingFontError, type CjkFonts } from "./font.js";
import type { SampleDocument } from "./model.js";
import { renderDocument } from "./render-document.js";
import { formatAmount } from "./row-cells.js";
import { isRatioColumn, sampleTruth } from "./truth.js";

// What every committed sample promises of its truth file, whatever its layout.
const samples = sampleDocs();
const input = (name: string): SampleDocument =>
  JSON.parse(readFileSync(fileURLToPath(new URL(`../data/${name.replace(/_sample$/, "")}.json`, import.meta.url)), "utf8")) as SampleDocument;
const cents = (row: TruthRow, column: string): number => Math.round(Number(row.values[column] ?? "0") * 100);

function fontsFor(doc: SampleDocument): CjkFonts | null {
  try {
    return findCjkFonts(doc.style.font);
  } catch (error) {
    if (error instanceof MissingFontError) return null;
    throw error;
  }
}



describe.each(samples.map((s) => [s.name, s] as const))("%s", (name, sample) => {
  const doc = input(name);
  const fonts = fontsFor(doc);

  it.skipIf(fonts === null)("is what the generator writes, the same bytes on every run (needs fonts-noto-cjk)", async () => {
    if (fonts === null) return;
    const first = await renderDocument(doc, fonts);
    const second = await renderDocument(doc, fonts);
    expect(first.pdf.equals(second.pdf)).toBe(true);
    expect(first.pdf.equals(readFileSync(sample.pdf))).toBe(true);
    expect(JSON.parse(JSON.stringify(sampleTruth(doc, first)))).toEqual(sample.truth);
  });

  it("each row with children = Σ its children that are not 其中 parts, per amount column; a 其中 part ≤ its parent", () => {
    for (const table of sample.truth.tables) {
      const rows = table.rows ?? [];
      rows.forEach((parent, p) => {
        const children = rows.filter((r) => r.parent === p);
        if (children.length === 0) return;
        for (const column of table.columns.filter((c) => !isRatioColumn(c))) {
          const where = `表${table.table_no} row ${p} ${parent.label} ${column}`;
          const addends = children.filter((c) => c.of_which !== true);
          if (addends.length > 0) expect(addends.reduce((a, c) => a + cents(c, column), 0), where).toBe(cents(parent, column));
          for (const part of children.filter((c) => c.of_which === true)) expect(cents(part, column), where).toBeLessThanOrEqual(cents(parent, column));
        }
      });
    }
  });

  it("a parent is printed above its rows, or is the 合计 at the foot of its list (a two-up 人员经费合计)", () => {
    for (const table of sample.truth.tables)
      (table.rows ?? []).forEach((r, i) => {
        if (r.parent === undefined) return;
        if (table.rows?.[r.parent]?.row_kind === "total" && r.parent > i) expect(table.rows.slice(i, r.parent).every((x) => x.row_kind !== "total")).toBe(true);
        else expect(r.parent, `表${table.table_no} row ${i}`).toBeLessThan(i);
      });
  });

  it.skipIf(!hasPdftotext())("prints every amount of its truth on the pages of its table (pdftotext -layout)", () => {
    const separators = sample.truth.thousands_separators === true;
    for (const table of sample.truth.tables) {
      const pages = table.pages;
      if (pages.length === 0 || !table.rows?.some((r) => Object.keys(r.values).length > 0)) continue;
      const text = execFileSync("pdftotext", ["-layout", "-f", String(pages[0]), "-l", String(pages.at(-1)), sample.pdf, "-"], { encoding: "utf8" });
      const printed = new Map<string, number>();
      for (const token of text.match(/-?[\d,]+\.\d\d/g) ?? []) printed.set(token, (printed.get(token) ?? 0) + 1);
      for (const row of table.rows)
        for (const value of Object.values(row.values)) {
          const token = formatAmount(value, separators);
          const left = printed.get(token) ?? 0;
          expect(left, `表${table.table_no} ${row.label} ${token}`).toBeGreaterThan(0);
          printed.set(token, left - 1);
        }
    }
  });
});
