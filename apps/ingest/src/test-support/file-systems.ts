import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";

/** A small file system mounted for a test, or why none could be. */
export type Mounted = { path: string; readOnly(): void; unmount(): void } | { why: string };

/**
 * Mounts a tmpfs of `size` (e.g. "1000k") at `path`: a disk that fills up, or that turns read-only, for
 * real. Needs the right to mount (root in a container); otherwise says why, for the test to skip.
 * @example const fs = mountTmpfs(join(tmp, "full"), "1000k"); if ("why" in fs) ctx.skip(fs.why);
 */
export function mountTmpfs(path: string, size: string): Mounted {
  mkdirSync(path, { recursive: true });
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", `size=${size}`, "tmpfs", path], { stdio: "pipe" });
  } catch (error) {
    return { why: `cannot mount a ${size} tmpfs at ${path} (${(error as Error).message.split("\n")[0]}): needs root` };
  }
  return {
    path,
    readOnly: () => execFileSync("mount", ["-o", "remount,ro", path], { stdio: "pipe" }),
    unmount: () => execFileSync("umount", [path], { stdio: "pipe" }),
  };
}
