/** Exit codes scripts can rely on. */
export const ExitCode = {
  /** every input loaded */
  Ok: 0,
  /** usage error or fatal error: nothing can be trusted about the run */
  Fatal: 1,
  /** the run finished but some inputs failed; each has its reason in the documents table */
  SomeFailed: 2,
  /** stopped by Ctrl-C (SIGINT) or SIGTERM between documents; running the same command again continues */
  Interrupted: 130,
} as const;

/** A mistake in how the command was called: printed without a stack trace. */
export class UsageError extends Error {}
