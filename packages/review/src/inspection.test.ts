import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { extractDocument } from "@yusuan/extract";
import type { ExtractedDocument } from "@yusuan/schema";
import { samplePdfs } from "@yusuan/testkit";
import { beforeAll, describe, expect, it } from "vitest";
import { inspectionHtml } from "./inspection.js";

const pdf = samplePdfs().find((p) => p.includes("dazhou_rsxxzx_2025"))!;
const bytes = new Uint8Array(readFileSync(pdf));
let doc: ExtractedDocument;
beforeAll(async () => {
  doc = await extractDocument(bytes, { fileName: basename(pdf) });
});

const detected = (d: ExtractedDocument) => d.tables.flatMap((t) => t.rows.flatMap((r) => r.cells.filter((c) => c !== null))).length;

describe("inspect --html: the review page of one PDF as extraction read it", () => {
  it("is one file: every page inlined as an image, every detected cell outlined, its style and script inside", async () => {
    const html = await inspectionHtml(doc, bytes);
    expect(html.match(/<img src="data:image\/webp;base64,/g)).toHaveLength(doc.pageCount);
    expect(html.match(/<rect id="c\d+" class="cell"/g)).toHaveLength(detected(doc));
    expect(html).toContain("<style>");
    expect(html).toContain("<script>");
    expect(html).not.toMatch(/href="(index\.html|review\.css)"|src="review\.js"/);
    // every amount printed in a table row is one a detected cell holds
    expect(html).toMatch(/coverage (\d+)\/\1 \(100\.0%\)/);
  });

  it("with the pages of one table only, draws just those pages", async () => {
    const table = doc.tables.find((t) => t.tableNo === "1-2")!;
    const html = await inspectionHtml({ ...doc, tables: [table] }, bytes, { pages: table.pages });
    expect([...html.matchAll(/<section class="page" id="p(\d+)"/g)].map((m) => Number(m[1]))).toEqual(table.pages);
    expect(html.match(/<rect id="c\d+" class="cell"/g)).toHaveLength(detected({ ...doc, tables: [table] }));
  });
});
