import { lstatSync, readdirSync, realpathSync, statSync, type Stats } from "node:fs";
import { basename, join, resolve } from "node:path";

/** An input passed over, and why: reported beside the documents, never a reason to stop the batch. */
export interface Skipped {
  path: string;
  reason: string;
}

/** What kind of thing a non-regular file is, in the words of `ls -l`. */
function kind(st: Stats): string {
  if (st.isFIFO()) return "a FIFO (named pipe)";
  if (st.isSocket()) return "a socket";
  if (st.isCharacterDevice() || st.isBlockDevice()) return "a device";
  return "not a regular file";
}

/** Why a path cannot be followed, from the error `stat` gave. */
function unreachable(path: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ELOOP") return "a symbolic link loop";
  if (code === "ENOENT" && lstatSync(path, { throwIfNoEntry: false })?.isSymbolicLink()) return "a symbolic link to nothing (its target does not exist)";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  return (error as Error).message;
}

/**
 * Expands the command line's files and folders into the PDFs to ingest, sorted so runs are deterministic.
 * Folders are searched recursively for *.pdf (symbolic links followed, each folder once); a file named
 * explicitly is taken whatever its extension (so a mislabelled file is reported, not silently skipped).
 * Only regular files are read: a FIFO would hang the run, a dangling link or a loop has nothing to read.
 * @example listInputs(["data/samples"]) // { files: ["/abs/data/samples/a.pdf", …], missing: [], skipped: [] }
 */
export function listInputs(args: readonly string[]): { files: string[]; missing: string[]; skipped: Skipped[] } {
  const files = new Set<string>();
  const missing: string[] = [];
  const skipped: Skipped[] = [];
  const searched = new Set<string>();
  const take = (path: string, st: Stats) => {
    if (st.isFile()) files.add(path);
    else skipped.push({ path, reason: kind(st) });
  };
  const walk = (dir: string) => {
    const real = realpathSync(dir);
    if (searched.has(real)) return; // a link back to a folder already searched: nothing new there
    searched.add(real);
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch (error) {
      skipped.push({ path: dir, reason: `folder not readable: ${unreachable(dir, error)}` });
      return;
    }
    for (const name of names) {
      if (name.startsWith(".")) continue;
      const p = join(dir, name);
      let st: Stats;
      try {
        st = statSync(p);
      } catch (error) {
        if (/\.pdf$/i.test(name) || lstatSync(p).isSymbolicLink()) skipped.push({ path: p, reason: unreachable(p, error) });
        continue;
      }
      if (st.isDirectory()) walk(p);
      else if (/\.pdf$/i.test(name)) take(p, st);
    }
  };
  for (const arg of args) {
    const p = resolve(arg);
    let st: Stats;
    try {
      st = statSync(p);
    } catch (error) {
      if (lstatSync(p, { throwIfNoEntry: false })) skipped.push({ path: p, reason: unreachable(p, error) });
      else missing.push(arg);
      continue;
    }
    if (st.isDirectory()) walk(p);
    else take(p, st);
  }
  return { files: [...files].sort((a, b) => basename(a).localeCompare(basename(b)) || a.localeCompare(b)), missing, skipped };
}
