import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { rewritePdf, samplePdfs, type PdfObject } from "@yusuan/testkit";
import { afterAll, describe, expect, it } from "vitest";
import { embeddedFontBytes } from "./font-programs.js";

const dir = mkdtempSync(join(tmpdir(), "yusuan-fonts-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const isFontProgram = (o: PdfObject) => o.data !== null && /\/Length1 |\/Subtype \/(?:Type1C|CIDFontType0C|OpenType)/.test(o.dict);
const storedLength = (o: PdfObject) => Number(/\/Length (\d+)/.exec(o.dict)![1]);

/** The stored lengths of a PDF's font programs, as its own objects give them, and a copy made by `edit`. */
function rewritten(source: string, edit: (o: PdfObject) => PdfObject = (o) => o): { fontBytes: number; path: string } {
  const path = join(dir, `${Math.random().toString(36).slice(2)}.pdf`);
  let fontBytes = 0;
  rewritePdf(source, path, edit);
  rewritePdf(path, join(dir, "again.pdf"), (o) => {
    if (isFontProgram(o)) fontBytes += storedLength(o);
    return o;
  });
  return { fontBytes, path };
}

describe("embeddedFontBytes: what a PDF's embedded fonts will cost pdf.js, known before reading it", () => {
  it("counts the stored bytes of every embedded font program, as the PDF's own objects give their lengths", () => {
    for (const sample of samplePdfs()) {
      const { fontBytes, path } = rewritten(sample);
      expect(fontBytes, sample).toBeGreaterThan(10_000);
      expect(embeddedFontBytes(readFileSync(path)), sample).toBe(fontBytes);
    }
  });

  it("grows with the font programs, not with the rest of the file", () => {
    const [sample] = samplePdfs();
    const plain = rewritten(sample!);
    // bytes that do not compress, so the stored programs grow as much
    const bigFonts = rewritten(sample!, (o) => (isFontProgram(o) ? { ...o, data: Buffer.concat([o.data!, randomBytes(3 * o.data!.length)]) } : o));
    const bigPages = rewritten(sample!, (o) => (o.data && !isFontProgram(o) ? { ...o, data: Buffer.concat([o.data, Buffer.alloc(200_000, 32)]) } : o));
    expect(embeddedFontBytes(readFileSync(bigFonts.path))).toBe(bigFonts.fontBytes);
    expect(bigFonts.fontBytes).toBeGreaterThan(2 * plain.fontBytes);
    expect(embeddedFontBytes(readFileSync(bigPages.path))).toBe(plain.fontBytes);
  });

  it("is 0 for a PDF whose fonts are not embedded, and for bytes that are no PDF", () => {
    const [sample] = samplePdfs();
    const unembedded = rewritten(sample!, (o) => (isFontProgram(o) ? { num: o.num, dict: "<< >>", data: null } : o));
    expect(unembedded.fontBytes).toBe(0);
    expect(embeddedFontBytes(readFileSync(unembedded.path))).toBe(0);
    expect(embeddedFontBytes(new Uint8Array(0))).toBe(0);
    expect(embeddedFontBytes(Buffer.from("/Length1 123 but no stream follows"))).toBe(0);
  });
});
