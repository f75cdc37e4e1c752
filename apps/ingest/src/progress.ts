/** Progress for long runs: a redrawn bar on a terminal, one plain line per document otherwise. */
export interface Progress {
  done(fileName: string, status: string, pages: number): void;
  finish(): void;
}

const clock = (s: number) => `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, "0")}`;

/**
 * Creates the progress reporter for `total` documents on stderr (stdout stays for results).
 * @example const p = createProgress(40, { quiet: false }); p.done("a.pdf", "loaded", 25); p.finish();
 */
export function createProgress(total: number, options: { quiet: boolean; stream?: NodeJS.WriteStream }): Progress {
  const out = options.stream ?? process.stderr;
  const started = Date.now();
  let count = 0;
  let pages = 0;
  const tty = out.isTTY === true;
  if (options.quiet) return { done() {}, finish() {} };
  return {
    done(fileName, status, pageCount) {
      count++;
      pages += pageCount;
      const elapsed = (Date.now() - started) / 1000;
      const rate = count / Math.max(elapsed, 0.001);
      const eta = (total - count) / Math.max(rate, 0.001);
      if (tty) {
        const width = 24;
        const filled = Math.round((count / Math.max(total, 1)) * width);
        const bar = "█".repeat(filled) + "░".repeat(width - filled);
        out.write(`\r${bar} ${count}/${total} docs · ${pages} pages · ${(pages / Math.max(elapsed, 0.001)).toFixed(1)} pages/s · ETA ${clock(eta)}  `);
      } else {
        out.write(`[${count}/${total}] ${status.padEnd(9)} ${fileName} (${pageCount} pages)\n`);
      }
    },
    finish() {
      if (tty) out.write("\n");
    },
  };
}
