import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { findCjkFonts, MissingFontError, type CjkFonts } from "./font.js";
import type { SampleDocument } from "./model.js";
import { renderDocument } from "./render-document.js";

const doc = JSON.parse(readFileSync(new URL("../data/chengling_tjj_2025.json", import.meta.url), "utf8")) as SampleDocument;

function fontsOrNull(): CjkFonts | null {
  try {
    return findCjkFonts(doc.style.font);
  } catch (error) {
    if (error instanceof MissingFontError) return null;
    throw error;
  }
}
const fonts = fontsOrNull();

describe("findCjkFonts", () => {
  it("names the Debian package when the collections are missing", () => {
    expect(() => findCjkFonts("sans", "/nonexistent")).toThrow(/fonts-noto-cjk/);
  });
});

describe.skipIf(fonts === null)("renderDocument (needs fonts-noto-cjk)", () => {
  // (that every sample renders to the same bytes each time is in sample-truth.test.ts)
  it("produces a PDF under 400 KB with every table on increasing pages", async () => {
    if (fonts === null) return;
    const first = await renderDocument(doc, fonts);
    expect(first.pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(first.pdf.length).toBeLessThan(400 * 1024);
    const pages = doc.tables.map((t) => first.tablePages.get(t.table_no) ?? []);
    expect(pages.every((p) => p.length > 0)).toBe(true);
    const flat = pages.flat();
    expect(flat).toEqual([...flat].sort((a, b) => a - b));
    expect(Math.max(...flat)).toBeLessThan(first.pageCount);
  });

  it("runs the long 表1-2 over two pages", async () => {
    if (fonts === null) return;
    const rendered = await renderDocument(doc, fonts);
    expect(rendered.tablePages.get("1-2")).toHaveLength(2);
  });
});
