import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (this file sits in packages/testkit/{src,dist}). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

/**
 * Where the shared material lives: $YUSUAN_SHARED, else ../shared beside the clone.
 * @example const corpus = join(sharedDir()!, "corpus");
 */
export function sharedDir(): string | null {
  const dir = process.env.YUSUAN_SHARED ?? resolve(repoRoot, "../shared");
  return existsSync(join(dir, "corpus")) ? dir : null;
}

/**
 * Why tests that need ../shared cannot run, or null when they can. Where CI is set, a missing
 * ../shared is an error, not a skip: the suite must never go green by skipping its real inputs.
 */
export function sharedMissing(): string | null {
  if (sharedDir()) return null;
  const why = `../shared not found beside ${repoRoot} (set YUSUAN_SHARED): corpus tests skipped`;
  if (process.env.CI) throw new Error(`CI is set but ${why.replace(": corpus tests skipped", "")}`);
  console.warn(why);
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
}

export interface TruthTable {
  table_no: string;
  title: string;
  amount_unit: string;
  empty: boolean;
  pages: number[];
  columns: string[];
  rows?: TruthRow[];
}

export interface CorpusTruth {
  document: string;
  fiscal_year: number;
  region: string;
  department: string;
  doc_kind: string;
  scanned: boolean;
  renderer: string;
  amount_unit: string;
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
  return readdirSync(corpus)
    .filter((f) => f.endsWith(".truth.json"))
    .sort()
    .map((f) => {
      const name = f.replace(/\.truth\.json$/, "");
      const truth = JSON.parse(readFileSync(join(corpus, f), "utf8")) as CorpusTruth;
      return { name, pdf: join(corpus, `${name}.pdf`), truth, facts: readFacts(join(corpus, `${name}.facts.csv`)) };
    })
    .filter((d) => options.includeScanned || !d.truth.scanned);
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

/** Text compared the way the scorer does: no white space, full-width punctuation unified. */
export function normText(s: string | null | undefined): string {
  return (s ?? "")
    .replace(/[（）【】［］：，、．－—–　]/g, (c) => "()[][]:,,.--- "["（）【】［］：，、．－—–　".indexOf(c)]!)
    .replace(/\s+/g, "");
}
export { sha256Of, truthDocument } from "./truth-document.js";
export { scoreFacts, type FactScore } from "./score.js";

export { garbleToUnicode, punchFontHoles, rewritePdf, type PdfObject } from "./pdf-surgery.js";
