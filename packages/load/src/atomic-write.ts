import { randomBytes } from "node:crypto";
import { linkSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/** Temporary files not yet put in place: removed if the process exits first (Ctrl-C mid-export). */
const unfinished = new Set<string>();
let removeOnExit = false;

/**
 * Produces a file through a temporary sibling and renames it into place, so readers never see
 * half a file and a failed or interrupted export leaves the previous file untouched and no
 * temporary file behind. `produce` may be async.
 * @example writeAtomically("out/facts.csv", (tmp) => writeFileSync(tmp, text));
 */
export function writeAtomically<T>(path: string, produce: (tmpPath: string) => T): T {
  return throughTemporary(path, produce, (tmp) => renameSync(tmp, path));
}

/**
 * Creates a file whole unless it exists: produced in a temporary sibling, then hard-linked into place,
 * which fails if another process created the file first; that one is then kept and ours removed.
 * @example createExclusively("out/budget.sqlite", (tmp) => new Sqlite(tmp).exec(schema).close());
 */
export function createExclusively(path: string, produce: (tmpPath: string) => void): void {
  throughTemporary(path, produce, (tmp) => {
    try {
      linkSync(tmp, path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    rmSync(tmp);
  });
}

/** Runs `produce` on a temporary sibling of `path`, then `place` to put it in the file's stead; on failure, no temporary file stays. */
function throughTemporary<T>(path: string, produce: (tmpPath: string) => T, place: (tmpPath: string) => void): T {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  if (!removeOnExit) {
    removeOnExit = true;
    process.once("exit", () => unfinished.forEach((file) => rmSync(file, { force: true })));
  }
  unfinished.add(tmp);
  const fail = (e: unknown): never => {
    rmSync(tmp, { force: true });
    unfinished.delete(tmp);
    throw e;
  };
  const finish = (): void => {
    place(tmp);
    unfinished.delete(tmp);
  };
  try {
    const result = produce(tmp);
    if (result instanceof Promise) {
      return result
        .then((value: unknown) => {
          finish();
          return value;
        })
        .catch(fail) as T;
    }
    finish();
    return result;
  } catch (e) {
    return fail(e);
  }
}
