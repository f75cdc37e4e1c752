/** Progress for long runs: a redrawn bar on a terminal, one plain line per document otherwise. */
export interface Progress {
  /** a process took this file: the bar names it until the process is done with it (ended) */
  started(fileName: string): void;
  /** a page of a file being read is done */
  page(fileName: string, page: number, pageCount: number): void;
  /** a page without a text layer has been read by OCR: `done` of the `total` the file has */
  ocrPage(fileName: string, done: number, total: number): void;
  ended(fileName: string): void;
  done(fileName: string, status: string, pages: number): void;
  finish(): void;
}

const clock = (s: number) => `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, "0")}`;

/**
 * Creates the progress reporter for `total` documents on stderr (stdout stays for results).
 * On a terminal the bar names the documents being read (the first, and how many more).
 * @example const p = createProgress(40, { quiet: false }); p.started("a.pdf"); p.page("a.pdf", 1, 25); p.ended("a.pdf"); p.done("a.pdf", "loaded", 25); p.finish();
 */
export function createProgress(total: number, options: { quiet: boolean; stream?: NodeJS.WriteStream }): Progress {
  const out = options.stream ?? process.stderr;
  const started = Date.now();
  let count = 0;
  let pages = 0;
  const tty = out.isTTY === true;
  const reading: string[] = [];
  let shown = 0;
  // the page each file being read is at, where its worker has told one
  const at = new Map<string, string>();
  if (options.quiet) return { started() {}, page() {}, ocrPage() {}, ended() {}, done() {}, finish() {} };
  const draw = () => {
    const elapsed = (Date.now() - started) / 1000;
    const rate = count / Math.max(elapsed, 0.001);
    const eta = count ? ` · ETA ${clock((total - count) / Math.max(rate, 0.001))}` : "";
    const width = 24;
    const filled = Math.round((count / Math.max(total, 1)) * width);
    const bar = "█".repeat(filled) + "░".repeat(width - filled);
    const first = reading[0];
    const now = first ? ` · reading ${first}${at.has(first) ? ` p.${at.get(first)}` : ""}${reading.length > 1 ? ` (+${reading.length - 1})` : ""}` : "";
    const line = `${bar} ${count}/${total} docs · ${pages} pages · ${(pages / Math.max(elapsed, 0.001)).toFixed(1)} pages/s${eta}${now}`;
    // padded over the longer line before it, which a shorter one would leave showing
    out.write(`\r${line.padEnd(shown)}`);
    shown = line.length;
  };
  return {
    started(fileName) {
      // a file retried after its process died starts again
      if (!reading.includes(fileName)) reading.push(fileName);
      if (tty) draw();
    },
    page(fileName, page, pageCount) {
      at.set(fileName, `${page}/${pageCount}`);
      // only the file the bar names redraws it: two processes would make it flicker
      if (tty && reading[0] === fileName) draw();
    },
    ocrPage(fileName, done, total) {
      at.set(fileName, `OCR ${done}/${total}`);
      if (tty && reading[0] === fileName) draw();
    },
    ended(fileName) {
      const i = reading.indexOf(fileName);
      if (i >= 0) reading.splice(i, 1);
      at.delete(fileName);
    },
    done(fileName, status, pageCount) {
      count++;
      pages += pageCount;
      if (tty) draw();
      else out.write(`[${count}/${total}] ${status.padEnd(9)} ${fileName} (${pageCount} pages)\n`);
    },
    finish() {
      if (tty) out.write("\n");
    },
  };
}
