import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { extractDocument } from "@yusuan/extract";
import { createClassifier, normalizeDocument } from "@yusuan/normalize";
import type { BudgetDocument } from "@yusuan/schema";
import { normText, sampleDocs, scoreFacts, type CorpusDoc, type TruthTable } from "@yusuan/testkit";
import { beforeAll, describe, expect, it } from "vitest";

/**
 * The samples that pin layouts of templates the pipeline had not seen (issue 13), the canonical dimensions
 * (issue 14, see dimensions.test.ts) and a 决算's tables (issue 17, see final-accounts.test.ts), read by the real extract + normalize and held to their truth: tables and
 * pages, every fact, every row's parent.
 */
const LAYOUT_SAMPLES = [
  "fengxi_jgswfwzx_2026_sample",
  "yunxu_sfj_2026_sample",
  "qinglan_sfj_2026_sample",
  "qinglan_sfj_2026_final_sample",
  "qinglan_sfj_2025_sample",
  "qinglan_tjj_2026_sample",
  "lanchuan_nyncj_2025_final_sample",
];
const samples = sampleDocs().filter((s) => LAYOUT_SAMPLES.includes(s.name));
const read = new Map<string, BudgetDocument>();

beforeAll(async () => {
  const classifier = createClassifier();
  for (const sample of samples) {
    const extracted = await extractDocument(new Uint8Array(readFileSync(sample.pdf)), { fileName: basename(sample.pdf) });
    read.set(sample.name, normalizeDocument(extracted, { sha256: sample.name, classifier }));
  }
}, 240_000);

/** The sample with its truth narrowed to one table and its facts (a 完成率 column's too), so that a miss names its table. */
const onlyTable = (sample: CorpusDoc, table: TruthTable): CorpusDoc => ({
  ...sample,
  truth: { ...sample.truth, tables: [table] },
  facts: sample.facts.filter((f) => f.table_no === table.table_no),
});

/** Each row as "label ← label of the row it is printed under", 其中 parts marked: a diff shows the misplaced rows. */
const placements = (rows: readonly { label: string; parent: number | null; ofWhich: boolean }[]): string[] =>
  rows.map((r) => `${normText(r.label)} ← ${r.parent === null ? "—" : normText(rows[r.parent]?.label)}${r.ofWhich ? "（其中）" : ""}`);

describe.each(samples.map((s) => [s.name, s] as const))("%s through extract + normalize", (name, sample) => {
  const doc = () => {
    const found = read.get(name);
    if (found === undefined) throw new Error(`${name} was not read`);
    return found;
  };
  const tables = sample.truth.tables.filter((t) => !t.empty);
  const withParents = tables.filter((t) => t.rows?.some((r) => r.parent !== undefined));

  it("finds every table with its number and pages", () => {
    const found = doc().tables.map((t) => `表${t.tableNo} ${t.pages.join(",")}`);
    for (const t of sample.truth.tables) expect(found).toContain(`表${t.table_no} ${t.pages.join(",")}`);
  });

  it.each(tables.map((t) => [t.table_no, t] as const))("表%s: every fact as the truth has it (F1 = 1)", (_no, table) => {
    expect(scoreFacts(doc(), onlyTable(sample, table))).toMatchObject({ f1: 1, missed: [], extra: [] });
  });

  it.each(withParents.map((t) => [t.table_no, t] as const))("表%s: every row under the row the truth prints it under", (no, table) => {
    const found = doc().tables.find((t) => t.tableNo === no);
    const truth = (table.rows ?? []).map((r) => ({ label: r.label, parent: r.parent ?? null, ofWhich: r.of_which === true }));
    expect(placements(found?.rows ?? [])).toEqual(placements(truth));
  });

  it("raises no error-level finding", () => {
    expect(doc().findings.filter((f) => f.severity === "error").map((f) => `${f.code} 表${f.tableNo ?? ""} ${f.message}`)).toEqual([]);
  });
});

describe("a misprint in a table nested only by its sums", () => {
  it("is an error at that table, not a doubt about its layout", async () => {
    const sample = samples.find((s) => s.name.startsWith("fengxi"))!;
    const extracted = await extractDocument(new Uint8Array(readFileSync(sample.pdf)), { fileName: basename(sample.pdf) });
    const projects = extracted.tables.find((t) => t.tableNo === "7")!;
    const cell = projects.rows.flatMap((r) => r.cells).find((c) => c?.text === "1,310,300.00")!;
    cell.text = "1,710,300.00";
    const doc = normalizeDocument(extracted, { sha256: "misprinted", classifier: createClassifier() });
    expect(doc.findings.filter((f) => f.severity === "error").map((f) => f.tableNo)).toContain("7");
    expect(read.get(sample.name)!.findings.filter((f) => f.tableNo === "7" && f.severity !== "info")).toEqual([]);
  });
});
