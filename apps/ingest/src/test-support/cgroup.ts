import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmdirSync, writeFileSync } from "node:fs";
import type { Controller } from "../resource-limits.js";
import { cli, type Run } from "./run-cli.js";

/** The cgroup v1 hierarchy of a controller, where the tests make cgroups: a container's CPU and memory limits, for real. */
const hierarchy = (controller: Controller) => `/sys/fs/cgroup/${controller}`;

/**
 * May this user make a cgroup of this controller here (root, with cgroup v1's hierarchy writable)? Tests that
 * need one skip elsewhere.
 */
export function mayMakeCgroup(controller: Controller): boolean {
  const probe = `${hierarchy(controller)}/yusuan-probe-${process.pid}`;
  try {
    mkdirSync(probe);
    rmdirSync(probe);
    return true;
  } catch {
    return false;
  }
}

/** A run of the CLI in a cgroup, and how many of the cgroup's processes the kernel's out-of-memory killer ended. */
export interface ConfinedRun extends Run {
  /** the signal that ended the CLI itself, if one did */
  signal: NodeJS.Signals | null;
  oomKills: number;
}

/**
 * Runs the built CLI in a fresh cgroup whose limit files are written first (as a container's would be),
 * then removes the cgroup.
 * @example cliInCgroup("memory", { "memory.limit_in_bytes": String(128 << 20) }, ["ingest", dir, "--db", db])
 */
export function cliInCgroup(controller: Controller, limits: Record<string, string>, args: string[]): ConfinedRun {
  const group = `${hierarchy(controller)}/yusuan-test-${process.pid}-${Date.now()}`;
  mkdirSync(group);
  try {
    for (const [file, value] of Object.entries(limits)) writeFileSync(`${group}/${file}`, value);
    const run = spawnSync("sh", ["-c", `echo $$ > ${group}/cgroup.procs && exec "$0" "$@"`, process.execPath, cli, ...args], { encoding: "utf8" });
    const oomKills = controller === "memory" ? Number(/oom_kill (\d+)/.exec(readFileSync(`${group}/memory.oom_control`, "utf8"))?.[1] ?? 0) : 0;
    return { code: run.status ?? 1, signal: run.signal, stdout: run.stdout, stderr: run.stderr, oomKills };
  } finally {
    rmdirSync(group);
  }
}
