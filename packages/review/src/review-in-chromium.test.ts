import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { extractDocument } from "@yusuan/extract";
import { reviewedDocuments, type BudgetDatabase, type ReviewedDocument } from "@yusuan/load";
import { samplePdfs } from "@yusuan/testkit";
import type { Browser, Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumMissing, launchChromium, pixelSpread } from "./chromium.fixture.js";
import { inspectionHtml } from "./inspection.js";
import { ingest } from "./samples.fixture.js";
import { writeReview, type ReviewSummary } from "./write-review.js";

/**
 * The report of the seven samples opened from disk in headless Chromium, as an analyst opens it. With
 * YUSUAN_SCREENSHOT set (npm run screenshot), the screenshot of a finding's cells is kept there (docs/review.png).
 */
const missing = chromiumMissing();
const dir = mkdtempSync(join(tmpdir(), "yusuan-chromium-"));
const out = join(dir, "review");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(missing)("the review of the samples in Chromium", () => {
  let db: BudgetDatabase;
  let documents: ReviewedDocument[];
  let summary: ReviewSummary;
  let browser: Browser;
  beforeAll(async () => {
    db = await ingest(join(dir, "budget.sqlite"), samplePdfs());
    documents = reviewedDocuments(db);
    summary = await writeReview(db, out);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    db?.close();
  });

  /** Opens a file of the report in a fresh tab, collecting every console error, script error and failed request. */
  async function open(file: string): Promise<{ page: Page; problems: string[] }> {
    const page = await browser.newPage();
    await page.setViewport({ width: 1400, height: 900 });
    const problems: string[] = [];
    page.on("console", (m) => void (m.type() === "error" && problems.push(`console: ${m.text()}`)));
    page.on("pageerror", (e) => void problems.push(`script: ${e instanceof Error ? e.message : String(e)}`));
    page.on("requestfailed", (r) => void problems.push(`request: ${r.url()} ${r.failure()?.errorText}`));
    await page.goto(`${pathToFileURL(join(out, file)).href}`, { waitUntil: "load" });
    return { page, problems };
  }
  /** Loads every image now (they load lazily as the reader scrolls), so a broken one is a failed request; how many loaded. */
  const loadImages = (page: Page) =>
    page.evaluate(`Promise.all([...document.images].map((i) => { i.loading = "eager"; return i.decode(); }))
      .then(() => [...document.images].filter((i) => i.naturalWidth > 0).length)`);
  const count = (page: Page, selector: string) => page.evaluate(`document.querySelectorAll(${JSON.stringify(selector)}).length`);

  it("lists every document of the database on the index, without a console error", async () => {
    const { page, problems } = await open("index.html");
    expect(await count(page, "tr.document")).toBe(documents.length);
    expect(await page.evaluate(`[...document.querySelectorAll("tr.document a")].map((a) => a.textContent)`)).toEqual(documents.map((d) => d.fileName));
    expect(problems).toEqual([]);
    await page.close();
  });

  it("shows each document's pages, cells and findings as the database holds them, every page image loading", async () => {
    const amountsOf = db.prepare<[number], number>("SELECT count(*) FROM amounts a JOIN line_items li ON li.id = a.line_item_id JOIN budget_tables t ON t.id = li.table_id WHERE t.document_id = ?").pluck();
    for (const d of documents) {
      const { page, problems } = await open(`d${d.id}.html`);
      expect(await count(page, "section.page"), d.fileName).toBe(d.pageCount);
      expect(await count(page, "rect.cell"), d.fileName).toBe(amountsOf.get(d.id));
      expect(await count(page, "li.finding"), d.fileName).toBe(d.findings.length);
      expect(await loadImages(page), d.fileName).toBe(d.pageCount);
      expect(problems, d.fileName).toEqual([]);
      await page.close();
    }
    expect(summary).toMatchObject({ documents: samplePdfs().length, notDrawn: 0, findings: documents.reduce((s, d) => s + d.findings.length, 0) });
  });

  it("highlights a finding's cells when its link is clicked and scrolls them into view; the page is not blank", async () => {
    const d = documents.find((x) => x.fileName.startsWith("dazhou"))!;
    const { page, problems } = await open(`d${d.id}.html`);
    const link = "a.finding-link[data-cells]:not([data-cells=''])";
    const cells = (await page.evaluate(`document.querySelector("${link}").dataset.cells.split(" ")`)) as string[];
    expect(cells.length).toBeGreaterThan(0);
    expect(await count(page, "rect.hl")).toBe(0);
    await page.click(link);
    expect(await page.evaluate(`[...document.querySelectorAll("rect.hl")].map((r) => r.id)`)).toEqual(cells);
    const box = (await page.evaluate(`(() => { const r = document.getElementById("${cells[0]}").getBoundingClientRect(); return [r.top, r.bottom, innerHeight]; })()`)) as number[];
    expect(box[0]).toBeGreaterThanOrEqual(0);
    expect(box[1]).toBeLessThanOrEqual(box[2]!);
    expect(await count(page, ".finding.on")).toBe(1);
    await loadImages(page);
    const png = await page.screenshot({ type: "png" });
    expect(await pixelSpread(png)).toBeGreaterThan(20);
    expect(problems).toEqual([]);
    if (process.env.YUSUAN_SCREENSHOT) writeFileSync(resolve(process.env.YUSUAN_SCREENSHOT), png);
    await page.close();
  });

  it("opens inspect --html's single file alone: its pages drawn, its cells outlined, no console error", async () => {
    const pdf = samplePdfs().find((p) => p.includes("qinglan_sfj_2026_final"))!;
    const bytes = new Uint8Array(readFileSync(pdf));
    const extracted = await extractDocument(bytes, { fileName: basename(pdf) });
    writeFileSync(join(out, "..", "inspect.html"), await inspectionHtml(extracted, bytes));
    const { page, problems } = await open("../inspect.html");
    expect(await count(page, "section.page")).toBe(extracted.pageCount);
    expect(await count(page, "rect.cell")).toBe(extracted.tables.flatMap((t) => t.rows.flatMap((r) => r.cells.filter((c) => c !== null))).length);
    expect(await loadImages(page)).toBe(extracted.pageCount);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("a blank page is told apart: one colour spreads by nothing", async () => {
    const page = await browser.newPage();
    await page.setViewport({ width: 400, height: 300 });
    await page.setContent("<body style='margin:0;background:#f3f3f1'></body>");
    expect(await pixelSpread(await page.screenshot({ type: "png" }))).toBeLessThan(1);
    await page.close();
  });
});
