import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { samplePdfs } from "@yusuan/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { swapPageObjects } from "../test-support/bad-inputs.js";
import { query, yusuan } from "../test-support/run-cli.js";

// "Nothing good lost, nothing bad loaded": damaged inputs beside good ones, and the database around them.
const [dazhou, leshan] = samplePdfs().filter((p) => /dazhou|leshan/.test(p));

interface DocumentRow {
  file_name: string;
  status: string;
  error: string | null;
  fact_count: number;
}

const documents = (db: string) =>
  query<DocumentRow>(db, "SELECT file_name, status, error, fact_count FROM documents ORDER BY file_name");

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), "yusuan-ingest-"));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A fresh folder under the test's temporary one. */
const folder = (name: string) => {
  const dir = join(tmp, name);
  mkdirSync(dir, { recursive: true });
  return dir;
};

describe("a damaged PDF beside good ones", () => {
  it("a rejection pdf.js leaves unhandled fails the file that caused it, not the good one read next", async () => {
    const dir = folder("swapped");
    swapPageObjects(dazhou!, join(dir, "a-swapped.pdf"));
    copyFileSync(leshan!, join(dir, "b-good.pdf"));
    const db = join(tmp, "swapped.sqlite");
    const run = await yusuan("ingest", dir, "--db", db, "--jobs", "1", "--quiet");
    expect(run.code).toBe(2);
    const [swapped, good] = documents(db);
    expect(swapped).toMatchObject({ file_name: "a-swapped.pdf", status: "failed", error: expect.stringMatching(/^malformed PDF: Bad \(uncompressed\) XRef entry/) });
    expect(good).toMatchObject({ file_name: "b-good.pdf", status: "loaded", error: null });
    expect(good!.fact_count).toBeGreaterThan(100);
  });
});
