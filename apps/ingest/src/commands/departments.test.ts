import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot } from "@yusuan/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { query, yusuan } from "../test-support/run-cli.js";

/** `yusuan departments` on three samples: two documents of 青岚县司法局 and its peer 青岚县统计局. */
const sample = (name: string) => join(repoRoot, "data/samples", `${name}_sample.pdf`);
const BUDGET = "qinglan_sfj_2026_sample.pdf";
const PEER = "qinglan_tjj_2026_sample.pdf";

let tmp: string;
let db: string;
beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), "yusuan-departments-"));
  db = join(tmp, "budget.sqlite");
  const run = await yusuan("ingest", sample("qinglan_sfj_2026"), sample("qinglan_sfj_2026_final"), sample("qinglan_tjj_2026"), "--db", db, "--quiet");
  expect(run.code, run.stderr).toBe(0);
}, 120_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const departmentOf = (file: string) => query<{ department_id: number }>(db, `SELECT department_id FROM documents WHERE file_name = '${file}'`)[0]!.department_id;

describe("yusuan departments", () => {
  it("has --help", async () => {
    const run = await yusuan("departments", "--help");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Usage: yusuan departments/);
  });

  it("lists each department with its documents and why they are linked, reading the database only", async () => {
    const run = await yusuan("departments", "--db", db);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/\n青岚县司法局 \(青岚县, 部门\)\n {2}names: 青岚县司法局\n {2}qinglan_sfj_2026_final_sample\.pdf {2}2026 部门决算 {2}same organisation as qinglan_sfj_2026_sample\.pdf: same name and region\n/);
    expect(run.stdout).toMatch(/\n2 departments, 3 of 3 documents linked; overrides: none/);
    expect(existsSync(`${db}-wal`)).toBe(false);
  });

  it("--link records the correction beside the database and links again; every later ingest re-applies it", async () => {
    const linked = await yusuan("departments", "--db", db, "--link", `${PEER}=青岚县司法局`);
    expect(linked.code, linked.stderr).toBe(0);
    expect(readFileSync(join(tmp, "budget.departments.csv"), "utf8")).toBe(`document,department\n${PEER},青岚县司法局\n`);
    expect(departmentOf(PEER)).toBe(departmentOf(BUDGET));
    const again = await yusuan("ingest", sample("qinglan_sfj_2025"), "--db", db, "--quiet");
    expect(again.code, again.stderr).toBe(0);
    expect(departmentOf(PEER)).toBe(departmentOf(BUDGET));
    expect(departmentOf("qinglan_sfj_2025_sample.pdf")).toBe(departmentOf(BUDGET));
    // undone by editing the file: the evidence alone keeps the peer apart
    writeFileSync(join(tmp, "budget.departments.csv"), "document,department\n");
    expect((await yusuan("departments", "--db", db, "--relink")).code).toBe(0);
    expect(departmentOf(PEER)).not.toBe(departmentOf(BUDGET));
  });

  it("refuses a link to a document that is not loaded, and an overrides file without its header, naming the file", async () => {
    const absent = await yusuan("departments", "--db", db, "--link", "absent.pdf=青岚县司法局");
    expect([absent.code, absent.stderr]).toEqual([1, `yusuan: no loaded document absent.pdf in ${db} (give its file name, as yusuan departments lists it)\n`]);
    const bad = join(tmp, "bad.csv");
    writeFileSync(bad, `${PEER},青岚县司法局\n`);
    const refused = await yusuan("departments", "--db", db, "--overrides", bad, "--relink");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^yusuan: bad\.csv: the first line must be the header document,department/);
    const missing = await yusuan("ingest", sample("qinglan_sfj_2026"), "--db", db, "--overrides", join(tmp, "none.csv"));
    expect([missing.code, missing.stderr]).toEqual([1, `yusuan: no overrides file at ${join(tmp, "none.csv")}\n`]);
  });
});
