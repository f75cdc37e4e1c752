import { randomBytes } from "node:crypto";
import { mkdirSync, renameSync, rmSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/**
 * Produces a file through a temporary sibling and renames it into place, so readers never see
 * half a file and a failed export leaves the previous file untouched. `produce` may be async.
 * @example writeAtomically("out/facts.csv", (tmp) => writeFileSync(tmp, text));
 */
export function writeAtomically<T>(path: string, produce: (tmpPath: string) => T): T {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  const fail = (e: unknown): never => {
    rmSync(tmp, { force: true });
    throw e;
  };
  try {
    const result = produce(tmp);
    if (result instanceof Promise) {
      return result.then((value: unknown) => {
        renameSync(tmp, path);
        return value;
      }, fail) as T;
    }
    renameSync(tmp, path);
    return result;
  } catch (e) {
    return fail(e);
  }
}
