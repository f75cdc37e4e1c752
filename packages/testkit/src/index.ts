import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (this file sits in packages/testkit/{src,dist}). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

/** The shared material's folder as configured: $YUSUAN_SHARED, else ../shared beside the clone; it may not exist. */
const sharedRoot = (): string => process.env.YUSUAN_SHARED || resolve(repoRoot, "../shared");

/**
 * Where the shared material lives: $YUSUAN_SHARED, else ../shared beside the clone; null when it has no corpus.
 * @example const corpus = join(sharedDir()!, "corpus");
 */
export function sharedDir(): string | null {
  const dir = sharedRoot();
  return existsSync(join(dir, "corpus")) ? dir : null;
}

/**
 * Why tests reading `input` of the shared material ("corpus", "real", "reference/seeds", …) cannot run,
 * naming the path looked for, or null when they can. Where CI is set a missing input is an error, not a
 * skip: the suite must never go green by skipping its real inputs.
 * @example describe.skipIf(sharedMissing("real"))("real disclosures", () => { … });
 */
export function sharedMissing(input = "corpus"): string | null {
  const path = join(sharedRoot(), input);
  if (sharedDir() && existsSync(path)) return null;
  const why = `${path} not found (${process.env.YUSUAN_SHARED ? "from YUSUAN_SHARED" : "put shared/ beside the clone or set YUSUAN_SHARED"})`;
  if (process.env.CI) throw new Error(`CI is set but ${why}`);
  console.warn(`${why}: the tests reading it are skipped`);
  return why;
}

/** A corpus document with its ground truth. */
export interface CorpusDoc {
  name: string;
  pdf: string;
  truth: CorpusTruth;
  facts: TruthFact[];
}

export interface TruthRow {
  row_kind: "total" | "unit" | "class" | "item";
  level?: string;
  label: string;
  unit_code: string | null;
  func_code: string | null;
  econ_code: string | null;
  values: Record<string, string>;
  side?: "income" | "expense";
  role?: string;
  section?: string;
  /** index of the row this one is printed under (the samples' truth; absent on 合计 and two-sided rows) */
  parent?: number;
  /** printed as a 其中 part of its parent */
  of_which?: boolean;
}

export interface TruthTable {
  table_no: string;
  title: string;
  amount_unit: string;
  empty: boolean;
  pages: number[];
  columns: string[];
  rows?: TruthRow[];
  /** printed as this many column blocks side by side (a 决算's two-up 基本支出): its rows are read block after block */
  column_blocks?: number;
}

export interface CorpusTruth {
  document: string;
  fiscal_year: number;
  region: string;
  department: string;
  doc_kind: string;
  scanned: boolean;
  renderer: string;
  page_count: number;
  amount_unit: string;
  thousands_separators: boolean;
  units: { unit_code: string; unit_name: string }[];
  tables: TruthTable[];
  performance_targets?: Record<string, string>[];
  procurement?: Record<string, string>[];
}

export interface TruthFact {
  document: string;
  table_no: string;
  row_index: number;
  row_kind: string;
  unit_code: string;
  func_code: string;
  econ_code: string;
  label: string;
  measure: string;
  amount: string;
}

/** Parses the simple CSV of *.facts.csv (quoted fields, no embedded newlines). */
function parseCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') (cur += '"'), i++;
      else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") out.push(cur), (cur = "");
    else cur += ch;
  }
  out.push(cur);
  return out;
}

function readFacts(path: string): TruthFact[] {
  const [head, ...lines] = readFileSync(path, "utf8").replace(/^\uFEFF/, "").split(/\r?\n/).filter(Boolean);
  const names = parseCsvLine(head!);
  return lines.map((line) => {
    const v = parseCsvLine(line);
    const rec = Object.fromEntries(names.map((n, i) => [n, v[i] ?? ""]));
    return { ...rec, row_index: Number(rec.row_index) } as unknown as TruthFact;
  });
}

/**
 * The corpus documents with truth, text PDFs only unless `includeScanned`.
 * @example for (const doc of corpusDocs()) extract(readFileSync(doc.pdf));
 */
export function corpusDocs(options: { includeScanned?: boolean } = {}): CorpusDoc[] {
  const dir = sharedDir();
  if (!dir) return [];
  const corpus = join(dir, "corpus");
  return docsIn(corpus, (name) => readFacts(join(corpus, `${name}.facts.csv`))).filter((d) => options.includeScanned || !d.truth.scanned);
}

/**
 * The project's samples with their truth (data/samples/NAME.truth.json); they have no facts.csv, so
 * their facts are {@link truthFacts} of the truth.
 * @example const fengxi = sampleDocs().find((d) => d.name.startsWith("fengxi"));
 */
export function sampleDocs(): CorpusDoc[] {
  return docsIn(join(repoRoot, "data", "samples"), (_name, truth) => truthFacts(truth));
}

/** Every NAME.truth.json in `dir` with NAME.pdf beside it, in name order. */
function docsIn(dir: string, factsOf: (name: string, truth: CorpusTruth) => TruthFact[]): CorpusDoc[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".truth.json"))
    .sort()
    .map((f) => {
      const name = f.replace(/\.truth\.json$/, "");
      const truth = JSON.parse(readFileSync(join(dir, f), "utf8")) as CorpusTruth;
      return { name, pdf: join(dir, `${name}.pdf`), truth, facts: factsOf(name, truth) };
    });
}

/**
 * The facts of a truth file as *.facts.csv lists them: one per printed amount of every table with rows.
 * @example truthFacts(truth).filter((f) => f.table_no === "3-3") // the 三公 amounts
 */
export function truthFacts(truth: CorpusTruth): TruthFact[] {
  return truth.tables.flatMap((t) =>
    (t.rows ?? []).flatMap((r, row_index) =>
      Object.entries(r.values).map(([measure, amount]) => ({
        document: truth.document,
        table_no: t.table_no,
        row_index,
        row_kind: r.row_kind,
        unit_code: r.unit_code ?? "",
        func_code: r.func_code ?? "",
        econ_code: r.econ_code ?? "",
        label: r.label,
        measure,
        amount,
      })),
    ),
  );
}

/** The PDFs in `dir`, by name, as full paths. */
const pdfsIn = (dir: string): string[] =>
  readdirSync(dir)
    .filter((f) => f.endsWith(".pdf"))
    .sort()
    .map((f) => join(dir, f));

/** The real disclosures without truth (../shared/real/*.pdf). */
export function realPdfs(): string[] {
  const dir = sharedDir();
  return dir ? pdfsIn(join(dir, "real")) : [];
}

/**
 * The project's own sample PDFs (data/samples/*.pdf), always present in a clone.
 * @example const [first] = samplePdfs();
 */
export function samplePdfs(): string[] {
  return pdfsIn(join(repoRoot, "data", "samples"));
}


/**
 * Whether Debian's `pdftotext` (poppler-utils) can be run: tests that read a page as it prints skip without it.
 * @example it.skipIf(!hasPdftotext())("prints every amount on its page", () => { … });
 */
export function hasPdftotext(): boolean {
  try {
    execFileSync("pdftotext", ["-v"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** Text compared the way the scorer does: no white space, full-width punctuation unified. */
export function normText(s: string | null | undefined): string {
  return (s ?? "")
    .replace(/[（）【】［］：，、．－—–　]/g, (c) => "()[][]:,,.--- "["（）【】［］：，、．－—–　".indexOf(c)]!)
    .replace(/\s+/g, "");
}
export { sha256Of, truthDocument } from "./truth-document.js";
export { scoreFacts, type FactScore } from "./score.js";

export { garbleToUnicode, punchFontHoles, rewritePdf, type PdfObject } from "./pdf-surgery.js";
export { scannedPageImage, scannedPagePdf, scannerMissing, type Grey, type ScanOptions } from "./scanned-page.js";
