import Sqlite from "better-sqlite3";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { databaseError, isStorageError } from "./database-errors.js";
import { openDatabase } from "./database.js";

const dir = mkdtempSync(join(tmpdir(), "yusuan-load-errors-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("openDatabase refuses what is not a yusuan database, before writing a byte", () => {
  it("a SQLite file with tables of its own stays as it was: same bytes, same journal mode, no -wal beside it", () => {
    const path = join(dir, "notes.sqlite");
    const foreign = new Sqlite(path);
    foreign.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes (text) VALUES ('预算');");
    foreign.close();
    const before = readFileSync(path);
    expect(() => openDatabase(path)).toThrow(`${path} is a SQLite database but not one yusuan wrote (it holds notes); nothing was written to it`);
    expect(() => openDatabase(path, { readonly: true })).toThrow(/not one yusuan wrote/);
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it("a file that is not SQLite at all is named as such", () => {
    const path = join(dir, "notes.txt");
    writeFileSync(path, "部门预算公开\n".repeat(100));
    expect(() => openDatabase(path)).toThrow(`${path} is not a SQLite database; choose another --db`);
    expect(readFileSync(path, "utf8")).toBe("部门预算公开\n".repeat(100));
  });

  it("a folder given as the database is named as such", () => {
    const path = join(dir, "a-folder.sqlite");
    mkdirSync(path);
    expect(() => openDatabase(path)).toThrow(`cannot write the database ${path}: it is a folder, not a file`);
  });
});

describe("a storage error", () => {
  it("disk full is the storage's failure, said with the file and the remedy", () => {
    const path = join(dir, "full.sqlite");
    const db = openDatabase(path);
    // SQLite's own page limit gives the same SQLITE_FULL as a full disk (a row larger than the pages a migration freed)
    db.pragma(`max_page_count = ${db.pragma("page_count", { simple: true })}`);
    let error: unknown;
    try {
      db.exec(`INSERT INTO documents (file_name, source_path, sha256, status, error, loaded_at) VALUES ('a.pdf', 'a.pdf', 'ab', 'failed', '${"x".repeat(1_000_000)}', 'now')`);
    } catch (e) {
      error = e;
    }
    db.close();
    expect(isStorageError(error)).toBe(true);
    expect(databaseError(error, path).message).toBe(`cannot write the database ${path}: the disk is full; free some space and run the same command again`);
    expect(isStorageError(new Error("CHECK constraint failed"))).toBe(false);
  });
});
