import { writeReview } from "@yusuan/review";
import { ExitCode } from "../exit-codes.js";
import { openForReading } from "../read-database.js";

/** `yusuan review`: a static HTML report of the batch, each page drawn with its cells and findings beside it. */
export async function reviewCommand(options: { db: string; out: string; quiet?: boolean }): Promise<void> {
  const db = openForReading(options.db);
  // The report is written beside --out and put in its place at the end: Ctrl-C leaves --out as it was.
  const interrupt = (signal: NodeJS.Signals) => {
    process.stderr.write(`yusuan: review interrupted (${signal}); ${options.out} is as it was\n`);
    process.exit(ExitCode.Interrupted);
  };
  process.on("SIGINT", interrupt).on("SIGTERM", interrupt);
  try {
    const progress = options.quiet ? undefined : (d: { fileName: string }, i: number, n: number) => process.stderr.write(`[${i + 1}/${n}] ${d.fileName}\n`);
    const s = await writeReview(db, options.out, progress ? { onDocument: progress } : {});
    const coverage = s.coverage.printed ? ` (${((100 * s.coverage.extracted) / s.coverage.printed).toFixed(1)}% of printed amounts extracted)` : "";
    const missing = s.notDrawn ? `; ${s.notDrawn} not drawn (PDF gone, changed or unreadable: their pages say which)` : "";
    process.stdout.write(`${s.documents} documents, ${s.pages} pages, ${s.cells} cells${coverage}, ${s.findings} findings${missing} → ${options.out}/index.html\n`);
  } finally {
    db.close();
  }
}
