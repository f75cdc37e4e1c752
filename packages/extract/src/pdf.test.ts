import { readFileSync } from "node:fs";
import { samplePdfs } from "@yusuan/testkit";
import { describe, expect, it } from "vitest";
import { fontsLoaded, readPdf } from "./pdf.js";

describe("readPdf", () => {
  it("lets pdf.js load embedded fonts (into nothing) instead of compiling every glyph into a path", async () => {
    const before = fontsLoaded();
    const pages = await readPdf(new Uint8Array(readFileSync(samplePdfs()[0]!)), (page) => page.items.length);
    expect(pages.some((items) => items > 0)).toBe(true);
    expect(fontsLoaded()).toBeGreaterThan(before);
  });

  it("tells each page once it is read, with the page count, in order", async () => {
    const told: string[] = [];
    const pages = await readPdf(new Uint8Array(readFileSync(samplePdfs()[0]!)), (page) => page.page, { onPage: (page, count) => told.push(`${page}/${count}`) });
    expect(pages.length).toBeGreaterThan(1);
    expect(told).toEqual(pages.map((p) => `${p}/${pages.length}`));
  });
});
