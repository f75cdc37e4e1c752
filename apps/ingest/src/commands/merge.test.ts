import Database from "better-sqlite3";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot } from "@yusuan/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { query, yusuan } from "../test-support/run-cli.js";

// A collection ingested in three shards (as three machines would) and merged equals one run over all of it.
const samples = join(repoRoot, "data", "samples");
let tmp: string;
const db = (name: string) => join(tmp, `${name}.sqlite`);
const shards = ["1", "2", "3"].map((k) => `shard-${k}`);

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), "yusuan-merge-"));
  const runs = await Promise.all([
    yusuan("ingest", samples, "--db", db("single"), "--jobs", "1", "--quiet"),
    ...shards.map((s, i) => yusuan("ingest", samples, "--db", db(s), "--shard", `${i + 1}/3`, "--jobs", "1", "--quiet")),
  ]);
  for (const run of runs) expect(run.code, run.stderr).toBe(0);
}, 300_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The documents as read, without ids or the time they were loaded. */
const documents = (file: string) =>
  query(file, "SELECT file_name, source_path, sha256, status, error, fiscal_year, region, department, doc_kind, page_count, table_count, fact_count, error_count, warning_count, info_count FROM documents ORDER BY sha256");
/** Every printed amount with its meaning, without the ids of its document, table, row and amount. */
const facts = (file: string) =>
  query(
    file,
    "SELECT document, table_no, table_index, row_index, row_kind, label, func_code, econ_code, econ_gov_code, measure, ordinal, amount_text, amount_fen, page, side, period, basis, fund, use, item, of_which, aggregate FROM facts ORDER BY document, table_index, row_index, ordinal",
  );
/** Every finding of the checks, with its document's name. */
const findings = (file: string) =>
  query(file, "SELECT d.file_name, v.ordinal, v.rule, v.severity, v.message, v.expected, v.actual, v.table_no, v.page FROM validation_issues v JOIN documents d ON d.id = v.document_id ORDER BY d.file_name, v.ordinal");

/** Each document's department, as linked across the documents of the database, and why. */
const departments = (file: string) => query(file, "SELECT document, department, region, kind, reason FROM department_links ORDER BY document");

describe("yusuan ingest --shard K/N, then yusuan merge", () => {
  it("splits the inputs: every document in exactly one shard", () => {
    const perShard = shards.map((s) => documents(db(s)).map((d) => (d as { sha256: string }).sha256));
    expect(perShard.flat().sort()).toEqual(documents(db("single")).map((d) => (d as { sha256: string }).sha256).sort());
  });

  it("merges the shards into the database a single run writes: documents, facts and findings", async () => {
    const run = await yusuan("merge", db("merged"), ...shards.map(db));
    expect(run.code, run.stderr).toBe(0);
    const n = documents(db("single")).length;
    expect(run.stdout).toMatch(new RegExp(`^${n} documents added from 3 databases → `));
    expect(documents(db("merged"))).toEqual(documents(db("single")));
    expect(facts(db("merged"))).toEqual(facts(db("single")));
    expect(findings(db("merged"))).toEqual(findings(db("single")));
    expect(departments(db("merged"))).toEqual(departments(db("single")));
    expect(facts(db("single")).length).toBeGreaterThan(1000);
  });

  it("changes nothing when run again, and keeps once a document given by two databases", async () => {
    const again = await yusuan("merge", db("merged"), ...shards.map(db), db("single"));
    expect(again.code, again.stderr).toBe(0);
    const twice = 2 * documents(db("single")).length;
    expect(again.stdout).toMatch(new RegExp(`^0 documents added, ${twice} already present \\(kept once\\) from 4 databases`));
    expect(documents(db("merged"))).toEqual(documents(db("single")));
    expect(facts(db("merged"))).toEqual(facts(db("single")));
  });

  it("refuses a shard of another schema version with a plain error, writing nothing", async () => {
    const raw = new Database(db("shard-1"));
    const version = raw.pragma("user_version", { simple: true }) as number;
    raw.pragma(`user_version = ${version - 1}`);
    raw.close();
    const run = await yusuan("merge", db("refused"), ...shards.map(db));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`^yusuan: .*shard-1\\.sqlite has schema version ${version - 1}, this yusuan writes version ${version}`));
    expect(existsSync(db("refused"))).toBe(false);
  });

  it("refuses a shard that is not K/N", async () => {
    const run = await yusuan("ingest", samples, "--db", db("bad"), "--shard", "4/3");
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/expected K\/N with 1 ≤ K ≤ N/);
  });
});
