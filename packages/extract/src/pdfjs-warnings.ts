/** The reads in progress on this thread, each with how many warnings pdf.js gave and its limit. */
const tallies = new Set<Tally>();

interface Tally {
  count: number;
  readonly limit: number;
  first: string;
  /** stops the read: called once, when the limit is passed */
  stop: () => void;
}

/**
 * pdf.js says "Warning: …" through console.warn (at verbosity 1), on the thread that parses: counted, never
 * printed (a destroyed document still warns as its tasks end); anything else passes on.
 */
function install(): void {
  const previous = console.warn;
  console.warn = function onWarning(...args: unknown[]): void {
    const text = String(args[0] ?? "");
    if (!text.startsWith("Warning: ")) return previous.apply(console, args);
    if (OURS.test(text)) return;
    for (const tally of tallies) {
      tally.first ||= text.slice("Warning: ".length);
      // Never thrown from here: pdf.js would lose the promise it was settling, and the read would hang.
      if (++tally.count === tally.limit + 1) tally.stop();
    }
  };
}
let installed = false;
/** The warning for each image dropped undecoded, as readPdf asks (maxImageSize 0): no damage. */
const OURS = /^Warning: Image exceeded maximum allowed size/;

function tooMany(tally: Tally): Error {
  const error = new Error(`pdf.js reported more than ${tally.limit} problems reading it (the first: ${tally.first}); a damaged font or stream`);
  error.name = "FormatError";
  return error;
}

/**
 * Runs `read` while counting pdf.js's warnings; past `limit` the `stop` that `read` registered is called
 * (destroying the document) and the read fails with a FormatError that says so. A damaged embedded font
 * makes pdf.js retry each of its glyphs every time one is shown, warning each time: one file gave 656,185
 * warnings and ran past 300 s, where sound disclosures give none or a few.
 * @example await countingWarnings(5000, async (onLimit) => { const task = getDocument(…); onLimit(() => task.destroy()); … })
 */
export async function countingWarnings<T>(limit: number, read: (onLimit: (stop: () => void) => void) => Promise<T>): Promise<T> {
  if (!installed) install();
  installed = true;
  let stopRead = () => {};
  let giveUp: (error: Error) => void = () => {};
  // pdf.js leaves the promises of a destroyed document pending: the read is raced, not awaited to its end
  const givenUp = new Promise<never>((_, reject) => (giveUp = reject));
  const tally: Tally = {
    count: 0,
    limit,
    first: "",
    stop: () => {
      stopRead();
      giveUp(tooMany(tally));
    },
  };
  tallies.add(tally);
  try {
    return await Promise.race([read((stop) => (stopRead = stop)), givenUp]);
  } finally {
    tallies.delete(tally);
  }
}
