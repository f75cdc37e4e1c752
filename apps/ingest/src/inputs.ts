import { readdirSync, statSync } from "node:fs";
import { basename, join, resolve } from "node:path";

/**
 * Expands the command line's files and folders into the PDFs to ingest, sorted so runs are deterministic.
 * Folders are searched recursively for *.pdf; a file named explicitly is taken whatever its extension
 * (so a mislabelled file is reported, not silently skipped).
 * @example listInputs(["data/samples"]) // ["/abs/data/samples/a.pdf", …]
 */
export function listInputs(args: readonly string[]): { files: string[]; missing: string[] } {
  const files = new Set<string>();
  const missing: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      if (name.startsWith(".")) continue;
      const p = join(dir, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else if (/\.pdf$/i.test(name)) files.add(p);
    }
  };
  for (const arg of args) {
    const p = resolve(arg);
    let st;
    try {
      st = statSync(p);
    } catch {
      missing.push(arg);
      continue;
    }
    if (st.isDirectory()) walk(p);
    else files.add(p);
  }
  return { files: [...files].sort((a, b) => basename(a).localeCompare(basename(b)) || a.localeCompare(b)), missing };
}
