import { randomBytes } from "node:crypto";
import { mkdirSync, renameSync, rmSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/**
 * Produces a file through a temporary sibling and renames it into place, so readers never see
 * half a file and a failed export leaves the previous file untouched.
 * @example await writeAtomically("out/facts.csv", (tmp) => writeFile(tmp, text));
 */
export async function writeAtomically<T>(path: string, produce: (tmpPath: string) => Promise<T>): Promise<T> {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    const result = await produce(tmp);
    renameSync(tmp, path);
    return result;
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}
