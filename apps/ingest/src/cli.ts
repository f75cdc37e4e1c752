#!/usr/bin/env node
import { Command, CommanderError, InvalidArgumentError } from "commander";
import { readFileSync } from "node:fs";
import { defaultJobs } from "./resource-limits.js";
import { ExitCode, UsageError } from "./exit-codes.js";
import { plainMessage } from "./plain-errors.js";
import { parseShard } from "./shard.js";

/** The version of this yusuan, as its package says (dist/cli.js sits one folder below package.json). */
const { version } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };

// `yusuan check db | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

const positiveInt = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("expected a whole number ≥ 1");
  return n;
};

const positiveNumber = (v: string) => {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError("expected a number > 0");
  return n;
};

/** Imports a command's module only when it runs: `ingest` need not load pdfjs in the main thread, nor `codes` exceljs. */
const lazy =
  <A extends unknown[]>(load: () => Promise<(...args: A) => Promise<void>>) =>
  async (...args: A) =>
    (await load())(...args);

const program = new Command()
  .name("yusuan")
  .description("Chinese budget-disclosure PDFs (部门预算公开) → coded, checked SQLite and CSV")
  .version(version, "-V, --version", "print the version of yusuan")
  .showHelpAfterError("(run with --help for usage)")
  .exitOverride();

program
  .command("ingest")
  .description("extract, code, check and load PDFs (files or folders) into a SQLite database")
  .argument("<inputs...>", "PDF files or folders (searched recursively for *.pdf)")
  .requiredOption("--db <file>", "SQLite database to create or update")
  .option("--csv <dir>", "also export CSV files (UTF-8 with BOM), datapackage.json, yusuan.xlsx and Datasette metadata into this folder")
  .option("--jobs <n>", "extraction processes running at once: one a usable core, fewer where the usable memory would not hold 400 MB each", positiveInt, defaultJobs())
  .option("--force", "re-read every file, even content (sha256) already loaded or failed; a failed re-read keeps the loaded version", false)
  .option("--retry-failed", "re-read files whose content failed or needed OCR before (by default their outcome is remembered)", false)
  .option("--replace", "a changed file replaces the versions loaded under the same name (by default they are kept beside it)", false)
  .option("--timeout <seconds>", "per-document time limit", positiveNumber, 300)
  .option("--max-memory <MB>", "per-document memory limit: what a file may add to its process's memory (a file that needs more fails with that reason)", positiveInt, 2048)
  .option("--recycle-after <n>", "documents an extraction process reads before a fresh one takes its place (a bound on whatever it might keep from earlier files)", positiveInt, 500)
  .option("--quiet", "no progress output", false)
  .option("--overrides <file>", "department overrides to apply (CSV document,department; default: DB's name with .departments.csv beside it)")
  .option("--no-ocr", "leave pages without a text layer (scans) unread: such a document is recorded as needs_ocr")
  .option("--shard <K/N>", "only the K-th of N shares of the inputs (by content), for runs on several machines; see yusuan merge", (v: string) => {
    const shard = parseShard(v);
    if (!shard) throw new InvalidArgumentError("expected K/N with 1 ≤ K ≤ N, e.g. 2/8");
    return shard;
  })
  .addHelpText(
    "after",
    "\nFiles are known by content (sha256): one already loaded, failed or needing OCR is not read again (see --force,\n" +
      "--retry-failed); copies under other names are one document with every name kept (document_names). Only regular\n" +
      "files are read: FIFOs, dangling links and link loops are skipped with a reason.\n" +
      "Exit codes: 0 every input loaded; 2 finished but some inputs failed or were skipped (see the documents table); 1 usage\n" +
      "or fatal error (the database cannot be used or written, e.g. disk full: what was loaded before is whole);\n" +
      "130 interrupted (Ctrl-C): what was loaded is whole, the same command continues.\n" +
      "Example: yusuan ingest data/samples --db out/budget.sqlite --csv out/csv",
  )
  .action(lazy(async () => (await import("./commands/ingest.js")).ingestCommand));

program
  .command("merge")
  .description("combine the databases of `yusuan ingest --shard` runs into one, as a single run would have written it")
  .argument("<out>", "the database to merge into (created if needed)")
  .argument("<shards...>", "databases written by yusuan ingest")
  .addHelpText(
    "after",
    "\nA document is its content (sha256): one held by several databases is kept once, with every name it was found\n" +
      "under. Merging again changes nothing. Databases of another schema version are refused.\n" +
      "Exit codes: 0 merged; 1 usage or fatal error; 130 interrupted (whole shards are merged, the same command completes it).\n" +
      "Example: yusuan merge out/budget.sqlite out/shard-*.sqlite",
  )
  .action(lazy(async () => (await import("./commands/merge.js")).mergeCommand));

program
  .command("inspect")
  .description("show what was detected in one PDF: tables, pages, headers and rows as text grids")
  .argument("<pdf>", "the PDF to inspect")
  .option("--html <file>", "also write one HTML file: each page drawn with the detected cells outlined and the findings beside it, as yusuan review shows a document")
  .option("--table <no>", "only the table with this number, e.g. 1-2")
  .action(lazy(async () => (await import("./commands/inspect.js")).inspectCommand));

program
  .command("codes")
  .description("look up a 政府收支分类科目 code or name (code → name and path; name → candidate codes)")
  .argument("<query>", "a code such as 2080505 or 30101, or a name or part of one")
  .option("--year <year>", "fiscal year (edition) to resolve against", positiveInt)
  .option("--db <file>", "also show how the documents of this database print the code (each with its table and page), or each one's figure for a money word")
  .addHelpText(
    "after",
    "\nA money word (三公, 机关运行经费, 政府采购, 人员经费, 公用经费, 公务接待 …) answers with the canonical fund, use or item\n" +
      "it means in facts and document_summary; with --db, each document's figure and the table and page it was printed on.\n" +
      "Examples: yusuan codes 2080505 --db out/budget.sqlite\n          yusuan codes 三公 --db out/budget.sqlite",
  )
  .action(lazy(async () => (await import("./commands/codes.js")).codesCommand));

program
  .command("check")
  .description("print the consistency report (validation issues) of every document in a database")
  .argument("[db]", "the database, as --db gives it (the older form)")
  .option("--db <file>", "a database written by yusuan ingest")
  .option("--document <name>", "only this document (file name)")
  .addHelpText(
    "after",
    "\nExit codes: 0 every document is loaded and clean; 2 some document failed, needs OCR or has an error-level finding;\n" +
      "1 usage or fatal error.\n" +
      "Example: yusuan check --db out/budget.sqlite > report.txt",
  )
  .action(lazy(async () => (await import("./commands/check.js")).checkCommand));

program
  .command("search")
  .description("find a word in the table rows and prose of the loaded documents, with document, table and page")
  .argument("<text>", "any text; words of one or two characters (养老, 三公) are found too")
  .requiredOption("--db <file>", "a database written by yusuan ingest")
  .option("--limit <n>", "at most this many table rows and as many prose sections", positiveInt, 50)
  .addHelpText(
    "after",
    "\nThree characters or more are looked up in the full-text index (line_items_fts, prose_sections_fts); one or two,\n" +
      "which that index cannot hold, by reading every label and section.\n" +
      "Example: yusuan search 养老 --db out/budget.sqlite",
  )
  .action(lazy(async () => (await import("./commands/search.js")).searchCommand));

program
  .command("departments")
  .description("list each department with the documents linked to it and why; correct a link with an override")
  .requiredOption("--db <file>", "a database written by yusuan ingest")
  .option("--overrides <file>", "the overrides file (default: the database's name with .departments.csv, beside it)")
  .option("--link <document=department>", "link DOCUMENT (its file name) to the department printed as DEPARTMENT, or to a new one of that name; kept in the overrides file")
  .option("--relink", "link every document again (after editing the overrides file)", false)
  .addHelpText(
    "after",
    "\nDocuments are linked when their names say the same organisation of the same region (全称 or 简称, with or without\n" +
      "本级/汇总, its 部门 or 单位 document); the same name in two regions never. The overrides file is CSV with the header\n" +
      "document,department and is re-applied on every ingest into the database. Without --link or --relink the database is\n" +
      "only read.\n" +
      "Examples: yusuan departments --db out/budget.sqlite\n" +
      "          yusuan departments --db out/budget.sqlite --link qinglan_sfj_2025_sample.pdf=青岚县司法局",
  )
  .action(lazy(async () => (await import("./commands/departments.js")).departmentsCommand));

program
  .command("export")
  .description("write CSV files, datapackage.json, an XLSX workbook and Datasette metadata from an existing database")
  .requiredOption("--db <file>", "a database written by yusuan ingest")
  .requiredOption("--out <dir>", "folder to write into")
  .addHelpText(
    "after",
    "\nExit codes: 0 written; 1 usage or fatal error; 130 interrupted (Ctrl-C): each file is the new one whole or the old one\n" +
      "untouched, and no temporary file is left.\n" +
      "Example: yusuan export --db out/budget.sqlite --out out/csv",
  )
  .action(lazy(async () => (await import("./commands/export.js")).exportCommand));

program
  .command("review")
  .description("write a static HTML report of a database: each PDF page drawn with its extracted cells, missed amounts and findings")
  .requiredOption("--db <file>", "a database written by yusuan ingest")
  .requiredOption("--out <dir>", "folder to write the report into (new, empty, or an earlier report, which is replaced)")
  .option("--quiet", "no progress output", false)
  .addHelpText(
    "after",
    "\nOpen DIR/index.html in a browser (from disk; no server). Each document's PDF is read again from the path it was\n" +
      "ingested from; where it is gone or has changed, its page says so and draws the cells on blank pages.\n" +
      "Exit codes: 0 written; 1 usage or fatal error; 130 interrupted (Ctrl-C): the folder is left as it was.\n" +
      "Example: yusuan review --db out/budget.sqlite --out out/review",
  )
  .action(lazy(async () => (await import("./commands/review.js")).reviewCommand));

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? ExitCode.Ok : ExitCode.Fatal;
  } else if (error instanceof UsageError) {
    process.stderr.write(`yusuan: ${error.message}\n`);
    process.exitCode = ExitCode.Fatal;
  } else {
    process.stderr.write(`yusuan: ${plainMessage(error)}\n`);
    if (process.env.YUSUAN_DEBUG) process.stderr.write(`${(error as Error).stack}\n`);
    process.exitCode = ExitCode.Fatal;
  }
}
