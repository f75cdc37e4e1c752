import { readdirSync, readFileSync, writeFileSync } from "node:fs";

/** Reads a file of the system (/proc, /sys) as text: null where it does not exist or cannot be read. */
export type SystemFileReader = (path: string) => string | null;

/** The {@link SystemFileReader} of this machine. */
export const readSystemFile: SystemFileReader = (path) => {
  try {
    return readFileSync(path, "latin1");
  } catch {
    return null;
  }
};

/**
 * The resident memory of a process in bytes, from /proc where the system has it (Linux); null elsewhere or
 * once it has exited.
 * @example residentBytes(process.pid) // 131_072_000
 */
export function residentBytes(pid: number): number | null {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readSystemFile(`/proc/${pid}/status`) ?? "")?.[1];
  return kb ? Number(kb) * 1024 : null;
}

/**
 * The process and all its descendants, from /proc (Linux); just the process where /proc does not tell.
 * @example processTree(child.pid) // [4711, 4712, 4713]: the CLI and its extraction processes
 */
export function processTree(pid: number): number[] {
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) {
    let tasks: string[] = [];
    try {
      tasks = readdirSync(`/proc/${tree[i]}/task`);
    } catch {}
    for (const task of tasks) tree.push(...(readSystemFile(`/proc/${tree[i]}/task/${task}/children`) ?? "").split(" ").filter(Boolean).map(Number));
  }
  return tree;
}

/**
 * Makes a process the first the kernel's out-of-memory killer takes (Linux; nothing elsewhere). Raising a
 * process's own score needs no privilege.
 * @example offerToOomKiller(child.pid)
 */
export function offerToOomKiller(pid: number): void {
  try {
    writeFileSync(`/proc/${pid}/oom_score_adj`, "1000");
  } catch {}
}
