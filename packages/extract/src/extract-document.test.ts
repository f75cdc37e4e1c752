import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import type { ExtractedDocument, ExtractedTable } from "@yusuan/schema";
import { ExtractedDocument as ExtractedDocumentSchema } from "@yusuan/schema";
import { corpusDocs, normText, realPdfs, sampleDocs, sharedMissing, type CorpusDoc, type CorpusTruth, type TruthRow, type TruthTable } from "@yusuan/testkit";
import { beforeAll, describe, expect, it } from "vitest";
import { extractDocument } from "./extract-document.js";
import { readPdf } from "./pdf.js";
import { findRulings } from "./rulings.js";

const corpusMissing = sharedMissing();
const realMissing = sharedMissing("real");

/** The amount recall each corpus document reaches today: any drop fails. */
const RECALL_FLOOR: Record<string, number> = {
  dazhou_rsxxzx_2025: 1,
  leshan_rsxxzx_2025: 1,
  qinghe_jyj_2024: 1,
  yunling_wjj_2025: 1,
  anlan_gafj_2024: 1,
  chengling_tjj_2025_sample: 1,
  dazhou_rsxxzx_2025_sample: 1,
  leshan_rsxxzx_2025_sample: 1,
};

const amount = (s: string | undefined): string => (s ?? "").replace(/[,，\s]/g, "");

/** A column is named by its header's last levels: 预算数, or 合计/预算数 where 预算数 repeats under each item. */
const named = (path: readonly string[], name: string): boolean => {
  const levels = name.split("/").map(normText);
  return levels.every((level, k) => normText(path[path.length - levels.length + k]) === level);
};

/** How many of the row's printed amounts sit in this extracted row under the column of that name. */
function matched(table: ExtractedTable, cells: ExtractedTable["rows"][number]["cells"], row: TruthRow): number {
  return Object.entries(row.values).filter(([name, value]) => table.columns.some((c, i) => named(c.path, name) && amount(cells[i]?.text) === value)).length;
}

/**
 * A table printed as column blocks side by side (a 决算's two-up 基本支出), as its truth lists it: the first block's
 * columns, its rows block after block, the lines a shorter block leaves blank dropped.
 */
function byBlocks(table: ExtractedTable, truth: TruthTable): ExtractedTable {
  const blocks = truth.column_blocks ?? 1;
  if (blocks === 1) return table;
  const width = table.columns.length / blocks;
  const rows = Array.from({ length: blocks }, (_, b) => table.rows.map((r) => ({ ...r, cells: r.cells.slice(b * width, (b + 1) * width) }))).flat();
  return { ...table, columns: table.columns.slice(0, width), rows: rows.filter((r) => r.cells.some((c) => c && c.text.trim() !== "")) };
}

/** Amounts of truth rows found in extracted rows, matching rows in order (a row found whole moves on). */
function recallOf(table: ExtractedTable, truth: TruthTable): { found: number; total: number; missed: string[] } {
  let found = 0;
  let total = 0;
  let next = 0;
  const missed: string[] = [];
  for (const row of truth.rows ?? []) {
    const want = Object.keys(row.values).length;
    if (!want) continue;
    total += want;
    const whole = table.rows.findIndex((r, i) => i >= next && matched(table, r.cells, row) === want);
    if (whole >= 0) {
      found += want;
      next = whole + 1;
      continue;
    }
    const best = Math.max(0, ...table.rows.map((r) => matched(table, r.cells, row)));
    found += best;
    missed.push(`表${truth.table_no} ${row.label}: ${best}/${want}`);
  }
  return { found, total, missed };
}

/** Amounts of every truth table found in the extracted document, and the rows that missed some. */
function documentRecall(extracted: ExtractedDocument, truth: CorpusTruth): { found: number; total: number; missed: string[] } {
  let found = 0;
  let total = 0;
  const missed: string[] = [];
  for (const t of truth.tables) {
    const table = extracted.tables.find((x) => x.tableNo === t.table_no);
    const want = (t.rows ?? []).reduce((n, row) => n + Object.keys(row.values).length, 0);
    const r = table ? recallOf(byBlocks(table, t), t) : { found: 0, total: want, missed: [`表${t.table_no} missing`] };
    found += r.found;
    total += r.total;
    missed.push(...r.missed.filter((m) => !/: (\d+)\/\1$/.test(m)));
  }
  return { found, total, missed };
}

/** What extraction must find in a document whose truth is known: a corpus document or one of the project's samples. */
function specifyExtraction(doc: Omit<CorpusDoc, "facts">): void {
  describe(doc.name, () => {
    let extracted: ExtractedDocument;
    beforeAll(async () => {
      extracted = await extractDocument(new Uint8Array(readFileSync(doc.pdf)), { fileName: basename(doc.pdf) });
    });

    it("is exactly what the schema describes: nothing rejected, nothing left out", () => {
      expect(ExtractedDocumentSchema.parse(extracted)).toEqual(extracted);
    });

    it("reads the cover: year, department, region, kind", () => {
      expect(extracted.meta.fiscalYear).toBe(doc.truth.fiscal_year);
      expect(normText(extracted.meta.department)).toBe(normText(doc.truth.department));
      expect(extracted.meta.region).toBe(doc.truth.region);
      expect(extracted.meta.docKind).toBe(doc.truth.doc_kind);
    });

    it("finds every printed table with its number, pages and emptiness", () => {
      const found = doc.truth.tables.map((t) => {
        const e = extracted.tables.find((x) => x.tableNo === t.table_no);
        return { no: t.table_no, title: normText(e?.title), pages: e?.pages, empty: e?.empty, unit: e?.unitText };
      });
      const want = doc.truth.tables.map((t) => ({ no: t.table_no, title: normText(t.title), pages: t.pages, empty: t.empty, unit: t.amount_unit }));
      expect(found).toEqual(want);
    });

    it("has one row per printed row, each with its whole label (one-sided tables)", () => {
      const wrong = doc.truth.tables
        .filter((t) => t.rows?.length && !t.rows.some((r) => r.side))
        .flatMap((t) => {
          const found = extracted.tables.find((x) => x.tableNo === t.table_no);
          const rows = found ? byBlocks(found, t).rows : [];
          if (rows.length !== t.rows!.length) return [`表${t.table_no}: ${rows.length} rows, printed ${t.rows!.length}`];
          return t.rows!.flatMap((r, i) =>
            !r.label || rows[i]!.cells.some((c) => normText(c?.text) === normText(r.label)) ? [] : [`表${t.table_no} row ${i}: ${r.label}`],
          );
        });
      expect(wrong).toEqual([]);
    });

    it("keeps every 表6 indicator and 表8 item whole in one row", () => {
      const rowTexts = (no: string): string[] =>
        (extracted.tables.find((t) => t.tableNo === no)?.rows ?? []).map((r) => r.cells.map((c) => normText(c?.text)).join("|"));
      const indicators = rowTexts("6");
      const items = rowTexts("8");
      const lost = [
        ...(doc.truth.performance_targets ?? []).filter((t) => !indicators.some((r) => r.includes(normText(t.level3)))).map((t) => `表6 ${t.level3}`),
        ...(doc.truth.procurement ?? []).filter((p) => !items.some((r) => r.includes(normText(p.item)))).map((p) => `表8 ${p.item}`),
      ];
      expect(lost).toEqual([]);
    });

    it("puts every printed amount in its row under its column", () => {
      const { found, total, missed } = documentRecall(extracted, doc.truth);
      const recall = total ? found / total : 1;
      console.log(`${doc.name}: amount recall ${found}/${total} = ${recall.toFixed(4)}${missed.length ? `\n  ${missed.slice(0, 15).join("\n  ")}` : ""}`);
      expect(recall).toBeGreaterThanOrEqual(RECALL_FLOOR[doc.name] ?? 0.999);
    });
  });
}

describe.skipIf(corpusMissing)("extractDocument on the text corpus", () => {
  for (const doc of corpusDocs()) specifyExtraction(doc);
});

// The samples live in the repository: these run wherever the code does, ../shared or not.
describe("extractDocument on the project's samples (data/samples, one of them borderless)", () => {
  for (const doc of sampleDocs()) specifyExtraction(doc);
});

describe.skipIf(corpusMissing)("extractDocument on a scanned document with OCR turned off", () => {
  it("reports no_text_layer, saying OCR is needed, and finds no tables", async () => {
    const scanned = corpusDocs({ includeScanned: true }).filter((d) => d.truth.scanned);
    expect(scanned.length).toBeGreaterThan(0);
    for (const doc of scanned) {
      const extracted = await extractDocument(new Uint8Array(readFileSync(doc.pdf)), { fileName: basename(doc.pdf), ocr: false });
      expect(extracted.pages.every((p) => p.textChars === 0 && p.source === "pdf")).toBe(true);
      expect(extracted.pageCount).toBe(extracted.pages.length);
      expect(extracted.tables).toEqual([]);
      expect(extracted.findings).toContainEqual(expect.objectContaining({ code: "no_text_layer", message: expect.stringMatching(/OCR needed/) }));
    }
  });
});

/** The one real disclosure printing no table: its text says they are published in a file of their own. */
const TABLES_ELSEWHERE = "js2019_renda_bmys.pdf";

describe.skipIf(realMissing)("extractDocument on real disclosures", () => {
  const extract = (pdf: string) => extractDocument(new Uint8Array(readFileSync(pdf)), { fileName: basename(pdf) });

  for (const pdf of realPdfs().filter((p) => basename(p) !== TABLES_ELSEWHERE)) {
    it(`reads ${basename(pdf)} into tables with amounts`, async () => {
      const extracted = await extract(pdf);
      const withAmounts = extracted.tables.filter((t) => t.rows.some((r) => r.cells.some((c) => c && /^-?[\d,]+\.\d+$|^-?\d{1,3}(,\d{3})+$/.test(c.text))));
      console.log(`${basename(pdf)}: ${extracted.tables.length} tables, ${withAmounts.length} with amounts`);
      expect(withAmounts.length).toBeGreaterThan(0);
      expect(extracted.pages.length).toBe(extracted.pageCount);
    });
  }

  it(`reads no table from ${TABLES_ELSEWHERE}, whose 第二部分 says its tables follow in another file`, async () => {
    const extracted = await extract(realPdfs().find((p) => basename(p) === TABLES_ELSEWHERE)!);
    expect(extracted.tables).toEqual([]);
    expect(extracted.prose.find((s) => s.text.includes("2019年部门预算公开表附后"))).toMatchObject({ page: 8, heading: "第二部分 2019年度部门预算表" });
    expect(extracted.pages.length).toBe(19);
  });
});

const qpdf = spawnSync("qpdf", ["--version"]).status === 0;

describe.skipIf(corpusMissing || !qpdf)("extractDocument on pages turned sideways", () => {
  it("reads the same grids from a document whose pages were rotated by a quarter turn", async () => {
    const doc = corpusDocs().find((d) => d.truth.renderer === "xlsx-libreoffice")!;
    const rotated = join(mkdtempSync(join(tmpdir(), "yusuan-")), "rotated.pdf");
    expect(spawnSync("qpdf", ["--rotate=+90", doc.pdf, rotated]).status).toBe(0);
    const grids = async (file: string) =>
      (await extractDocument(new Uint8Array(readFileSync(file)), { fileName: basename(file) })).tables.map((t) => ({
        no: t.tableNo,
        paths: t.columns.map((c) => c.path),
        rows: t.rows.map((r) => r.cells.map((c) => c?.text ?? null)),
      }));
    expect(await grids(rotated)).toEqual(await grids(doc.pdf));
  });
});

/**
 * The same PDF with every stroked line and filled rectangle turned into a no-op: a table drawn
 * without rules, columns by white space only. qpdf writes the content streams uncompressed first.
 */
function withoutRules(pdf: string): string {
  const dir = mkdtempSync(join(tmpdir(), "yusuan-"));
  const open = join(dir, "open.pdf");
  expect(spawnSync("qpdf", ["--qdf", "--object-streams=disable", pdf, open]).status).toBe(0);
  const text = readFileSync(open, "latin1")
    .replace(/(-?[\d.]+ -?[\d.]+ m\s+-?[\d.]+ -?[\d.]+ l\s+)S\b/g, "$1n")
    .replace(/(-?[\d.]+ -?[\d.]+ -?[\d.]+ -?[\d.]+ re\s+)[fS]\*?(?=\s)/g, "$1n");
  writeFileSync(open, text, "latin1");
  const out = join(dir, "borderless.pdf");
  // qpdf repairs the stream lengths the edit changed (exit 3: warnings only).
  expect([0, 3]).toContain(spawnSync("qpdf", [open, out]).status);
  return out;
}

describe.skipIf(corpusMissing || !qpdf)("extractDocument on tables whose rules were removed", () => {
  for (const doc of corpusDocs().filter((d) => d.name.startsWith("dazhou") || d.name.startsWith("anlan"))) {
    it(`finds every amount of ${doc.name} by white space alone`, async () => {
      const file = withoutRules(doc.pdf);
      const bytes = new Uint8Array(readFileSync(file));
      const rules = await readPdf(bytes, (page) => findRulings(page).length);
      expect(rules.reduce((a, b) => a + b, 0)).toBe(0);
      const extracted = await extractDocument(bytes, { fileName: basename(file) });
      const { found, total, missed } = documentRecall(extracted, doc.truth);
      console.log(`${doc.name} without rules: amount recall ${found}/${total}${missed.length ? `\n  ${missed.slice(0, 10).join("\n  ")}` : ""}`);
      expect(found / total).toBe(1);
    });
  }
});
