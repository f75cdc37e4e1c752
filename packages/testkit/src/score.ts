import type { BudgetDocument } from "@yusuan/schema";
import type { CorpusDoc } from "./index.js";

const FW_FROM = "（）【】［］：，、．－—–　";
const FW_TO = "()[][]:,,.--- ";
const ORDINAL = /^(\(?[一二三四五六七八九十百]+[)、.,]|\(?\d+[)、.,]|其中[:：]?)+/;

/** The text key of ../shared/tools/score-facts: full-width unified, no white space, no leading ordinal. */
function norm(text: string | null | undefined): string {
  const t = [...(text ?? "")].map((c) => (FW_FROM.includes(c) ? FW_TO[FW_FROM.indexOf(c)]! : c)).join("");
  return t.replace(/\s+/g, "").replace(ORDINAL, "");
}
const normTable = (t: string | null) => norm(t).replace(/表/g, "").replace(/公开/g, "");
const cents = (a: string) => Math.round(Number(a.replace(/,/g, "")) * 100);

function key(table: string | null, func: string | null, econ: string | null, label: string, measure: string, amount: string) {
  const code = (func ?? "").replace(/\D/g, "") || (econ ?? "").replace(/\D/g, "");
  return [normTable(table), code, norm(label), norm(measure), cents(amount)].join("|");
}

export interface FactScore {
  truth: number;
  extracted: number;
  matched: number;
  precision: number;
  recall: number;
  f1: number;
  missed: string[];
  extra: string[];
}

/**
 * Scores a document's facts against corpus truth exactly as ../shared/tools/score-facts keys them
 * (table, code, label, measure, amount to the cent), over the tables the truth lists.
 * @example const s = scoreFacts(budgetDocument, corpusDoc); expect(s.f1).toBeGreaterThanOrEqual(0.999);
 */
export function scoreFacts(doc: BudgetDocument, corpus: CorpusDoc): FactScore {
  const truth = new Map<string, number>();
  for (const f of corpus.facts) {
    const k = key(f.table_no, f.func_code, f.econ_code, f.label, f.measure, f.amount);
    truth.set(k, (truth.get(k) ?? 0) + 1);
  }
  const listed = new Set(corpus.truth.tables.map((t) => normTable(t.table_no)));
  const pred = new Map<string, number>();
  for (const t of doc.tables) {
    if (!listed.has(normTable(t.tableNo))) continue;
    for (const r of t.rows)
      for (const a of r.amounts) {
        const k = key(t.tableNo, r.funcCode, r.econCode, r.label, a.measure, a.value);
        pred.set(k, (pred.get(k) ?? 0) + 1);
      }
  }
  let matched = 0;
  const missed: string[] = [];
  const extra: string[] = [];
  for (const [k, n] of truth) {
    const m = Math.min(n, pred.get(k) ?? 0);
    matched += m;
    if (n > m) missed.push(k);
  }
  for (const [k, n] of pred) if (n > (truth.get(k) ?? 0)) extra.push(k);
  const nTruth = [...truth.values()].reduce((a, b) => a + b, 0);
  const nPred = [...pred.values()].reduce((a, b) => a + b, 0);
  const precision = nPred ? matched / nPred : nTruth ? 0 : 1;
  const recall = nTruth ? matched / nTruth : 1;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { truth: nTruth, extracted: nPred, matched, precision, recall, f1, missed: missed.sort(), extra: extra.sort() };
}
