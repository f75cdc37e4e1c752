import Sqlite from "better-sqlite3";
import { existsSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { createExclusively } from "./atomic-write.js";
import { databaseError, refuseForeignDatabase } from "./database-errors.js";
import { MIGRATIONS, type Migration } from "./migrations.js";

/** An open yusuan database (a better-sqlite3 connection with the schema applied). */
export type BudgetDatabase = Sqlite.Database;

export interface OpenOptions {
  /**
   * open an existing database without writing to it (no migrations are run; every write is refused) and
   * leave no -wal or -shm file behind
   */
  readonly readonly?: boolean;
}

/**
 * Opens (creating if needed) a yusuan SQLite database: WAL, foreign keys on, schema migrated forward. A
 * database that is not yusuan's is refused untouched; every failure is a DatabaseError naming the file.
 * @example const db = openDatabase("out/budget.sqlite"); try { loadDocument(db, doc) } finally { db.close() }
 */
export function openDatabase(path: string, options: OpenOptions = {}): BudgetDatabase {
  try {
    return open(path, options.readonly ?? false);
  } catch (error) {
    throw databaseError(error, path);
  }
}

function open(path: string, readonly: boolean): BudgetDatabase {
  if (!readonly && path !== ":memory:") {
    mkdirSync(dirname(path), { recursive: true });
    // Another process (a second run, Datasette, a reader waiting for the file) must never find a
    // database without its schema: a new one is built beside its path and linked into place whole.
    if (!existsSync(path)) createExclusively(path, (tmp) => configure(new Sqlite(tmp), false, tmp).close());
  }
  return configure(readonly ? openForReading(path) : new Sqlite(path), readonly, path);
}

/**
 * A connection that refuses every write (query_only). It is opened for writing where the file allows, because
 * SQLite removes the -wal and -shm files it needs for a WAL database only when a connection that may write
 * closes last; a file this user cannot write is opened read-only proper.
 */
function openForReading(path: string): BudgetDatabase {
  let db: BudgetDatabase;
  try {
    db = new Sqlite(path, { fileMustExist: true });
  } catch (error) {
    if (!/^SQLITE_(READONLY|CANTOPEN|PERM)/.test((error as { code?: string }).code ?? "")) throw error;
    db = new Sqlite(path, { readonly: true, fileMustExist: true });
  }
  db.pragma("query_only = ON");
  return db;
}

/**
 * Sets a connection up: foreign keys on; a foreign database refused; unless read-only, WAL, waiting
 * for other writers, and the schema migrated forward.
 */
function configure(db: BudgetDatabase, readonly: boolean, path: string): BudgetDatabase {
  try {
    db.pragma("foreign_keys = ON");
    if (readonly) {
      refuseForeignDatabase(db, path, MIGRATIONS.length);
      assertKnownVersion(schemaVersion(db));
    } else {
      // a second process loading into the same file waits instead of failing at once (even while switching to WAL)
      db.pragma("busy_timeout = 10000");
      whileBusy(() => refuseForeignDatabase(db, path, MIGRATIONS.length));
      // switching a new file to WAL takes an exclusive lock, and SQLite answers BUSY at once (no busy
      // handler) while another process opening the same file holds one: wait and retry instead
      whileBusy(() => db.pragma("journal_mode = WAL"));
      db.pragma("synchronous = NORMAL");
      whileBusy(() => migrate(db));
    }
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

/** Runs `step`, retrying for up to 10 s while SQLite reports the database busy (locked by another process). */
function whileBusy<T>(step: () => T): T {
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let waited = 0; ; waited += 50) {
    try {
      return step();
    } catch (error) {
      if ((error as { code?: string }).code !== "SQLITE_BUSY" || waited >= 10_000) throw error;
      Atomics.wait(pause, 0, 0, 50);
    }
  }
}

/**
 * The schema version of a database: how many migrations have been applied.
 * @example schemaVersion(openDatabase(":memory:")) // === MIGRATIONS.length
 */
export function schemaVersion(db: BudgetDatabase): number {
  return db.pragma("user_version", { simple: true }) as number;
}

/**
 * Applies the migrations a database has not seen yet, all in one transaction; returns the new version.
 * @example migrate(db) // 7
 */
export function migrate(db: BudgetDatabase, migrations: readonly Migration[] = MIGRATIONS): number {
  assertKnownVersion(schemaVersion(db), migrations);
  const latest = migrations.at(-1)?.version ?? 0;
  if (schemaVersion(db) === latest) return latest;
  // IMMEDIATE takes the write lock before reading the version again: a second process opening the same
  // file waits, then finds the steps done. One transaction: another connection sees the schema of one
  // version or of the next, never a part, and a step that fails leaves the database as it was.
  db.transaction(() => {
    const current = schemaVersion(db);
    for (const step of migrations.filter((m) => m.version > current)) {
      if (!step.editsSchemaText) {
        db.exec(step.sql);
        continue;
      }
      // better-sqlite3 refuses writes to sqlite_schema (SQLite's defensive mode) but in unsafe mode
      const cookie = db.pragma("schema_version", { simple: true }) as number;
      db.unsafeMode(true);
      try {
        db.exec(step.sql);
        db.pragma(`schema_version = ${cookie + 1}`);
      } finally {
        db.unsafeMode(false);
      }
    }
    db.pragma(`user_version = ${latest}`);
  }).immediate();
  return latest;
}

function assertKnownVersion(version: number, migrations: readonly Migration[] = MIGRATIONS): void {
  const latest = migrations.at(-1)?.version ?? 0;
  if (version > latest) {
    throw new Error(`database schema version ${version} is newer than this yusuan (knows ${latest}): upgrade yusuan`);
  }
}
