import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { punchFontHoles, samplePdfs } from "@yusuan/testkit";
import { afterAll, describe, expect, it } from "vitest";
import { extractDocument } from "./extract-document.js";

const dir = mkdtempSync(join(tmpdir(), "yusuan-warnings-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("pdf.js warnings per document", () => {
  // A 4 KB hole in the middle of each embedded CFF font: pdf.js warns for every damaged glyph it is shown.
  const damaged = join(dir, "font-hole.pdf");
  punchFontHoles(samplePdfs().find((p) => p.includes("dazhou"))!, damaged, 4096, 0.5);
  const bytes = () => new Uint8Array(readFileSync(damaged));

  it("past the limit the document fails at once with the reason, instead of pdf.js retrying every glyph", async () => {
    const started = performance.now();
    await expect(extractDocument(bytes(), { fileName: "font-hole.pdf", maxWarnings: 100 })).rejects.toThrow(
      /^pdf\.js reported more than 100 problems reading it \(the first: .+\); a damaged font or stream$/,
    );
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it("under the limit the damaged font costs nothing: the text still reads through its ToUnicode map", async () => {
    const doc = await extractDocument(bytes(), { fileName: "font-hole.pdf" });
    expect(doc.tables.length).toBeGreaterThan(10);
    expect(doc.findings.filter((f) => f.severity === "error")).toEqual([]);
  });
});
