import { readdirSync, readFileSync } from "node:fs";

/**
 * The resident memory of a process in bytes, from /proc where the system has it (Linux); null elsewhere or
 * once it has exited.
 * @example residentBytes(process.pid) // 131_072_000
 */
export function residentBytes(pid: number): number | null {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "latin1"))?.[1];
    return kb ? Number(kb) * 1024 : null;
  } catch {
    return null;
  }
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
    for (const task of tasks) {
      try {
        tree.push(...readFileSync(`/proc/${tree[i]}/task/${task}/children`, "latin1").split(" ").filter(Boolean).map(Number));
      } catch {}
    }
  }
  return tree;
}
