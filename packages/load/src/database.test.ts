import Sqlite from "better-sqlite3";
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, watch } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { migrate, openDatabase, schemaVersion } from "./database.js";
import { MIGRATIONS } from "./migrations.js";

const dir = mkdtempSync(join(tmpdir(), "yusuan-load-db-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A database of the first schema version, as an early yusuan left it. */
function firstVersion(name: string): Sqlite.Database {
  const db = new Sqlite(join(dir, name));
  db.exec(MIGRATIONS[0]!.sql);
  db.pragma("user_version = 1");
  return db;
}

describe("MIGRATIONS", () => {
  it("are numbered 1, 2, 3 … without gaps, so user_version counts the steps applied", () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });
});

describe("openDatabase", () => {
  it("creates a WAL database with foreign keys on and every migration applied", () => {
    const db = openDatabase(join(dir, "new", "budget.sqlite"));
    expect(schemaVersion(db)).toBe(MIGRATIONS.at(-1)!.version);
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.pragma("foreign_keys", { simple: true })).toBe(1);
    const names = db.prepare("SELECT name FROM sqlite_schema WHERE type IN ('table', 'view')").pluck().all();
    expect(names).toEqual(expect.arrayContaining(["documents", "budget_tables", "line_items", "amounts", "facts", "func_rollup"]));
    db.close();
  });

  it("opens read-only: refuses writes and leaves no -wal or -shm beside the database", () => {
    const folder = join(dir, "read-only");
    openDatabase(join(folder, "budget.sqlite")).close();
    expect(readdirSync(folder)).toEqual(["budget.sqlite"]);
    const db = openDatabase(join(folder, "budget.sqlite"), { readonly: true });
    expect(db.prepare("SELECT count(*) FROM documents").pluck().get()).toBe(0);
    expect(() => db.exec("DELETE FROM documents")).toThrow(/readonly/);
    db.close();
    expect(readdirSync(folder)).toEqual(["budget.sqlite"]);
  });

  it("lets another process see a new database only whole: never a file without its schema", async () => {
    const folder = join(dir, "watched");
    mkdirSync(folder);
    const path = join(folder, "budget.sqlite");
    const built = pathToFileURL(resolve(fileURLToPath(import.meta.url), "../../dist/index.js")).href;
    // Created by another process and read here the moment its file appears, as a second run or Datasette would.
    const seen: string[] = [];
    const watcher = watch(folder, (_, name) => {
      if (name !== "budget.sqlite" || seen.length > 0) return;
      try {
        const reader = new Sqlite(path, { readonly: true, fileMustExist: true });
        seen.push(`version ${schemaVersion(reader)}, ${reader.prepare("SELECT count(*) FROM documents").pluck().get()} documents`);
        reader.close();
      } catch (error) {
        seen.push((error as Error).message);
      }
    });
    const child = spawn(process.execPath, ["--input-type=module", "-e", `(await import(${JSON.stringify(built)})).openDatabase(${JSON.stringify(path)}).close();`]);
    const code = await new Promise((done) => child.on("exit", done)).finally(() => watcher.close());
    expect(code).toBe(0);
    expect(seen).toEqual([`version ${MIGRATIONS.length}, 0 documents`]);
    expect(readdirSync(folder).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("reopens an up-to-date database without running migrations again", () => {
    const path = join(dir, "again.sqlite");
    openDatabase(path).close();
    const db = openDatabase(path);
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    db.close();
  });

  it("migrates forward from an older version, keeping its rows", () => {
    const old = firstVersion("old.sqlite");
    old.prepare("INSERT INTO documents (file_name, source_path, sha256, status, error, loaded_at) VALUES ('a.pdf', 'a.pdf', 'ab', 'failed', 'x', '2026-01-01T00:00:00.000Z')").run();
    old.close();
    const db = openDatabase(join(dir, "old.sqlite"));
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    expect(db.prepare("SELECT count(*) FROM documents").pluck().get()).toBe(1);
    db.close();
  });

  it("applies the pending migrations together: one that fails leaves the older version whole", () => {
    const old = firstVersion("failing.sqlite");
    const broken = { version: MIGRATIONS.length + 1, name: "broken", sql: "CREATE TABLE later (x); SELECT * FROM nowhere;" };
    expect(() => migrate(old, [...MIGRATIONS, broken])).toThrow(/no such table: nowhere/);
    expect(schemaVersion(old)).toBe(1);
    expect(old.prepare("SELECT name FROM sqlite_schema WHERE name IN ('budget_tables', 'facts', 'later')").pluck().all()).toEqual([]);
    old.close();
  });

  it("refuses a database written by a newer schema", () => {
    const path = join(dir, "newer.sqlite");
    const future = new Sqlite(path);
    future.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    future.close();
    expect(() => openDatabase(path)).toThrow(/newer than this yusuan/);
  });

  it("inserts a row without building a temporary b-tree: every CHECK of a few values compares them", () => {
    const db = openDatabase(join(dir, "comparisons.sqlite"));
    const tables = db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND sql IS NOT NULL").all() as { name: string; sql: string }[];
    // SQLite compares a column with a list of one or two values; from three on it looks the value up in a b-tree built for the row
    const lists = tables.filter((t) => /\bIN \((\s*'[^']*'\s*,){2,}/.test(t.sql)).map((t) => t.name);
    expect(lists).toEqual([]);
    for (const { name } of tables.filter((t) => !t.name.includes("_fts"))) {
      const plan = db.prepare(`EXPLAIN INSERT INTO "${name}" DEFAULT VALUES`).all() as { opcode: string }[];
      expect(plan.filter((op) => op.opcode === "OpenEphemeral"), name).toEqual([]);
    }
    db.close();
  });

  it("keeps what those CHECKs refuse and let pass: a value not listed fails, NULL passes", () => {
    const db = openDatabase(join(dir, "comparisons-refuse.sqlite"));
    db.exec("PRAGMA foreign_keys = OFF");
    const insert = db.prepare("INSERT INTO amounts (line_item_id, ordinal, measure, amount_text, amount, page, bbox, period, basis) VALUES (1, ?, 'm', '1', 1, 1, '[]', ?, ?)");
    expect(() => insert.run(0, "current", "决算")).not.toThrow();
    expect(() => insert.run(1, null, null)).not.toThrow();
    expect(() => insert.run(2, "later", "决算")).toThrow(/CHECK constraint failed: \(period = 'current' OR/);
    expect(() => insert.run(3, "current", "预算草案")).toThrow(/CHECK constraint failed: \(basis = '预算' OR/);
    db.close();
  });

  it("rewrites those CHECKs of a version-14 database in place: rows kept, integrity whole, other connections told", () => {
    const path = join(dir, "fourteen.sqlite");
    const old = new Sqlite(path);
    migrate(old, MIGRATIONS.slice(0, 14));
    old.prepare("INSERT INTO documents (file_name, source_path, sha256, status, error, loaded_at) VALUES ('a.pdf', 'a.pdf', 'ab', 'failed', 'x', 'now')").run();
    const ephemeral = (db: Sqlite.Database) =>
      (db.prepare("EXPLAIN INSERT INTO documents (file_name, source_path, sha256, status, loaded_at) VALUES ('b.pdf', 'b.pdf', 'cd', 'loaded', 'now')").all() as { opcode: string }[]).filter(
        (op) => op.opcode === "OpenEphemeral",
      ).length;
    expect(ephemeral(old)).toBe(1);
    const db = openDatabase(path);
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    expect(db.prepare("SELECT count(*) FROM documents").pluck().get()).toBe(1);
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(ephemeral(db)).toBe(0);
    // the connection open meanwhile finds the schema changed at its next statement, and reads it again
    expect(old.prepare("SELECT count(*) FROM documents").pluck().get()).toBe(1);
    expect(ephemeral(old)).toBe(0);
    expect(() => db.prepare("UPDATE documents SET status = 'done'").run()).toThrow(/CHECK/);
    old.close();
    db.close();
  });

  it("rejects a failed document without its reason and an unknown status", () => {
    const db = openDatabase(join(dir, "checks.sqlite"));
    const insert = db.prepare("INSERT INTO documents (file_name, source_path, sha256, status, error, loaded_at) VALUES ('a.pdf', 'a.pdf', ?, ?, ?, 'now')");
    expect(() => insert.run("s1", "failed", null)).toThrow(/CHECK/);
    expect(() => insert.run("s2", "done", null)).toThrow(/CHECK/);
    db.close();
  });
});
