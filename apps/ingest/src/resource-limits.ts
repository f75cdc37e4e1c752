import { availableParallelism, totalmem } from "node:os";
import { posix } from "node:path";
import { readSystemFile, type SystemFileReader } from "./processes.js";

/** The cgroup controllers whose limits a run reads: its CPU quota and its memory limit. */
export type Controller = "cpu" | "memory";

/** Where this process's limits of one kind (CPU, memory) are kept: the cgroup directory and which version writes them. */
interface Cgroup {
  version: 1 | 2;
  /** the directory of this process's cgroup, as mounted here */
  dir: string;
  /** the mount point: limits are looked for from `dir` up to here */
  mount: string;
}

/**
 * The cgroup that holds this process's limits of one controller (v1's "cpu" or "memory" hierarchy, or the
 * one v2 hierarchy). /proc/self/cgroup names the cgroup within its hierarchy and /proc/self/mountinfo where
 * (and from which root) that hierarchy is mounted: inside a container the mount's root is often the
 * container's own cgroup, so the name is taken relative to it.
 */
function cgroupOf(read: SystemFileReader, controller: Controller): Cgroup | null {
  const membership = read("/proc/self/cgroup");
  const mountinfo = read("/proc/self/mountinfo");
  if (!membership || !mountinfo) return null;
  const groups = membership.split("\n").map((line) => /^\d+:([^:]*):(.*)$/.exec(line)).filter((m) => m !== null);
  const v1 = groups.find((m) => m[1]!.split(",").includes(controller));
  const v2 = groups.find((m) => m[1] === "");
  for (const line of mountinfo.split("\n")) {
    // id parent major:minor root mount-point options [optional fields] - fstype source super-options
    const [before, after] = line.split(" - ");
    if (!before || !after) continue;
    const [, , , root, mount] = before.split(" ");
    const [fstype, , superOptions = ""] = after.split(" ");
    if (!root || !mount) continue;
    const group = fstype === "cgroup" && superOptions.split(",").includes(controller) ? v1 : fstype === "cgroup2" && !v1 ? v2 : undefined;
    if (!group) continue;
    const name = group[2]!;
    const relative = root !== "/" && (name === root || name.startsWith(`${root}/`)) ? name.slice(root.length) : name;
    return { version: fstype === "cgroup" ? 1 : 2, dir: posix.join(mount, relative), mount };
  }
  return null;
}

/** The CPU quota one cgroup directory sets, in cores (null: none). */
function quotaAt(read: SystemFileReader, version: 1 | 2, dir: string): number | null {
  let quota: number;
  let period: number;
  if (version === 2) {
    const [q, p] = (read(posix.join(dir, "cpu.max")) ?? "").trim().split(/\s+/);
    [quota, period] = [Number(q), Number(p)];
  } else {
    quota = Number(read(posix.join(dir, "cpu.cfs_quota_us"))?.trim());
    period = Number(read(posix.join(dir, "cpu.cfs_period_us"))?.trim());
  }
  // "max" (v2) and -1 (v1) mean no quota
  return quota > 0 && period > 0 ? quota / period : null;
}

/**
 * The cores a cgroup CPU quota (a container's CPU limit: Docker's --cpus, a Kubernetes limit) lets this
 * process use, or null where none is set. The tightest quota of its cgroup and the cgroups above it counts,
 * rounded down and at least 1, as Node 22 rounds it (2.5 CPUs give 2 processes a whole core each).
 * @example cpuQuotaCores() // 2 in a container started with --cpus=2, null on a machine without a limit
 */
export function cpuQuotaCores(read: SystemFileReader = readSystemFile): number | null {
  const quota = tightestLimit(read, "cpu", quotaAt);
  return quota === null ? null : Math.max(1, Math.floor(quota));
}

/** The tightest limit that this process's cgroup or a cgroup above it sets (null: none), `limitAt` reading one directory's. */
function tightestLimit(read: SystemFileReader, controller: Controller, limitAt: (read: SystemFileReader, version: 1 | 2, dir: string) => number | null): number | null {
  const cgroup = cgroupOf(read, controller);
  if (!cgroup) return null;
  let tightest: number | null = null;
  for (let dir = cgroup.dir; ; dir = posix.dirname(dir)) {
    const limit = limitAt(read, cgroup.version, dir);
    if (limit !== null) tightest = Math.min(tightest ?? limit, limit);
    if (dir === cgroup.mount || dir === "/") break;
  }
  return tightest;
}

/** The memory limit one cgroup directory sets, in bytes (null: none). */
function memoryLimitAt(read: SystemFileReader, version: 1 | 2, dir: string): number | null {
  const limit = Number(read(posix.join(dir, version === 2 ? "memory.max" : "memory.limit_in_bytes"))?.trim());
  // v2 writes "max" for none; v1 the largest count of pages it can hold (9223372036854771712 on 4 KB pages)
  return Number.isFinite(limit) && limit > 0 && limit < 2 ** 62 ? limit : null;
}

/**
 * The memory a cgroup limit (a container's memory limit: Docker's --memory, a Kubernetes limit) lets this
 * process and its children use, in bytes, or null where none is set: the tightest of its cgroup and those above.
 * @example memoryLimitBytes() // 1073741824 in a container started with --memory=1g
 */
export function memoryLimitBytes(read: SystemFileReader = readSystemFile): number | null {
  return tightestLimit(read, "memory", memoryLimitAt);
}

/**
 * The memory this run may use: the machine's, or less where a container's limit says so. Past it the
 * kernel's out-of-memory killer ends a process, which names no reason.
 * @example usableMemoryBytes() // 25_275_678_720
 */
export function usableMemoryBytes(read: SystemFileReader = readSystemFile): number {
  return Math.min(totalmem(), memoryLimitBytes(read) ?? Infinity);
}

/**
 * The cores this process may use: those its CPU affinity allows (what os.availableParallelism counts: a
 * taskset, a Slurm allocation), capped by a container's CPU limit, which the libuv of Node 20 does not read.
 * Without the cap, a Kubernetes pod limited to 2 CPUs on a 64-core node would start 64 extraction processes,
 * each with a 64th of the CPU and its own memory.
 * @example usableCores() // 2
 */
export function usableCores(read: SystemFileReader = readSystemFile): number {
  const affinity = Math.max(1, availableParallelism());
  return Math.min(affinity, cpuQuotaCores(read) ?? affinity);
}

/** What one extraction process may come to hold: ~130 MB at rest, ~350 MB on a document with large embedded fonts. */
const MEMORY_PER_JOB = 400 * 1024 * 1024;

/**
 * How many extraction processes a run starts by default: one a usable core, as many as the usable memory
 * holds at {@link MEMORY_PER_JOB} each (at least one). A pod of 2 CPUs and 512 MB runs one: two, each on a
 * large document, would be killed by the kernel in turn and read again.
 * @example defaultJobs() // 2 on this machine
 */
export function defaultJobs(read: SystemFileReader = readSystemFile): number {
  return Math.max(1, Math.min(usableCores(read), Math.floor(usableMemoryBytes(read) / MEMORY_PER_JOB)));
}
