import { execFileSync } from "node:child_process";
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { garbleToUnicode, samplePdfs } from "@yusuan/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import { makeLongPdf, swapPageObjects } from "../test-support/bad-inputs.js";
import { mountTmpfs } from "../test-support/file-systems.js";
import { query, yusuan } from "../test-support/run-cli.js";

// "Nothing good lost, nothing bad loaded": damaged inputs beside good ones, and the database around them.
const [, dazhou, leshan] = samplePdfs();

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

/** Every loaded document holds exactly the facts it counts: nothing half-written. */
const whole = (db: string) =>
  query<{ file_name: string; fact_count: number; facts: number }>(
    db,
    "SELECT file_name, fact_count, (SELECT count(*) FROM facts f WHERE f.document_id = d.id) AS facts FROM documents d WHERE status = 'loaded'",
  ).every((d) => d.facts === d.fact_count);

describe("text that does not read as what the page shows", () => {
  it("a damaged ToUnicode map fails the document with that reason (never needs_ocr), loading nothing of it", async () => {
    const dir = folder("garbled");
    garbleToUnicode(dazhou!, join(dir, "garbled.pdf"), (c) => 0x0800 + ((c * 7919) % 0x2a00));
    copyFileSync(leshan!, join(dir, "good.pdf"));
    const db = join(tmp, "garbled.sqlite");
    const run = await yusuan("ingest", dir, "--db", db, "--quiet");
    expect(run.code).toBe(2);
    const [garbled, good] = documents(db);
    expect(garbled).toMatchObject({ status: "failed", error: expect.stringMatching(/^the text of \d+ of 21 pages is unreadable: .+ a damaged font or ToUnicode map/) });
    expect(good).toMatchObject({ status: "loaded", error: null });
    expect(query(db, "SELECT DISTINCT document FROM facts")).toEqual([{ document: "good.pdf" }]);
  });

  it("a document with text of which no amount could be read is loaded with a finding that says so", async () => {
    const dir = folder("no-facts");
    await makeLongPdf(join(dir, "prose.pdf"), 2);
    const db = join(tmp, "no-facts.sqlite");
    const run = await yusuan("ingest", dir, "--db", db, "--quiet");
    // a warning, not an error: the document is loaded clean, and says what it lacks
    expect(run.stdout).toMatch(/^1 loaded \(1 clean\)/);
    expect(query(db, "SELECT rule, severity, message FROM validation_issues")).toEqual([
      { rule: "table_not_found", severity: "warning", message: "no amount could be read from its 2 pages of text: no budget table was recognised" },
    ]);
  });
});

describe("--force", () => {
  it("a re-read that fails leaves the loaded version in place and reports the failure beside it", async () => {
    const dir = folder("force");
    copyFileSync(dazhou!, join(dir, "report.pdf"));
    const db = join(tmp, "force.sqlite");
    expect((await yusuan("ingest", dir, "--db", db, "--quiet")).code).toBe(0);
    const [loaded] = documents(db);
    const run = await yusuan("ingest", dir, "--db", db, "--quiet", "--force", "--timeout", "0.01");
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/✗ report\.pdf: re-reading failed, the loaded version is kept: took longer than the per-document limit of 0\.01 s/);
    expect(documents(db)).toEqual([loaded]);
    expect(query(db, "SELECT reread_error FROM documents")).toEqual([{ reread_error: "took longer than the per-document limit of 0.01 s" }]);
    expect(whole(db)).toBe(true);
  });
});

describe("the storage failing", () => {
  it("a full disk stops the run with a clear message; what was loaded is whole and no file is marked failed", async (ctx) => {
    const disk = mountTmpfs(join(tmp, "full"), "1000k");
    if ("why" in disk) return ctx.skip(disk.why);
    try {
      const db = join(disk.path, "budget.sqlite");
      const run = await yusuan("ingest", ...samplePdfs(), "--db", db, "--quiet", "--jobs", "1");
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(new RegExp(`^yusuan: cannot write the database ${db}: the disk is full; free some space and run the same command again\\. Stopped at \\S+\\.pdf`));
      expect(run.stderr).not.toMatch(/\n\s+at /);
      const rows = documents(db);
      expect(rows.length).toBeLessThan(samplePdfs().length);
      for (const r of rows) expect(r).toMatchObject({ status: "loaded", error: null });
      expect(whole(db)).toBe(true);
    } finally {
      disk.unmount();
    }
  });

  it("a read-only database or folder is named, with why and what to do", async (ctx) => {
    const place = join(tmp, "read-only");
    const disk = mountTmpfs(place, "4m");
    const root = process.getuid?.() === 0;
    if ("why" in disk && root) return ctx.skip(disk.why);
    mkdirSync(place, { recursive: true });
    const db = join(place, "budget.sqlite");
    try {
      expect((await yusuan("ingest", leshan!, "--db", db, "--quiet")).code).toBe(0);
      const before = readFileSync(db);
      if ("why" in disk) {
        chmodSync(db, 0o444);
        chmodSync(place, 0o555);
      } else disk.readOnly();
      const because = "why" in disk ? "is not writable by this user" : "is on a read-only file system";
      const existing = await yusuan("ingest", dazhou!, "--db", db, "--quiet");
      expect(existing.code).toBe(1);
      expect(existing.stderr).toBe(`yusuan: cannot write the database ${db}: the file ${because}; choose another --db, or make the file and its folder writable\n`);
      const fresh = join(place, "new.sqlite");
      const created = await yusuan("ingest", dazhou!, "--db", fresh, "--quiet");
      expect(created.code).toBe(1);
      expect(created.stderr).toBe(`yusuan: cannot write the database ${fresh}: its folder ${place} ${because}; choose another --db, or make the file and its folder writable\n`);
      expect(readFileSync(db).equals(before)).toBe(true);
    } finally {
      if ("why" in disk) chmodSync(place, 0o755);
      else disk.unmount();
    }
  });
});

describe("--db naming a SQLite file that is not yusuan's", () => {
  it("is refused before a byte of it is written: same bytes, same journal mode, no -wal beside it", async () => {
    const db = join(tmp, "notes.sqlite");
    const foreign = new Database(db);
    foreign.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes (text) VALUES ('预算');");
    foreign.close();
    const before = readFileSync(db);
    const run = await yusuan("ingest", leshan!, "--db", db, "--quiet");
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`yusuan: ${db} is a SQLite database but not one yusuan wrote (it holds notes); nothing was written to it: choose another --db\n`);
    expect(readFileSync(db).equals(before)).toBe(true);
    expect(existsSync(`${db}-wal`)).toBe(false);
  });
});

describe("inputs that are not regular files", () => {
  it("a dangling link, a link loop and a FIFO named *.pdf are skipped, each with its reason; the PDFs beside them load", async () => {
    const dir = folder("odd-inputs");
    copyFileSync(leshan!, join(dir, "good.pdf"));
    symlinkSync(join(dir, "gone.pdf"), join(dir, "dangling.pdf"));
    symlinkSync(join(dir, "loop.pdf"), join(dir, "loop.pdf"));
    symlinkSync(dir, join(dir, "back-up")); // a folder loop: searched once
    mkdirSync(join(dir, "sub"));
    symlinkSync(join(dir, "sub", "self"), join(dir, "sub", "self"));
    execFileSync("mkfifo", [join(dir, "pipe.pdf")]);
    const db = join(tmp, "odd-inputs.sqlite");
    const run = await yusuan("ingest", dir, "--db", db, "--quiet");
    expect(run.code).toBe(2);
    expect(documents(db)).toMatchObject([{ file_name: "good.pdf", status: "loaded" }]);
    const skipped = run.stdout.split("\n").filter((l) => l.includes("– skipped")).sort();
    expect(skipped).toEqual([
      `  – skipped ${join(dir, "dangling.pdf")}: a symbolic link to nothing (its target does not exist)`,
      `  – skipped ${join(dir, "loop.pdf")}: a symbolic link loop`,
      `  – skipped ${join(dir, "pipe.pdf")}: a FIFO (named pipe)`,
      `  – skipped ${join(dir, "sub", "self")}: a symbolic link loop`,
    ]);
    expect(run.stdout).toMatch(/^1 loaded \(1 clean\), 0 failed, 0 need OCR; 4 skipped/);
  });
});

describe("content known by its sha256", () => {
  it("copies under several names are one document with every name kept, and the summary says so", async () => {
    const dir = folder("copies");
    copyFileSync(leshan!, join(dir, "a.pdf"));
    copyFileSync(leshan!, join(dir, "b.pdf"));
    mkdirSync(join(dir, "sub"));
    copyFileSync(leshan!, join(dir, "sub", "a.pdf"));
    copyFileSync(dazhou!, join(dir, "c.pdf"));
    const db = join(tmp, "copies.sqlite");
    const run = await yusuan("ingest", dir, "--db", db, "--quiet");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^2 loaded \(2 clean\), 0 failed, 0 need OCR; 2 of 4 files repeat another's content \(one document, every name kept\)/);
    expect(query<{ n: number }>(db, "SELECT count(*) n FROM documents")[0]!.n).toBe(2);
    expect(query(db, "SELECT d.file_name AS document, n.source_path FROM document_names n JOIN documents d ON d.id = n.document_id ORDER BY 2")).toEqual([
      { document: "a.pdf", source_path: join(dir, "a.pdf") },
      { document: "a.pdf", source_path: join(dir, "b.pdf") },
      { document: "c.pdf", source_path: join(dir, "c.pdf") },
      { document: "a.pdf", source_path: join(dir, "sub", "a.pdf") },
    ]);
    copyFileSync(leshan!, join(dir, "d.pdf"));
    const again = await yusuan("ingest", dir, "--db", db, "--quiet");
    expect(again.stdout).toMatch(/^0 loaded \(0 clean\), 0 failed, 0 need OCR, 2 already loaded/);
    expect(query(db, "SELECT source_path FROM document_names WHERE source_path LIKE '%d.pdf'")).toEqual([{ source_path: join(dir, "d.pdf") }]);
  });

  it("a file that failed is not read again until --retry-failed asks for it", async () => {
    const dir = folder("failed-before");
    writeFileSync(join(dir, "notes.pdf"), "部门预算公开\n这不是 PDF 文件\n");
    copyFileSync(leshan!, join(dir, "good.pdf"));
    const db = join(tmp, "failed-before.sqlite");
    expect((await yusuan("ingest", dir, "--db", db)).code).toBe(2);
    const [failed] = query<{ id: number; loaded_at: string }>(db, "SELECT id, loaded_at FROM documents WHERE status = 'failed'");
    const again = await yusuan("ingest", dir, "--db", db);
    expect(again.code).toBe(2);
    expect(again.stderr).toBe("");
    expect(again.stdout).toMatch(/^0 loaded \(0 clean\), 0 failed, 0 need OCR, 1 already loaded \(use --force to re-ingest\), 1 failed before \(use --retry-failed to try again\)/);
    expect(again.stdout).toMatch(/✗ notes\.pdf: failed before: not a PDF/);
    expect(query(db, "SELECT id, loaded_at FROM documents WHERE status = 'failed'")).toEqual([failed]);
    const retried = await yusuan("ingest", dir, "--db", db, "--retry-failed");
    expect(retried.code).toBe(2);
    expect(retried.stderr).toMatch(/^\[1\/1\] failed\s+notes\.pdf/);
    expect(query<{ loaded_at: string }>(db, "SELECT loaded_at FROM documents WHERE status = 'failed'")[0]!.loaded_at).not.toBe(failed!.loaded_at);
  });
});
