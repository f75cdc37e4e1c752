import { availableParallelism, totalmem } from "node:os";
import { describe, expect, it } from "vitest";
import { cpuQuotaCores, defaultJobs, memoryLimitBytes, usableCores, usableMemoryBytes } from "./resource-limits.js";
import type { SystemFileReader } from "./processes.js";
import { cliInCgroup, mayMakeCgroup } from "./test-support/cgroup.js";

const MiB = 1024 * 1024;

/** A system whose /proc and /sys hold just these files. */
const system =
  (files: Record<string, string>): SystemFileReader =>
  (path) =>
    files[path] ?? null;

// The mount table lines that matter, as the kernel writes them.
const V1_MOUNTS = [
  "31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755",
  "32 31 0:29 / /sys/fs/cgroup/cpu,cpuacct rw,relatime shared:9 - cgroup cgroup rw,cpu,cpuacct",
  "35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory",
].join("\n");
const V2_MOUNTS = "29 23 0:26 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:4 - cgroup2 cgroup2 rw,nsdelegate";

/** A container on cgroup v2 in a cgroup namespace (its cgroup is the root it sees), with these limit files. */
const v2Container = (limits: Record<string, string>): SystemFileReader =>
  system({ "/proc/self/cgroup": "0::/\n", "/proc/self/mountinfo": V2_MOUNTS, ...limits });
/** Such a container whose cpu.max reads `max`. */
const cpuMax = (max: string) => v2Container({ "/sys/fs/cgroup/cpu.max": max });
/** Such a container whose memory.max reads `max`. */
const memoryMax = (max: string) => v2Container({ "/sys/fs/cgroup/memory.max": max });

describe("the CPU quota of a container (cgroup)", () => {
  it("is read from cpu.max under cgroup v2: 200000 µs every 100000 µs is 2 cores", () => {
    expect(cpuQuotaCores(cpuMax("200000 100000\n"))).toBe(2);
  });

  it("is none where cpu.max says max, or where a v1 quota is -1", () => {
    expect(cpuQuotaCores(cpuMax("max 100000\n"))).toBeNull();
    const v1 = system({
      "/proc/self/cgroup": "4:memory:/\n3:cpu,cpuacct:/\n0::/\n",
      "/proc/self/mountinfo": V1_MOUNTS,
      "/sys/fs/cgroup/cpu,cpuacct/cpu.cfs_quota_us": "-1\n",
      "/sys/fs/cgroup/cpu,cpuacct/cpu.cfs_period_us": "100000\n",
    });
    expect(cpuQuotaCores(v1)).toBeNull();
  });

  it("is read from cpu.cfs_quota_us and cpu.cfs_period_us under cgroup v1, in the process's own cgroup", () => {
    const read = system({
      "/proc/self/cgroup": "4:memory:/batch\n3:cpu,cpuacct:/batch/yusuan\n0::/\n",
      "/proc/self/mountinfo": V1_MOUNTS,
      "/sys/fs/cgroup/cpu,cpuacct/batch/yusuan/cpu.cfs_quota_us": "400000\n",
      "/sys/fs/cgroup/cpu,cpuacct/batch/yusuan/cpu.cfs_period_us": "100000\n",
    });
    expect(cpuQuotaCores(read)).toBe(4);
  });

  it("takes the tightest limit of the process's cgroup and those above it (a pod's limit over its container's)", () => {
    const read = system({
      "/proc/self/cgroup": "0::/kubepods.slice/pod7/ctr\n",
      "/proc/self/mountinfo": V2_MOUNTS,
      "/sys/fs/cgroup/kubepods.slice/pod7/ctr/cpu.max": "800000 100000\n",
      "/sys/fs/cgroup/kubepods.slice/pod7/cpu.max": "300000 100000\n",
      "/sys/fs/cgroup/kubepods.slice/cpu.max": "max 100000\n",
    });
    expect(cpuQuotaCores(read)).toBe(3);
  });

  it("finds the cgroup where the mount's root is the container's own cgroup (Docker without a cgroup namespace)", () => {
    const read = system({
      "/proc/self/cgroup": "3:cpu,cpuacct:/docker/4f1c\n",
      "/proc/self/mountinfo": "32 31 0:29 /docker/4f1c /sys/fs/cgroup/cpu,cpuacct ro,relatime - cgroup cgroup rw,cpu,cpuacct",
      "/sys/fs/cgroup/cpu,cpuacct/cpu.cfs_quota_us": "150000\n",
      "/sys/fs/cgroup/cpu,cpuacct/cpu.cfs_period_us": "100000\n",
    });
    expect(cpuQuotaCores(read)).toBe(1);
  });

  it("rounds a part of a core down, but gives at least one core", () => {
    expect(cpuQuotaCores(cpuMax("250000 100000"))).toBe(2);
    expect(cpuQuotaCores(cpuMax("50000 100000"))).toBe(1);
  });

  it("is none where the system has no /proc (not Linux)", () => {
    expect(cpuQuotaCores(system({}))).toBeNull();
    expect(usableCores(system({}))).toBe(Math.max(1, availableParallelism()));
  });
});

describe("the cores a run uses by default", () => {
  it("are those the CPU affinity allows where no quota is tighter", () => {
    expect(usableCores(cpuMax("6400000 100000\n"))).toBe(Math.max(1, availableParallelism()));
  });

  it("are capped by the quota where it is tighter", () => {
    expect(usableCores(cpuMax("100000 100000\n"))).toBe(1);
  });

  it("are at most what this machine's affinity allows", () => {
    expect(usableCores()).toBeGreaterThanOrEqual(1);
    expect(usableCores()).toBeLessThanOrEqual(Math.max(1, availableParallelism()));
  });
});

describe("the memory limit of a container (cgroup)", () => {
  it("is read from memory.max under cgroup v2, and is none where it says max", () => {
    expect(memoryLimitBytes(memoryMax("536870912\n"))).toBe(512 * MiB);
    expect(memoryLimitBytes(memoryMax("max\n"))).toBeNull();
  });

  it("is read from memory.limit_in_bytes under cgroup v1, the tightest of the process's cgroup and those above", () => {
    const read = system({
      "/proc/self/cgroup": "4:memory:/batch/yusuan\n3:cpu,cpuacct:/\n0::/\n",
      "/proc/self/mountinfo": V1_MOUNTS,
      "/sys/fs/cgroup/memory/batch/yusuan/memory.limit_in_bytes": "9223372036854771712\n",
      "/sys/fs/cgroup/memory/batch/memory.limit_in_bytes": "1073741824\n",
      "/sys/fs/cgroup/memory/memory.limit_in_bytes": "9223372036854771712\n",
    });
    expect(memoryLimitBytes(read)).toBe(1024 * MiB);
  });

  it("caps the machine's memory, and is the machine's where no limit is set or there is no /proc", () => {
    expect(usableMemoryBytes(system({}))).toBe(totalmem());
    expect(usableMemoryBytes(memoryMax("268435456\n"))).toBe(256 * MiB);
  });
});

describe("the extraction processes a run starts by default", () => {
  it("are one a usable core where the memory holds 400 MB each", () => {
    expect(defaultJobs(memoryMax("max\n"))).toBe(Math.max(1, Math.min(availableParallelism(), Math.floor(totalmem() / (400 * MiB)))));
    expect(defaultJobs(cpuMax("100000 100000\n"))).toBe(1);
  });

  it("are fewer where the memory does not hold them, and at least one", () => {
    const cores = Math.max(1, availableParallelism());
    expect(defaultJobs(memoryMax(String(800 * MiB)))).toBe(Math.min(cores, 2));
    expect(defaultJobs(memoryMax(String(512 * MiB)))).toBe(1);
    expect(defaultJobs(memoryMax(String(100 * MiB)))).toBe(1);
  });
});

// Real cgroups with a one-core quota or a small memory limit: only where this user may make them (root, cgroup
// v1's hierarchies writable).
describe.skipIf(availableParallelism() < 2 || !mayMakeCgroup("cpu"))("yusuan in a real cgroup limited to one core (needs root and a writable cgroup v1 cpu hierarchy)", () => {
  it("runs one extraction process by default (--jobs 1), however many cores the machine has", () => {
    const run = cliInCgroup("cpu", { "cpu.cfs_period_us": "100000", "cpu.cfs_quota_us": "100000" }, ["ingest", "--help"]);
    expect(run.stdout).toMatch(/--jobs <n>\s+extraction processes running at once: [^(]*\(default: 1\)/);
  });
});

describe.skipIf(availableParallelism() < 2 || !mayMakeCgroup("memory"))("yusuan in a real cgroup limited to 512 MB (needs root and a writable cgroup v1 memory hierarchy)", () => {
  it("runs one extraction process by default (--jobs 1): two, on large documents, would not fit", () => {
    const run = cliInCgroup("memory", { "memory.limit_in_bytes": String(512 * MiB) }, ["ingest", "--help"]);
    expect(run.stdout).toMatch(/--jobs <n>\s+extraction processes running at once: [^(]*\(default: 1\)/);
  });
});
