import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { documentEvidence, reviewedDocuments, type BudgetDatabase, type ReviewedDocument } from "@yusuan/load";
import type { DrawOptions } from "./draw-pages.js";
import { cellsOfFinding } from "./locate-finding.js";
import { documentFile, documentHtml, indexHtml, SCRIPT, STYLE, totalCoverage, type Coverage, type DocumentView, type PageView } from "./pages-html.js";
import { byPage, pageViews } from "./page-views.js";

/** Options of {@link writeReview}. */
export interface ReviewOptions extends DrawOptions {
  /** told before each document is drawn (for progress) */
  readonly onDocument?: (document: ReviewedDocument, index: number, count: number) => void;
}

/** What a report holds, counted as its pages show it. */
export interface ReviewSummary {
  readonly documents: number;
  /** pages shown, drawn or blank */
  readonly pages: number;
  /** extracted cells outlined */
  readonly cells: number;
  readonly findings: number;
  /** documents whose pages could not be drawn: their PDF is gone, has changed or cannot be read */
  readonly notDrawn: number;
  /** over every document whose PDF was drawn */
  readonly coverage: Coverage;
}

/** Files of a report: a folder holding both was written by {@link writeReview} and may be replaced by it. */
const MARKS = ["index.html", "review.js"];

/** The PDF a document was read from, as bytes, or why it cannot be shown: missing, or changed since it was read. */
function sourceOf(d: ReviewedDocument): { path: string; bytes: Uint8Array } | { missing: string } {
  let changed: string | null = null;
  for (const path of d.sourcePaths) {
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(readFileSync(path));
    } catch {
      continue;
    }
    if (d.sha256 === null || createHash("sha256").update(bytes).digest("hex") === d.sha256) return { path, bytes };
    changed = path;
  }
  if (changed) return { missing: `the PDF at ${changed} has changed since it was read (its content is not the one loaded)` };
  return { missing: `the PDF is missing (looked for ${d.sourcePaths.join(", ") || "no path recorded"})` };
}

/** Draws one document's pages into `dir`/img and describes its page of the report. */
async function viewOf(db: BudgetDatabase, d: ReviewedDocument, dir: string, options: DrawOptions): Promise<DocumentView> {
  const evidence = documentEvidence(db, d.id);
  const cellsOf = byPage(evidence.cells);
  const findings = d.findings.map((finding) => ({ finding, cells: cellsOfFinding(finding, evidence.cells) }));
  const blankPages = (): PageView[] =>
    evidence.pages.map((p) => ({ ...p, image: null, note: null, cells: cellsOf.get(p.page) ?? [], missed: [] }));
  const source = sourceOf(d);
  if ("missing" in source) return { document: d, source, pages: blankPages(), findings, coverage: null };
  const kept: string[] = [];
  try {
    const keep = (page: number, image: Buffer): string => {
      const path = `img/${d.id}-${page}.webp`;
      writeFileSync(join(dir, path), image);
      kept.push(path);
      return path;
    };
    const { pages, coverage } = await pageViews(source.bytes, cellsOf, keep, options);
    return { document: d, source: { path: source.path }, pages, findings, coverage };
  } catch (error) {
    // the pages drawn before the damage are not shown: their images go too
    for (const path of kept) rmSync(join(dir, path));
    const reason = error instanceof Error ? error.message : String(error);
    return { document: d, source: { missing: `the PDF ${source.path} could not be drawn (${reason})` }, pages: blankPages(), findings, coverage: null };
  }
}

/** Puts a finished folder in the place of `out`, replacing only a report written before. */
function place(tmp: string, out: string): void {
  if (!existsSync(out)) {
    renameSync(tmp, out);
    return;
  }
  const old = `${tmp}.old`;
  renameSync(out, old);
  renameSync(tmp, out);
  rmSync(old, { recursive: true, force: true });
}

/** Refuses an `out` that is a file, or a folder holding anything but an earlier report: it would be replaced. */
function checkOut(out: string): void {
  if (!existsSync(out)) return;
  if (!statSync(out).isDirectory()) throw new Error(`${out} is a file, not a folder: give a folder for the report`);
  if (readdirSync(out).length > 0 && !MARKS.every((f) => existsSync(join(out, f))))
    throw new Error(`${out} holds files that are not a yusuan review: give an empty or new folder`);
}

/**
 * Writes a static HTML report of every document of a database into `out` (an index and one page per
 * document, opening from disk): each PDF page drawn with its extracted cells outlined, printed amounts not
 * extracted marked, and the findings beside it linking to their cells. The folder appears whole: it is
 * written beside `out` and put in its place at the end (an earlier report there is replaced; any other
 * folder with files is refused). The same database and PDFs give the same files.
 * @example const summary = await writeReview(openDatabase("out/budget.sqlite", { readonly: true }), "out/review");
 */
export async function writeReview(db: BudgetDatabase, out: string, options: ReviewOptions = {}): Promise<ReviewSummary> {
  const target = resolve(out);
  checkOut(target);
  mkdirSync(dirname(target), { recursive: true });
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  const cleanUp = (): void => rmSync(tmp, { recursive: true, force: true });
  process.once("exit", cleanUp);
  try {
    mkdirSync(join(tmp, "img"), { recursive: true });
    const documents = reviewedDocuments(db);
    const views: DocumentView[] = [];
    let pages = 0;
    let cells = 0;
    for (const [i, d] of documents.entries()) {
      options.onDocument?.(d, i, documents.length);
      const view = await viewOf(db, d, tmp, options);
      writeFileSync(join(tmp, documentFile(d.id)), documentHtml(view));
      pages += view.pages.length;
      cells += view.pages.reduce((s, p) => s + p.cells.length, 0);
      // the index needs the figures only: the pages' cells are let go
      views.push({ ...view, pages: [] });
    }
    writeFileSync(join(tmp, "index.html"), indexHtml(views));
    writeFileSync(join(tmp, "review.css"), STYLE);
    writeFileSync(join(tmp, "review.js"), SCRIPT);
    place(tmp, target);
    return {
      documents: documents.length,
      pages,
      cells,
      findings: documents.reduce((s, d) => s + d.findings.length, 0),
      notDrawn: views.filter((v) => v.coverage === null).length,
      coverage: totalCoverage(views),
    };
  } finally {
    cleanUp();
    process.off("exit", cleanUp);
  }
}
