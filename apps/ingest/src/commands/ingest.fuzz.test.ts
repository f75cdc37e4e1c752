import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { samplePdfs, sha256Of } from "@yusuan/testkit";
import { afterAll, describe, expect, it } from "vitest";
import { makeMutants } from "../test-support/mutants.js";
import { query, yusuan } from "../test-support/run-cli.js";

const SEED = 15;
const MUTANTS = 27;
/** Characters a disclosure is never printed in: in a loaded label they are garbled text. */
const FOREIGN = /[^\s\x20-\x7e\u00a0-\u00ff\u2000-\u27bf\u2e80-\u2fdf\u3000-\u33ff\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]/u;
/** A column of codes: its values are codes, never amounts. */
const CODE_COLUMN = /编码|代码|^(类|款|项)$/;

const tmp = mkdtempSync(join(tmpdir(), "yusuan-fuzz-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Row {
  id: number;
  file_name: string;
  status: string;
  error: string | null;
  fact_count: number;
  garbled: number;
}

describe(`fuzz: ${MUTANTS} damaged copies of the samples (seed ${SEED}) beside the samples themselves`, () => {
  it("every input ends with one row and a reason; the good files load whole; nothing garbled or mis-typed loads unflagged", async () => {
    const reference = join(tmp, "reference.sqlite");
    expect((await yusuan("ingest", ...samplePdfs(), "--db", reference, "--quiet", "--jobs", "2")).code).toBe(0);
    const expected = Object.fromEntries(query<Row>(reference, "SELECT file_name, fact_count FROM documents").map((r) => [`good-${r.file_name}`, r.fact_count]));

    const dir = join(tmp, "in");
    mkdirSync(dir);
    const mutants = makeMutants(samplePdfs(), dir, MUTANTS, SEED);
    for (const sample of samplePdfs()) copyFileSync(sample, join(dir, `good-${basename(sample)}`));
    const inputs = [...mutants.map((m) => m.path), ...samplePdfs().map((s) => join(dir, `good-${basename(s)}`))];
    const db = join(tmp, "fuzz.sqlite");
    const run = await yusuan("ingest", dir, "--db", db, "--quiet", "--jobs", "2", "--timeout", "30");

    expect([0, 2]).toContain(run.code);
    expect(run.stderr).toBe("");
    const rows = query<Row>(
      db,
      `SELECT id, file_name, status, error, fact_count,
         (SELECT count(*) FROM validation_issues v WHERE v.document_id = d.id AND v.rule = 'garbled_text') AS garbled
       FROM documents d`,
    );
    // one row per content, every name kept (a damage can leave a file as it was, or two alike)
    expect(rows).toHaveLength(new Set(inputs.map((p) => sha256Of(p))).size);
    expect(query<{ n: number }>(db, "SELECT count(*) n FROM document_names")[0]!.n).toBe(inputs.length);
    for (const r of rows) if (r.status !== "loaded") expect(r.error, r.file_name).toMatch(/\S/);
    for (const [name, facts] of Object.entries(expected)) expect(rows.find((r) => r.file_name === name), name).toMatchObject({ status: "loaded", fact_count: facts });

    const loaded = new Map(rows.filter((r) => r.status === "loaded").map((r) => [r.id, r]));
    const codesAsAmounts = query<{ document: string; measure: string }>(db, "SELECT DISTINCT document, measure FROM facts").filter((f) => CODE_COLUMN.test(f.measure));
    expect(codesAsAmounts).toEqual([]);
    const labels = query<{ document_id: number; label: string; measure: string }>(db, "SELECT document_id, label, measure FROM facts");
    const garbledUnflagged = labels.filter((f) => FOREIGN.test(f.label + f.measure) && loaded.get(f.document_id)!.garbled === 0);
    expect(garbledUnflagged.map((f) => `${loaded.get(f.document_id)!.file_name}: ${f.label} / ${f.measure}`)).toEqual([]);
  });
});
