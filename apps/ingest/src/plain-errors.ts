/** What the file system's error codes mean, in the words a person reads. */
const REASONS: Readonly<Record<string, string>> = Object.freeze({
  ENOENT: "does not exist",
  EEXIST: "already exists",
  EACCES: "is not accessible to this user (permission denied)",
  EPERM: "is not accessible to this user (operation not permitted)",
  ENOTDIR: "has a file where a folder should be",
  EISDIR: "is a folder, not a file",
  ENOSPC: "cannot be written: the disk is full",
  EROFS: "is on a read-only file system",
  EMFILE: "cannot be opened: too many files are open",
  ENAMETOOLONG: "has a name too long for the file system",
});

/**
 * An error as one plain line for `yusuan: …`: a file system error names its file and says why in words,
 * never ENOENT or EEXIST; anything else keeps its own message (ours are written for people).
 * @example plainMessage(Object.assign(new Error("ENOENT: …"), { code: "ENOENT", path: "a.pdf" })) // "a.pdf does not exist"
 */
export function plainMessage(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  const reason = e?.code ? REASONS[e.code] : undefined;
  if (reason && e.path) return `${e.path} ${reason}`;
  if (reason) return reason;
  return e?.message ?? String(error);
}
