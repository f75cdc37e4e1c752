import { availableParallelism } from "node:os";
import { posix } from "node:path";
import { readSystemFile, type SystemFileReader } from "./processes.js";

/** Where this process's CPU limits are kept: the cgroup directory and which version writes them. */
interface CpuCgroup {
  version: 1 | 2;
  /** the directory of this process's cgroup, as mounted here */
  dir: string;
  /** the mount point: limits are looked for from `dir` up to here */
  mount: string;
}

/**
 * The cgroup that holds this process's CPU limits. /proc/self/cgroup names the cgroup within its hierarchy
 * and /proc/self/mountinfo where (and from which root) that hierarchy is mounted: inside a container the
 * mount's root is often the container's own cgroup, so the name is taken relative to it.
 */
function cpuCgroup(read: SystemFileReader): CpuCgroup | null {
  const membership = read("/proc/self/cgroup");
  const mountinfo = read("/proc/self/mountinfo");
  if (!membership || !mountinfo) return null;
  const groups = membership.split("\n").map((line) => /^\d+:([^:]*):(.*)$/.exec(line)).filter((m) => m !== null);
  const v1 = groups.find((m) => m[1]!.split(",").includes("cpu"));
  const v2 = groups.find((m) => m[1] === "");
  for (const line of mountinfo.split("\n")) {
    // id parent major:minor root mount-point options [optional fields] - fstype source super-options
    const [before, after] = line.split(" - ");
    if (!before || !after) continue;
    const [, , , root, mount] = before.split(" ");
    const [fstype, , superOptions = ""] = after.split(" ");
    if (!root || !mount) continue;
    const group = fstype === "cgroup" && superOptions.split(",").includes("cpu") ? v1 : fstype === "cgroup2" && !v1 ? v2 : undefined;
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
  const cgroup = cpuCgroup(read);
  if (!cgroup) return null;
  let tightest: number | null = null;
  for (let dir = cgroup.dir; ; dir = posix.dirname(dir)) {
    const quota = quotaAt(read, cgroup.version, dir);
    if (quota !== null) tightest = Math.min(tightest ?? quota, quota);
    if (dir === cgroup.mount || dir === "/") break;
  }
  return tightest === null ? null : Math.max(1, Math.floor(tightest));
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
