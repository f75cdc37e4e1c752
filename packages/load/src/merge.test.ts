import Sqlite from "better-sqlite3";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sampleDocs, truthDocument } from "@yusuan/testkit";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase, type BudgetDatabase } from "./database.js";
import { addDocumentNames } from "./document-names.js";
import { linkDepartments } from "./link-departments.js";
import { loadDocument } from "./load-document.js";
import { mergeDatabases, mergePlan } from "./merge.js";
import { MIGRATIONS } from "./migrations.js";

const dir = mkdtempSync(join(tmpdir(), "yusuan-merge-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const path = (name: string) => join(dir, `${n++}-${name}.sqlite`);

/** A database holding these sample documents (from their truth), each under the name of its PDF. */
function shardOf(docs: ReturnType<typeof sampleDocs>, name: string, extraSql = ""): string {
  const file = path(name);
  const db = openDatabase(file);
  try {
    if (extraSql) db.exec(extraSql);
    for (const doc of docs) {
      db.transaction(() => {
        const { documentId } = loadDocument(db, truthDocument(doc), { sourcePath: doc.pdf });
        addDocumentNames(db, documentId, [doc.pdf]);
      })();
    }
    // as every ingest run does after loading
    linkDepartments(db);
  } finally {
    db.close();
  }
  return file;
}

const tablesOf = (db: BudgetDatabase) =>
  (db.prepare("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[]).sort();

/**
 * Every row of every table of the schema without its ids (its own and its parents'), sorted: what a database
 * holds, whatever ids it gave. loaded_at is left out: it is when a document was read.
 */
function content(file: string): Record<string, string[]> {
  const db = openDatabase(file, { readonly: true });
  try {
    return Object.fromEntries(
      tablesOf(db).map((t) => {
        const ids = new Set(db.prepare("SELECT \"from\" FROM pragma_foreign_key_list(?)").pluck().all(t) as string[]);
        const columns = db.prepare<[string], { name: string; pk: number; type: string }>("SELECT name, pk, type FROM pragma_table_info(?)").all(t);
        const keep = columns.filter((c) => !ids.has(c.name) && !(c.pk && c.type === "INTEGER") && c.name !== "loaded_at").map((c) => `"${c.name}"`);
        return [t, (db.prepare(`SELECT json_array(${keep.join(", ")}) FROM "${t}"`).pluck().all() as string[]).sort()];
      }),
    );
  } finally {
    db.close();
  }
}

describe("mergePlan", () => {
  it("carries every table of the schema: each one document-owned (copied with its document), shared or derived", () => {
    const db = openDatabase(":memory:");
    const plan = mergePlan(db);
    const planned = [...plan.owned, ...plan.reference, ...plan.derived].map((t) => t.name);
    expect(planned.sort()).toEqual(tablesOf(db));
    expect(plan.owned[0]!.name).toBe("documents");
    // parents before children, so every row's parent has its new id before the row is copied
    const order = plan.owned.map((t) => t.name);
    for (const t of plan.owned) for (const p of t.parents) expect(order.indexOf(p.table)).toBeLessThan(order.indexOf(t.name));
    db.close();
  });

  it("refuses a table that belongs to no document and that merge was not told how to combine", () => {
    const db = openDatabase(":memory:");
    db.exec("CREATE TABLE reviewers (id INTEGER PRIMARY KEY, name TEXT NOT NULL)");
    expect(() => mergePlan(db)).toThrow(/cannot merge table reviewers: it belongs to no document/);
    db.close();
  });
});

describe("mergeDatabases", () => {
  const samples = sampleDocs();

  it("gives the documents of every shard, once each, with all their rows, and merging again changes nothing", () => {
    const whole = shardOf(samples, "whole");
    const shards = [shardOf(samples.slice(0, 3), "a"), shardOf(samples.slice(3, 5), "b"), shardOf(samples.slice(5), "c")];
    const out = path("merged");
    expect(mergeDatabases(out, shards)).toEqual({ added: samples.length, alreadyPresent: 0, replaced: 0 });
    expect(content(out)).toEqual(content(whole));
    // full-text search finds every row it copied: FTS5 compares its index with the rows it indexes
    const merged = openDatabase(out);
    for (const fts of ["line_items_fts", "prose_sections_fts"]) expect(() => merged.exec(`INSERT INTO ${fts} (${fts}, rank) VALUES ('integrity-check', 1)`)).not.toThrow();
    expect(merged.prepare("SELECT count(*) FROM line_items_fts WHERE line_items_fts MATCH '养老保险'").pluck().get()).toBeGreaterThan(0);
    merged.close();
    expect(mergeDatabases(out, shards)).toEqual({ added: 0, alreadyPresent: samples.length, replaced: 0 });
    expect(content(out)).toEqual(content(whole));
  });

  it("keeps a document held by two shards once, with the names it had in each", () => {
    const [first] = samples;
    const copy = shardOf([first!], "copy");
    const db = openDatabase(copy);
    db.prepare("INSERT INTO document_names (document_id, file_name, source_path) SELECT id, 'copy.pdf', '/elsewhere/copy.pdf' FROM documents").run();
    db.close();
    const out = path("twice");
    mergeDatabases(out, [shardOf(samples, "all"), copy]);
    const merged = openDatabase(out, { readonly: true });
    expect(merged.prepare("SELECT count(*) FROM documents").pluck().get()).toBe(samples.length);
    expect(merged.prepare("SELECT file_name FROM document_names WHERE source_path IN (?, '/elsewhere/copy.pdf') ORDER BY file_name").pluck().all(first!.pdf)).toEqual([
      `${first!.name}.pdf`,
      "copy.pdf",
    ]);
    merged.close();
  });

  it("carries a table a later migration adds under documents, without being told of it", () => {
    const extra = "CREATE TABLE ocr_pages (document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE, page INTEGER NOT NULL, engine TEXT, PRIMARY KEY (document_id, page)) STRICT;";
    const shard = shardOf(samples.slice(0, 2), "ocr", extra);
    const db = openDatabase(shard);
    db.exec("INSERT INTO ocr_pages SELECT document_id, page, 'tesseract' FROM pages");
    const pages = db.prepare("SELECT count(*) FROM pages").pluck().get();
    db.close();
    const out = path("ocr-out");
    const target = openDatabase(out);
    target.exec(extra);
    target.close();
    mergeDatabases(out, [shard]);
    expect(content(out).ocr_pages).toHaveLength(pages as number);
  });

  it("refuses a database of another schema version before writing anything", () => {
    const old = shardOf(samples.slice(0, 1), "old");
    const raw = new Sqlite(old);
    raw.pragma(`user_version = ${MIGRATIONS.length - 1}`);
    raw.close();
    const out = join(dir, "never.sqlite");
    expect(() => mergeDatabases(out, [old])).toThrow(new RegExp(`has schema version ${MIGRATIONS.length - 1}, this yusuan writes version ${MIGRATIONS.at(-1)!.version}`));
    expect(existsSync(out)).toBe(false);
  });
});
