/** The collectors of the reads in progress on this thread; each stray rejection is charged to all of them. */
const collectors = new Set<Error[]>();

/**
 * pdf.js starts some fetches it never awaits (the page tree's prefetch, for one): on a damaged file they
 * reject with nobody listening, and Node then kills the thread, taking down whichever document it reads
 * next. Such a rejection belongs to the document being read when it happened.
 */
function onUnhandledRejection(reason: unknown): void {
  if (collectors.size === 0) throw reason; // nobody to charge it to: Node's default, a crash that says so
  const error = reason instanceof Error ? reason : new Error(String(reason));
  for (const strays of collectors) strays.push(error);
}

/**
 * Runs `read` and returns its result with the promise rejections nobody handled while it ran.
 * @example const { result, strays } = await collectingStrayRejections(() => readAllPages(doc));
 */
export async function collectingStrayRejections<T>(read: () => Promise<T>): Promise<{ result: T; strays: readonly Error[] }> {
  if (!process.listeners("unhandledRejection").includes(onUnhandledRejection)) process.on("unhandledRejection", onUnhandledRejection);
  const strays: Error[] = [];
  collectors.add(strays);
  try {
    const result = await read();
    // Node reports an unhandled rejection only once the microtasks have run: give it that turn.
    await new Promise((turn) => setImmediate(turn));
    return { result, strays };
  } finally {
    collectors.delete(strays);
  }
}
