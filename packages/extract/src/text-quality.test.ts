import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { garbleToUnicode, samplePdfs } from "@yusuan/testkit";
import { afterAll, describe, expect, it } from "vitest";
import { extractDocument } from "./extract-document.js";
import { sampleText, unreadableText } from "./text-quality.js";

const dir = mkdtempSync(join(tmpdir(), "yusuan-text-quality-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const sample = samplePdfs().find((p) => p.includes("dazhou"))!;

/** The findings on the text of `sample` once its ToUnicode maps send each Chinese character c to `to(c)`. */
async function garbled(name: string, to: (c: number) => number) {
  const path = join(dir, `${name}.pdf`);
  garbleToUnicode(sample, path, to);
  const doc = await extractDocument(new Uint8Array(readFileSync(path)), { fileName: `${name}.pdf` });
  return doc.findings.filter((f) => f.code === "garbled_text");
}

describe("sampleText", () => {
  it("counts characters outside the expected scripts and the budget words", () => {
    expect(sampleText(3, ["功能科目编码", " 合计 ", "201"], 3)).toEqual({ page: 3, chars: 11, foreign: 0, ideographs: 8, words: 3, example: "", drawn: 3 });
    expect(sampleText(3, ["࣏㜭、ⴞ㕆⸱"], 1)).toMatchObject({ chars: 6, foreign: 5, ideographs: 0, words: 0, example: "࣏㜭ⴞ㕆⸱" });
  });
});

describe("unreadableText", () => {
  it("finds nothing wrong in the samples", async () => {
    for (const pdf of samplePdfs()) {
      const doc = await extractDocument(new Uint8Array(readFileSync(pdf)), { fileName: pdf });
      expect(doc.findings.filter((f) => f.code === "garbled_text"), pdf).toEqual([]);
    }
  });

  it("says a page is unreadable when a damaged ToUnicode map sends its Chinese text to other scripts", async () => {
    const [finding, ...more] = await garbled("scripts", (c) => 0x0800 + ((c * 7919) % 0x2a00));
    expect(more).toEqual([]);
    expect(finding).toMatchObject({ severity: "error", page: expect.any(Number) });
    expect(finding!.message).toMatch(/^the text of \d+ of 21 pages is unreadable: \d+% of its characters are outside the Chinese and Latin scripts \(.+…\), a damaged font or ToUnicode map; pages /);
  });

  it("says the text is unreadable when the map sends ideographs to other ideographs that never spell a budget word", async () => {
    const findings = await garbled("ideographs", (c) => 0x4e00 + (((c - 0x3000) * 7919) % 0x5200));
    expect(findings.map((f) => f.message)).toEqual([expect.stringMatching(/^the text is unreadable: \d+ Chinese characters on \d+ pages spell a budget word \(预算, 支出, 合计 …\) (nowhere|only \d times)/)]);
  });

  it("says text drawn on every page that decodes to nothing is unreadable, not a scan; on some pages, warns", () => {
    const silent = sampleText(2, [" ", ""], 120);
    expect(unreadableText([silent, sampleText(3, [], 0)])).toEqual([
      expect.objectContaining({ severity: "error", message: "the text is unreadable: 1 page(s) draw text that decodes to no character, a damaged font or ToUnicode map; pages 2" }),
    ]);
    expect(unreadableText([silent, sampleText(3, ["部门预算"], 1)])).toEqual([expect.objectContaining({ severity: "warning", page: 2 })]);
    expect(unreadableText([sampleText(1, [], 0)])).toEqual([]);
  });

  it("warns of a few characters no disclosure prints, on a page that otherwise reads", () => {
    const page = sampleText(4, ["住房公积金", "住房輀ᘀἀ", "2210201", "部门预算支出合计", "一般公共预算财政拨款支出".repeat(3)], 5);
    expect(unreadableText([page])).toEqual([
      expect.objectContaining({ severity: "warning", page: 4, message: expect.stringMatching(/^2 character\(s\) on 1 page\(s\) are of no script a disclosure is printed in \(ᘀἀ\)/) }),
    ]);
  });
});
