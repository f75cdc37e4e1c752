import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";

/** The built CLI the tests run. */
export const cli = resolve(fileURLToPath(import.meta.url), "../../../dist/cli.js");

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built CLI as a user would: its own process, exit code, stdout and stderr.
 * @example const run = await yusuan("ingest", dir, "--db", db); expect(run.code).toBe(0);
 */
export function yusuan(...args: string[]): Promise<Run> {
  return yusuanOnNode([], ...args);
}

/**
 * Runs the built CLI with flags for node itself, e.g. to make V8 collect garbage far more often.
 * @example await yusuanOnNode(["--gc-interval=500"], "ingest", dir, "--db", db)
 */
export function yusuanOnNode(nodeFlags: string[], ...args: string[]): Promise<Run> {
  return new Promise((done) => {
    execFile(process.execPath, [...nodeFlags, cli, ...args], { encoding: "utf8" }, (error, stdout, stderr) =>
      done({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/**
 * The rows of one query on a database, opened read-only.
 * @example query<{ n: number }>(db, "SELECT count(*) n FROM facts")[0]!.n
 */
export function query<T>(db: string, sql: string): T[] {
  const con = new Database(db, { readonly: true });
  try {
    return con.prepare(sql).all() as T[];
  } finally {
    con.close();
  }
}
