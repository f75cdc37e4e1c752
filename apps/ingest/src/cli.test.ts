import { execFile, spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, watch, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { repoRoot, samplePdfs } from "@yusuan/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeBadInputs, makeInflatingPdf, makeLargeImagePdf, makeLongPdf, makeNestedPdf } from "./test-support/bad-inputs.js";
import { cli, query, yusuan, yusuanOnNode, type Run } from "./test-support/run-cli.js";
import Database from "better-sqlite3";

const samples = join(repoRoot, "data/samples");
const { version } = JSON.parse(readFileSync(join(repoRoot, "apps/ingest/package.json"), "utf8")) as { version: string };
const sampleNames = samplePdfs().map((path) => basename(path));

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), "yusuan-cli-"));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("yusuan --help and usage errors", () => {
  it("every command has --help and exits 0", async () => {
    for (const args of [["--help"], ["ingest", "--help"], ["inspect", "--help"], ["codes", "--help"], ["check", "--help"], ["export", "--help"], ["search", "--help"], ["review", "--help"], ["departments", "--help"], ["merge", "--help"]]) {
      const run = await yusuan(...args);
      expect(run.code, args.join(" ")).toBe(0);
      expect(run.stdout).toMatch(/Usage: yusuan/);
    }
  });

  it("--version prints the package's version and nothing else", async () => {
    const run = await yusuan("--version");
    expect(run).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
  });

  it("npx yusuan from the repository root prints only yusuan's own output (no npm or turbo banner)", async () => {
    const run = await new Promise<Run>((done) =>
      execFile("npx", ["--no-install", "yusuan", "--version"], { cwd: repoRoot, encoding: "utf8" }, (error, stdout, stderr) =>
        done({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      ),
    );
    expect(run.stdout).toBe(`${version}\n`);
    expect(run.code).toBe(0);
  });

  it("a usage mistake exits 1 with a one-line reason, never a stack trace", async () => {
    for (const args of [["ingest", samples], ["ingest", join(tmp, "nowhere"), "--db", join(tmp, "x.sqlite")], ["frobnicate"], ["ingest", samples, "--db", join(tmp, "x.sqlite"), "--jobs", "0"]]) {
      const run = await yusuan(...args);
      expect(run.code, args.join(" ")).toBe(1);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
  });
});

describe("yusuan ingest on the project's sample PDFs", () => {
  let db: string;
  let csv: string;
  let first: Run;
  beforeAll(async () => {
    db = join(tmp, "samples.sqlite");
    csv = join(tmp, "csv");
    first = await yusuan("ingest", samples, "--db", db, "--csv", csv, "--jobs", "2");
  });

  it("loads every sample and exits 0", () => {
    expect(first.code).toBe(0);
    const docs = query<{ file_name: string; status: string }>(db, "SELECT file_name, status FROM documents ORDER BY file_name");
    expect(docs).toEqual(sampleNames.map((f) => ({ file_name: f, status: "loaded" })));
  });

  it("exposes one fact per printed amount with the contract's columns, codes as digit text or NULL", () => {
    const facts = query<Record<string, unknown>>(db, "SELECT * FROM facts");
    expect(facts.length).toBeGreaterThan(300);
    expect(Object.keys(facts[0]!).slice(0, 13)).toEqual([
      "document", "fiscal_year", "department", "table_no", "table_kind", "unit_code", "func_code", "econ_code", "label", "measure", "amount", "amount_unit", "page",
    ]);
    for (const f of facts) {
      // digit text, or NULL where the row prints no code
      expect(f.func_code === null || /^(\d{3}|\d{5}|\d{7})$/.test(String(f.func_code))).toBe(true);
      expect(typeof f.amount).toBe("number");
      expect(["元", "万元"]).toContain(f.amount_unit);
    }
    expect(facts.some((f) => f.document === "dazhou_rsxxzx_2025_sample.pdf" && f.func_code === "2080150" && f.amount === 473.77)).toBe(true);
  });

  it("writes CSV files Excel opens as UTF-8 (BOM) with the facts", () => {
    const text = readFileSync(join(csv, "facts.csv"));
    expect([...text.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text.toString("utf8")).toContain("事业运行");
  });

  it("re-running the same input skips what is loaded; --force replaces, never duplicates", async () => {
    const count = () => query<{ n: number }>(db, "SELECT (SELECT count(*) FROM documents) * 1000000 + (SELECT count(*) FROM facts) AS n")[0]!.n;
    const before = count();
    const again = await yusuan("ingest", samples, "--db", db);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/already loaded/);
    expect(count()).toBe(before);
    const forced = await yusuan("ingest", samples, "--db", db, "--force");
    expect(forced.code).toBe(0);
    expect(count()).toBe(before);
  });

  it("a changed file under the same name is a new version: kept beside the old one, or replacing it with --replace", async () => {
    const dir = join(tmp, "versions");
    mkdirSync(dir, { recursive: true });
    const file = join(dir, "report.pdf");
    const original = readFileSync(join(samples, "dazhou_rsxxzx_2025_sample.pdf"));
    const versionsDb = join(tmp, "versions.sqlite");
    const versions = () => query<{ sha256: string }>(versionsDb, "SELECT sha256 FROM documents WHERE file_name = 'report.pdf' AND status = 'loaded'").length;
    writeFileSync(file, original);
    expect((await yusuan("ingest", dir, "--db", versionsDb, "--quiet")).code).toBe(0);
    writeFileSync(file, Buffer.concat([original, Buffer.from("\n% revised\n")]));
    expect((await yusuan("ingest", dir, "--db", versionsDb, "--quiet")).code).toBe(0);
    expect(versions()).toBe(2);
    writeFileSync(file, Buffer.concat([original, Buffer.from("\n% revised again\n")]));
    expect((await yusuan("ingest", dir, "--db", versionsDb, "--quiet", "--replace")).code).toBe(0);
    expect(versions()).toBe(1);
  });

  it("check --db prints each document's findings and how many are clean, exits 0 when all are", async () => {
    const run = await yusuan("check", "--db", db);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/name_differs 表1-2 p\.\d+: 2101101/);
    expect(run.stdout).toMatch(new RegExp(`of ${sampleNames.length} loaded documents are clean`));
    // the older positional form reads the same
    expect(await yusuan("check", db)).toEqual(run);
  });

  it("check exits 2 when a document has an error-level finding", async () => {
    const dirty = join(tmp, "dirty.sqlite");
    copyFileSync(db, dirty);
    const con = new Database(dirty);
    con.prepare("INSERT INTO validation_issues (document_id, ordinal, rule, severity, message) SELECT id, 999, 'sum_mismatch', 'error', 'made up' FROM documents LIMIT 1").run();
    con.close();
    const run = await yusuan("check", "--db", dirty);
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(new RegExp(`${sampleNames.length - 1} of ${sampleNames.length} loaded documents are clean`));
  });

  it("reading commands open the database read-only and leave no -wal or -shm behind", async () => {
    const folder = join(tmp, "read-only");
    mkdirSync(folder, { recursive: true });
    const copy = join(folder, "budget.sqlite");
    copyFileSync(db, copy);
    const before = readFileSync(copy);
    for (const args of [["check", "--db", copy], ["codes", "2101101", "--db", copy], ["search", "养老", "--db", copy], ["export", "--db", copy, "--out", join(tmp, "ro-export")]]) {
      expect((await yusuan(...args)).code, args.join(" ")).toBe(0);
      expect(readdirSync(folder), args.join(" ")).toEqual(["budget.sqlite"]);
    }
    expect(readFileSync(copy).equals(before)).toBe(true);
  });

  it("codes cites, for each printed form, each document printing it with its own table and page; name_differs only there", async () => {
    const run = await yusuan("codes", "2101101", "--db", db);
    expect(run.stdout).toMatch(/210 卫生健康支出 › 21011 行政事业单位医疗 › 2101101 行政单位医疗/);
    const printed = query<{ printed_name: string; file_name: string; table_no: string; page: number; status: string }>(
      db,
      "SELECT c.printed_name, d.file_name, c.table_no, c.page, c.status FROM codes_seen c JOIN documents d ON d.id = c.document_id WHERE c.code = '2101101'",
    );
    expect(printed.some((p) => p.status === "name_differs")).toBe(true);
    const cited = run.stdout.split("\n").filter((l) => /^ {4}\S+\.pdf /.test(l));
    expect(cited).toHaveLength(printed.length);
    for (const p of printed) {
      const line = cited.find((l) => l.startsWith(`    ${p.file_name} `))!;
      expect(line).toMatch(new RegExp(`^ {4}${p.file_name} 表${p.table_no} p\\.${p.page}( |$)`));
      expect(line.includes("name_differs")).toBe(p.status === "name_differs");
    }
    expect((await yusuan("codes", "住房公积金")).stdout).toMatch(/2210201 住房公积金/);
  });

  it("codes shows a code the official list lacks as the entry the documents made (the 乐山 sample's local 3010201)", async () => {
    const run = await yusuan("codes", "3010201", "--db", db);
    expect(run.stdout).toMatch(/^3010201 地方津贴补贴 {2}\[部门预算支出经济分类, unlisted: printed in 1 document\(s\), not in the official list we hold\]$/m);
    expect((await yusuan("codes", "3010201")).stdout).toMatch(/3010201: not in the registry/);
  });

  it("codes answers a money word with the canonical item or use it means and each document's figure, table and page", async () => {
    for (const [word, column, figure] of [["三公", "item = '三公'", "sangong_total"], ["机关运行经费", "item = '机关运行经费'", "org_running"], ["政府采购", "item = '政府采购'", "procurement_total"], ["人员经费", "use = '人员经费'", "personnel_total"], ["公用经费", "use = '公用经费'", "public_total"]] as const) {
      const run = await yusuan("codes", word, "--db", db);
      expect(run.code, word).toBe(0);
      expect(run.stdout, word).toContain(`${word}: the canonical ${column} in facts; ${figure} in document_summary`);
      const sources = query<{ document: string; amount_wan_text: string; table_no: string | null; page: number; source: string }>(
        db,
        `SELECT document, amount_wan_text, table_no, page, source FROM document_summary_sources WHERE figure = '${figure}'`,
      );
      for (const f of sources) {
        const where = f.source === "table" ? `${f.table_no ? `表${f.table_no} ` : ""}p.${f.page}` : `the prose, p.${f.page}`;
        expect(run.stdout, `${word} ${f.document}`).toMatch(new RegExp(`${f.document} .*: ${f.amount_wan_text} 万元, printed .* in ${where.replace(/[.()]/g, "\\$&")}`));
      }
    }
  });

  it("search finds words of one, two and more characters, each hit with its document, table and page", async () => {
    for (const word of ["养", "养老", "养老保险"]) {
      const run = await yusuan("search", word, "--db", db, "--limit", "1000");
      expect(run.code, word).toBe(0);
      const labels = query<{ n: number }>(db, `SELECT count(*) n FROM line_items li JOIN budget_tables t ON t.id = li.table_id WHERE instr(li.label, '${word}') > 0`)[0]!.n;
      expect(labels, word).toBeGreaterThan(0);
      expect(run.stdout, word).toContain(`${labels} table rows and`);
      expect(run.stdout.split("\n").filter((l) => / 表[\d-]+ p\.\d+ /.test(l)).every((l) => l.includes(word))).toBe(true);
    }
    // in the prose too, where no table row prints it
    const sangong = await yusuan("search", "三公", "--db", db);
    expect(sangong.stdout).toMatch(/prose p\.\d+ .*三公/);
  });

  it("the wide views hold the amounts in their columns, each the row's amount of that meaning", () => {
    const views = query<{ name: string }>(db, "SELECT name FROM sqlite_schema WHERE type = 'view' AND name LIKE 'wide_%'").map((v) => v.name);
    expect(views.length).toBeGreaterThanOrEqual(12);
    let filled = 0;
    for (const view of views) {
      const rows = query<Record<string, unknown>>(db, `SELECT * FROM ${view}`);
      for (const row of rows) {
        const columns = Object.keys(row).slice(Object.keys(row).indexOf("page") + 1, Object.keys(row).indexOf("amounts"));
        const printed = Object.values(JSON.parse(row.amounts as string) as Record<string, string>).map(Number);
        const values = columns.map((c) => row[c]).filter((v) => v !== null);
        // every value shown is one the row prints; a row printing amounts of the year shows at least one
        // (a 2025年预算数 row of a 2026 三公 table prints last year's only)
        const ofTheYear = query<{ n: number }>(db, `SELECT count(*) n FROM amounts WHERE line_item_id = ${Number(row.line_item_id)} AND period = 'current'`)[0]!.n;
        for (const v of values) expect(printed, `${view} ${row.label}`).toContain(v);
        if (ofTheYear) expect(values.length, `${view} row ${row.row_index} ${row.label}`).toBeGreaterThan(0);
        filled += values.length;
      }
    }
    expect(filled).toBeGreaterThan(1000);
  });

  it("export writes the CSVs (every wide view among them), datapackage.json, a workbook and Datasette metadata for that database", async () => {
    const out = join(tmp, "export");
    const run = await yusuan("export", "--db", db, "--out", out);
    expect(run.code).toBe(0);
    expect(existsSync(join(out, "datapackage.json"))).toBe(true);
    expect(existsSync(join(out, "yusuan.xlsx"))).toBe(true);
    const views = query<{ name: string }>(db, "SELECT name FROM sqlite_schema WHERE type = 'view' AND name NOT LIKE '%leaf_facts' AND name != 'table_rows'").map((v) => v.name);
    for (const name of [...views, "documents", "document_names", "budget_tables", "line_items", "validation_issues", "claims", "classification", "codes_seen", "performance_targets", "procurement"])
      expect(existsSync(join(out, `${name}.csv`)), name).toBe(true);
    // Datasette names the database after its file: samples.sqlite is "samples"
    expect(Object.keys(JSON.parse(readFileSync(join(out, "datasette-metadata.json"), "utf8")).databases)).toEqual(["samples"]);
  });

  it("says what went wrong with which file in plain words: yusuan: …, never ENOENT, EEXIST or SQLite's text", async () => {
    writeFileSync(join(tmp, "not-a-folder"), "");
    writeFileSync(join(tmp, "notes.sqlite"), "these are notes, not a database\n".repeat(200));
    const cases: [string[], RegExp][] = [
      [["check", "--db", join(tmp, "nowhere.sqlite")], /^yusuan: no database at .*nowhere\.sqlite/],
      [["check", "--db", tmp], /^yusuan: .* is a folder, not a database/],
      [["check", "--db", join(tmp, "notes.sqlite")], /^yusuan: .*notes\.sqlite is not a SQLite database/],
      [["export", "--db", db, "--out", join(tmp, "not-a-folder")], /^yusuan: .*not-a-folder/],
      [["inspect", join(tmp, "nowhere.pdf")], /^yusuan: cannot read .*nowhere\.pdf does not exist/],
      [["search", "养老", "--db", join(tmp, "nowhere.sqlite")], /^yusuan: no database at/],
    ];
    for (const [args, message] of cases) {
      const run = await yusuan(...args);
      expect(run.code, args.join(" ")).toBe(1);
      expect(run.stderr, args.join(" ")).toMatch(message);
      expect(run.stderr, args.join(" ")).not.toMatch(/ENOENT|EEXIST|ENOTDIR|SQLITE_|SqliteError|file is not a database/);
    }
  });

  it("Ctrl-C during an export leaves each file whole (old or new) and no temporary file", async () => {
    const out = join(tmp, "export-interrupted");
    expect((await yusuan("export", "--db", db, "--out", out)).code).toBe(0);
    const before = readFileSync(join(out, "yusuan.xlsx"));
    const child = spawn(process.execPath, [cli, "export", "--db", db, "--out", out], { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    // Interrupted (once) while the workbook, written last and streamed, is still a temporary file.
    let interrupted = false;
    const watcher = watch(out, (_, name) => {
      if (name?.startsWith(".yusuan.xlsx.") && !interrupted) interrupted = child.kill("SIGINT");
    });
    const code = await new Promise<number | null>((done) => child.on("exit", done)).finally(() => watcher.close());
    expect(code).toBe(130);
    expect(stderr).toMatch(/^yusuan: export interrupted \(SIGINT\)/m);
    expect(readdirSync(out).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    expect(readFileSync(join(out, "yusuan.xlsx")).equals(before)).toBe(true);
  });

  it("inspect shows the detected tables as text grids and can draw them over the pages", async () => {
    const html = join(tmp, "inspect.html");
    const run = await yusuan("inspect", join(samples, "dazhou_rsxxzx_2025_sample.pdf"), "--table", "1-2", "--html", html);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/表1-2 部门支出总表/);
    expect(run.stdout).toMatch(/473\.77/);
    expect(readFileSync(html, "utf8")).toMatch(/<svg[^>]+viewBox/);
  });
});

describe("the progress bar on a terminal", () => {
  it("names the document being read and the page it is at, then counts it done", async () => {
    const dir = join(tmp, "progress");
    mkdirSync(dir, { recursive: true });
    copyFileSync(join(samples, sampleNames[0]!), join(dir, sampleNames[0]!));
    // script(1) runs the command on a pseudo-terminal of its own: stderr is a real TTY, as in a person's shell
    const command = [process.execPath, cli, "ingest", dir, "--db", join(tmp, "progress.sqlite"), "--jobs", "1"].map((a) => `'${a}'`).join(" ");
    const run = await new Promise<Run>((done) =>
      execFile("script", ["-qec", command, "/dev/null"], { encoding: "utf8" }, (error, stdout, stderr) => done({ code: error ? 1 : 0, stdout, stderr })),
    );
    expect(run.code).toBe(0);
    const frames = run.stdout.split("\r");
    expect(frames.some((f) => f.includes(`0/1 docs`) && f.includes(`reading ${sampleNames[0]}`))).toBe(true);
    const pageCount = query<{ page_count: number }>(join(tmp, "progress.sqlite"), "SELECT page_count FROM documents")[0]!.page_count;
    for (const page of [1, pageCount]) expect(frames.some((f) => f.includes(`reading ${sampleNames[0]} p.${page}/${pageCount}`)), `p.${page}`).toBe(true);
    expect(frames.some((f) => /1\/1 docs · \d+ pages/.test(f) && !f.includes("reading"))).toBe(true);
  });
});

describe("a batch with bad inputs", () => {
  let db: string;
  let run: Run;
  beforeAll(async () => {
    const dir = join(tmp, "bad");
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir);
    await makeBadInputs(dir, join(samples, sampleNames[0]!));
    db = join(tmp, "bad.sqlite");
    run = await yusuan("ingest", dir, "--db", db, "--quiet");
  });

  it("finishes, loads the good files and exits 2", () => {
    expect(run.code).toBe(2);
    const loaded = query<{ file_name: string }>(db, "SELECT file_name FROM documents WHERE status = 'loaded' ORDER BY file_name").map((r) => r.file_name);
    expect(loaded).toEqual(["good.pdf", "owner-only.pdf"]);
    expect(query<{ n: number }>(db, "SELECT count(*) n FROM facts WHERE document = 'good.pdf'")[0]!.n).toBeGreaterThan(50);
  });

  it("records every bad file with a clear reason and loads nothing of it", () => {
    const rows = Object.fromEntries(
      query<{ file_name: string; status: string; error: string }>(db, "SELECT file_name, status, error FROM documents WHERE status != 'loaded'").map((r) => [r.file_name, r]),
    );
    expect(rows["empty.pdf"]).toMatchObject({ status: "failed", error: expect.stringMatching(/empty file/) });
    expect(rows["notes.pdf"]).toMatchObject({ status: "failed", error: expect.stringMatching(/not a PDF/) });
    expect(rows["truncated.pdf"]).toMatchObject({ status: "failed", error: expect.stringMatching(/corrupt|truncated|malformed|could not read/) });
    expect(rows["encrypted.pdf"]).toMatchObject({ status: "failed", error: expect.stringMatching(/password/) });
    expect(rows["scanned.pdf"]).toMatchObject({ status: "needs_ocr", error: expect.stringMatching(/OCR/) });
    const facts = query<{ document: string }>(db, "SELECT DISTINCT document FROM facts").map((r) => r.document);
    expect(facts.sort()).toEqual(["good.pdf"]);
  });

  it("check exits 2 when some document failed or needs OCR, and says how many", async () => {
    const run = await yusuan("check", "--db", db);
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/; 5 not loaded \(failed or need OCR\)/);
  });

  it("documents over the per-document time limit fail with that reason while the batch goes on", async () => {
    const dir = join(tmp, "slow");
    mkdirSync(dir, { recursive: true });
    for (const f of sampleNames) copyFileSync(join(samples, f), join(dir, f));
    // Collecting every 500 allocations once made the limit's timer vanish and let documents through.
    const limited = await yusuanOnNode(["--gc-interval=500"], "ingest", dir, "--db", join(tmp, "slow.sqlite"), "--timeout", "0.01", "--jobs", "1", "--quiet");
    const rows = query<{ status: string; error: string | null }>(join(tmp, "slow.sqlite"), "SELECT status, error FROM documents");
    expect(rows).toHaveLength(sampleNames.length);
    for (const r of rows) expect(r).toEqual({ status: "failed", error: "took longer than the per-document limit of 0.01 s" });
    expect(limited.code).toBe(2);
  });
});

/** Ingests `name`.pdf, made by `make`, beside one good sample: the exit code and what `documents` says of each. */
async function ingestBesideSample(name: string, make: (path: string) => unknown, ...options: string[]) {
  const dir = join(tmp, name);
  mkdirSync(dir, { recursive: true });
  await make(join(dir, `${name}.pdf`));
  copyFileSync(join(samples, sampleNames[0]!), join(dir, sampleNames[0]!));
  const db = join(tmp, `${name}.sqlite`);
  const run = await yusuan("ingest", dir, "--db", db, "--jobs", "2", "--quiet", ...options);
  const rows = query<{ file_name: string; status: string; error: string | null; page_count: number | null }>(
    db,
    "SELECT file_name, status, error, page_count FROM documents ORDER BY file_name",
  );
  return { code: run.code, good: rows.find((r) => r.file_name === sampleNames[0]), bad: rows.find((r) => r.file_name === `${name}.pdf`), rows: rows.length };
}

describe("a pathological file", () => {
  it("a stream that inflates to a gigabyte fails with the memory limit as its reason; the rest of the batch loads", async () => {
    const run = await ingestBesideSample("bomb", (path) => makeInflatingPdf(path, 1024), "--max-memory", "400");
    expect(run).toMatchObject({ code: 2, rows: 2, good: { status: "loaded", error: null } });
    expect(run.bad).toMatchObject({ status: "failed", error: "needed more than the per-document memory limit of 400 MB" });
  });

  it("a picture that inflates to a gigabyte is never decoded: the page's text loads within the memory limit", async () => {
    const run = await ingestBesideSample("photo", (path) => makeLargeImagePdf(path, 1024), "--max-memory", "400");
    expect(run).toMatchObject({ code: 0, rows: 2, good: { status: "loaded", error: null } });
    expect(run.bad).toMatchObject({ status: "loaded", error: null, page_count: 1 });
  });

  it("an object nested 100,000 levels deep fails with a clear reason; the rest of the batch loads", async () => {
    const run = await ingestBesideSample("nested", (path) => makeNestedPdf(path, 100_000));
    expect(run).toMatchObject({ code: 2, rows: 2, good: { status: "loaded", error: null } });
    expect(run.bad).toMatchObject({ status: "failed", error: "malformed PDF: objects nested too deeply to read (Maximum call stack size exceeded)" });
  });

  it("a document of 3,000 pages loads page by page within the limits, beside the rest of the batch", async () => {
    const run = await ingestBesideSample("long", (path) => makeLongPdf(path, 3000), "--max-memory", "512");
    expect(run).toMatchObject({ code: 0, rows: 2, good: { status: "loaded", error: null } });
    expect(run.bad).toMatchObject({ status: "loaded", error: null, page_count: 3000 });
  });

  it("a file waiting behind a slow one gets its whole time limit once a process takes it", async () => {
    // "a-slow.pdf" comes first; with one job the sample waits behind it for the slow file's whole limit
    const run = await ingestBesideSample("a-slow", (path) => makeLongPdf(path, 3000), "--jobs", "1", "--timeout", "3");
    expect(run).toMatchObject({ code: 2, rows: 2, good: { status: "loaded", error: null } });
    expect(run.bad).toMatchObject({ status: "failed", error: "took longer than the per-document limit of 3 s" });
  });
});

describe("killing a run", () => {
  it.each([
    { signal: "SIGKILL" as const, exit: { code: null, signal: "SIGKILL" } },
    { signal: "SIGINT" as const, exit: { code: 130, signal: null } },
  ])("$signal mid-batch leaves a consistent database and the next run completes it without duplicates", async ({ signal, exit }) => {
    const dir = join(tmp, `kill-${signal}`);
    mkdirSync(dir, { recursive: true });
    // distinct versions (a trailing comment changes the sha256, not the PDF) so each is a document of its own
    for (let i = 0; i < 8; i++) {
      const source = sampleNames[i % sampleNames.length]!;
      writeFileSync(join(dir, `${i}-${source}`), Buffer.concat([readFileSync(join(samples, source)), Buffer.from(`\n% copy ${i}\n`)]));
    }
    const db = join(tmp, `kill-${signal}.sqlite`);
    const child = spawn(process.execPath, [cli, "ingest", dir, "--db", db, "--jobs", "1"], { stdio: ["ignore", "ignore", "pipe"] });
    const exited = new Promise<[number | null, string | null]>((r) => child.once("exit", (c, sig) => r([c, sig])));
    let stderr = "";
    // Killed once a document is in the database, as its progress line, written after its transaction, says.
    await new Promise<void>((loaded, failed) => {
      child.stderr.on("data", (d: Buffer) => {
        stderr += d;
        if (/^\[\d+\/8\] loaded /m.test(stderr)) loaded();
      });
      child.once("exit", () => failed(new Error(`ingest ended before loading a document:\n${stderr}`)));
    });
    child.kill(signal);
    const [code, by] = await exited;
    expect({ code, signal: by }).toEqual(exit);
    if (signal === "SIGINT") expect(stderr).toMatch(/^yusuan: interrupted \(SIGINT\) after \d+ of 8 files; run the same command again to continue$/m);
    expect(query<{ integrity_check: string }>(db, "PRAGMA integrity_check")[0]!.integrity_check).toBe("ok");
    const partial = query<{ file_name: string; fact_count: number; facts: number }>(
      db,
      "SELECT d.file_name, d.fact_count, (SELECT count(*) FROM facts f WHERE f.document = d.file_name) AS facts FROM documents d WHERE status = 'loaded'",
    );
    expect(partial.length).toBeLessThan(8);
    for (const d of partial) expect(d.facts).toBe(d.fact_count);
    const resumed = await yusuan("ingest", dir, "--db", db, "--quiet");
    expect(resumed.code).toBe(0);
    const docs = query<{ n: number; distinct_files: number }>(db, "SELECT count(*) n, count(DISTINCT file_name) distinct_files FROM documents WHERE status = 'loaded'")[0]!;
    expect(docs).toEqual({ n: 8, distinct_files: 8 });
  });

  it("two runs against the same database at once cooperate: both finish, each document is loaded once", async () => {
    const db = join(tmp, "together.sqlite");
    const [a, b] = await Promise.all([yusuan("ingest", samples, "--db", db, "--quiet"), yusuan("ingest", samples, "--db", db, "--quiet")]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const docs = query<{ file_name: string }>(db, "SELECT file_name FROM documents ORDER BY file_name").map((r) => r.file_name);
    expect(docs).toEqual(sampleNames);
  });
});
