import type Sqlite from "better-sqlite3";
import { accessSync, constants, statSync } from "node:fs";
import { dirname, resolve } from "node:path";

/**
 * Why a database cannot be used, with the file concerned and what to do about it: a message for people,
 * printed as it is.
 */
export class DatabaseError extends Error {
  override readonly name = "DatabaseError";
}

/** SQLite's result codes for a storage that fails the run, whichever document is being written. */
const STORAGE = /^SQLITE_(FULL|IOERR|READONLY|CANTOPEN|PERM|CORRUPT|NOTADB|BUSY|LOCKED)/;

/**
 * Is this error the storage's (disk full, read-only, I/O, locked …) rather than the document's?
 * @example try { loadDocument(db, doc) } catch (e) { if (isStorageError(e)) throw databaseError(e, path) }
 */
export const isStorageError = (error: unknown): boolean => STORAGE.test((error as { code?: unknown })?.code?.toString() ?? "");

/** The first reason the file system gives for `path` not being usable with `mode`, or null. */
function refusal(path: string, mode: number): string | null {
  try {
    accessSync(path, mode);
    return null;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EROFS") return "is on a read-only file system";
    if (code === "EACCES" || code === "EPERM") return `is not ${mode === constants.R_OK ? "readable" : "writable"} by this user`;
    if (code === "ENOENT") return "does not exist";
    return `cannot be used (${code})`;
  }
}

/** What stops SQLite from opening or writing `path`, in the words of the file system. */
function whyNotWritable(path: string): string {
  const folder = dirname(resolve(path));
  const isFolder = (() => {
    try {
      return statSync(path).isDirectory();
    } catch {
      return false;
    }
  })();
  if (isFolder) return "it is a folder, not a file";
  const exists = refusal(path, constants.F_OK) === null;
  const file = exists ? (refusal(path, constants.R_OK) ?? refusal(path, constants.W_OK)) : null;
  if (file) return `the file ${file}`;
  const dir = refusal(folder, constants.W_OK);
  // SQLite writes its journal (-wal, -shm) beside the database, so the folder must be writable too
  if (dir) return `its folder ${folder} ${dir}${exists ? " (SQLite writes its -wal and -shm files beside the database)" : ""}`;
  return "SQLite cannot open it for writing";
}

const REMEDY = "choose another --db, or make the file and its folder writable";

/**
 * The error to show for `error`, met while opening or writing the database at `path`: which file, why, and
 * what to do.
 * @example throw databaseError(error, "out/budget.sqlite") // "cannot write the database out/budget.sqlite: the disk is full …"
 */
export function databaseError(error: unknown, path: string): DatabaseError {
  if (error instanceof DatabaseError) return error;
  const e = error as { code?: string; message?: string };
  const code = e?.code ?? "";
  const message = e?.message ?? String(error);
  if (code.startsWith("SQLITE_FULL"))
    return new DatabaseError(`cannot write the database ${path}: the disk is full; free some space and run the same command again`);
  if (code.startsWith("SQLITE_READONLY") || code.startsWith("SQLITE_CANTOPEN") || code.startsWith("SQLITE_PERM") || /directory does not exist/.test(message))
    return new DatabaseError(`cannot write the database ${path}: ${whyNotWritable(path)}; ${REMEDY}`);
  if (["EACCES", "EPERM", "EROFS", "ENOTDIR", "EEXIST"].includes(code))
    return new DatabaseError(`cannot create the folder of the database ${path}: ${message}; ${REMEDY}`);
  if (code.startsWith("SQLITE_NOTADB")) return new DatabaseError(`${path} is not a SQLite database; choose another --db`);
  if (code.startsWith("SQLITE_CORRUPT")) return new DatabaseError(`the database ${path} is damaged (${message}); restore it from a copy or choose another --db`);
  if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED"))
    return new DatabaseError(`the database ${path} stayed locked by another process; run the same command again once it is done`);
  if (code.startsWith("SQLITE_IOERR")) return new DatabaseError(`cannot write the database ${path}: input/output error (${message}); check the disk`);
  return new DatabaseError(`cannot use the database ${path}: ${message}`);
}

/**
 * Refuses a database that holds tables but not yusuan's (user_version 0 with objects, or no `documents`
 * table), before anything is written to it: switching its journal to WAL would already change the file.
 * @example refuseForeignDatabase(db, "notes.sqlite", MIGRATIONS.length) // throws: "notes.sqlite is a SQLite database but not yusuan's …"
 */
export function refuseForeignDatabase(db: Sqlite.Database, path: string, latest: number): void {
  const version = db.pragma("user_version", { simple: true }) as number;
  if (version > latest) return; // a newer yusuan's: the version check says so
  const objects = db.prepare("SELECT name FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  if (version > 0 ? objects.includes("documents") : objects.length === 0) return;
  const shown = objects.slice(0, 3).join(", ") + (objects.length > 3 ? ", …" : "");
  throw new DatabaseError(
    `${path} is a SQLite database but not one yusuan wrote (${objects.length ? `it holds ${shown}` : `user_version ${version} without yusuan's tables`}); ` +
      "nothing was written to it: choose another --db",
  );
}
