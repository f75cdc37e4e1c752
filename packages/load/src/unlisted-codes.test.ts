import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { loadRegistry, Registry } from "@yusuan/classification";
import { extractDocument } from "@yusuan/extract";
import { createClassifier, normalizeDocument } from "@yusuan/normalize";
import type { BudgetDocument, ExtractedDocument } from "@yusuan/schema";
import { repoRoot } from "@yusuan/testkit";
import { beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type BudgetDatabase } from "./database.js";
import { loadClassification } from "./load-classification.js";
import { loadDocument } from "./load-document.js";

/**
 * A code the official list we hold lacks, printed with a name by a document (the 澜川 决算 sample prints 2130505
 * 生产发展, read here against a registry without it), becomes a registry entry of its own kind that every later
 * document resolves to; a document naming it otherwise keeps a finding.
 */
const pdf = join(repoRoot, "data", "samples", "lanchuan_nyncj_2025_final_sample.pdf");
const official = loadRegistry().entries();
const lacking = new Registry(official.filter((e) => !(e.system === "func" && e.code === "2130505")));
let extracted: ExtractedDocument;
let printed: BudgetDocument;

beforeAll(async () => {
  extracted = await extractDocument(new Uint8Array(readFileSync(pdf)), { fileName: basename(pdf) });
  printed = normalizeDocument(extracted, { sha256: "lanchuan", classifier: createClassifier(lacking) });
}, 120_000);

/** The same document under another name and content hash, its 2130505 row printing `name`. */
const another = (sha256: string, name: string): BudgetDocument => ({
  ...printed,
  sha256,
  fileName: `${sha256}.pdf`,
  tables: printed.tables.map((t) => ({
    ...t,
    rows: t.rows.map((r) => (r.funcCode === "2130505" ? { ...r, label: name, func: r.func && { ...r.func, printedName: name } } : r)),
  })),
});

const freshDb = (): BudgetDatabase => {
  const db = openDatabase(":memory:");
  loadClassification(db, lacking.entries());
  return db;
};

interface Row {
  func_name: string | null;
  func_status: string | null;
}
const rowsOf = (db: BudgetDatabase, file: string) =>
  db
    .prepare<[string], Row>(
      `SELECT li.func_name, li.func_status FROM line_items li JOIN budget_tables t ON t.id = li.table_id JOIN documents d ON d.id = t.document_id
       WHERE d.file_name = ? AND li.func_code = '2130505'`,
    )
    .all(file);
/** Each row printing 2130505 (收入决算表, 支出决算表 and the 一般公共预算 table print it), as `row`. */
const each = <T>(row: T): T[] => Array.from({ length: printed.tables.flatMap((t) => t.rows).filter((r) => r.funcCode === "2130505").length }, () => row);
const findingsOf = (db: BudgetDatabase, file: string) =>
  db.prepare<[string], { rule: string; message: string }>("SELECT rule, message FROM validation_issues v JOIN documents d ON d.id = v.document_id WHERE d.file_name = ? AND message LIKE '2130505%'").all(file);

describe("a code the official list lacks, printed with a name", () => {
  it("is read as unknown against that list", () => {
    const row = printed.tables.flatMap((t) => t.rows).find((r) => r.funcCode === "2130505")!;
    expect(row.func).toMatchObject({ status: "unknown_code", printedName: "生产发展" });
  });

  it("becomes a registry entry of its own kind, which its rows resolve to, instead of an unknown_code finding", () => {
    const db = freshDb();
    loadDocument(db, printed);
    expect(db.prepare("SELECT code, name, level, parent_code, valid_from, source, ref, note FROM classification WHERE source = 'unlisted'").all()).toEqual([
      {
        code: "2130505",
        name: "生产发展",
        level: 3,
        parent_code: "21305",
        valid_from: 2025,
        source: "unlisted",
        ref: `${basename(printed.fileName)} p.${printed.tables.flatMap((t) => t.rows).find((r) => r.funcCode === "2130505")!.page}`,
        note: "printed in 1 document(s), not in the official list we hold",
      },
    ]);
    expect(each(0).length).toBe(3);
    expect(rowsOf(db, basename(printed.fileName))).toEqual(each({ func_name: "生产发展", func_status: "unlisted" }));
    expect(findingsOf(db, basename(printed.fileName))).toEqual([]);
    // every coded row of the document has a name somewhere
    expect(db.prepare("SELECT count(*) FROM line_items WHERE func_code IS NOT NULL AND func_name IS NULL").pluck().get()).toBe(0);
  });

  it("is shared by every later document; one printing another name for it keeps a finding", () => {
    const db = freshDb();
    loadDocument(db, printed);
    loadDocument(db, another("same-name", "生产发展"));
    loadDocument(db, another("other-name", "产业发展"));
    expect(db.prepare("SELECT name, note FROM classification WHERE source = 'unlisted'").all()).toEqual([
      { name: "生产发展", note: "printed in 3 document(s), not in the official list we hold" },
    ]);
    expect(rowsOf(db, "same-name.pdf").map((r) => r.func_status)).toEqual(each("unlisted"));
    expect(findingsOf(db, "same-name.pdf")).toEqual([]);
    expect(rowsOf(db, "other-name.pdf")).toEqual(each({ func_name: "生产发展", func_status: "unlisted" }));
    expect(findingsOf(db, "other-name.pdf")).toEqual(
      each({ rule: "name_differs", message: "2130505 is printed as 产业发展; other documents print it as 生产发展 (not in the official list we hold)" }),
    );
  });

  it("resolves as official where the list holds it: no entry of its own", () => {
    const db = openDatabase(":memory:");
    loadClassification(db, official);
    const doc = normalizeDocument(extracted, { sha256: "lanchuan", classifier: createClassifier() });
    loadDocument(db, doc);
    expect(db.prepare("SELECT count(*) FROM classification WHERE source = 'unlisted'").pluck().get()).toBe(0);
    expect(rowsOf(db, basename(doc.fileName)).map((r) => r.func_status)).toEqual(each("matched"));
  });

  it("a 7-digit local sub-code printed with a name keeps its status and gets that name (the 乐山 sample's 3010201 …)", async () => {
    const leshan = join(repoRoot, "data", "samples", "leshan_rsxxzx_2025_sample.pdf");
    const doc = normalizeDocument(await extractDocument(new Uint8Array(readFileSync(leshan)), { fileName: basename(leshan) }), { sha256: "leshan", classifier: createClassifier() });
    const db = openDatabase(":memory:");
    loadClassification(db, official);
    loadDocument(db, doc);
    const local = db.prepare<[], { econ_code: string; econ_name: string | null; econ_status: string }>("SELECT DISTINCT econ_code, econ_name, econ_status FROM line_items WHERE length(econ_code) = 7").all();
    expect(local.length).toBeGreaterThan(0);
    expect(local.filter((r) => r.econ_status !== "local_extension" || !r.econ_name)).toEqual([]);
    expect(db.prepare("SELECT count(*) FROM classification WHERE source = 'unlisted' AND length(code) = 7").pluck().get()).toBe(new Set(local.map((r) => r.econ_code)).size);
    expect(db.prepare("SELECT count(*) FROM line_items WHERE (func_code IS NOT NULL AND func_name IS NULL) OR (econ_code IS NOT NULL AND econ_name IS NULL)").pluck().get()).toBe(0);
  }, 120_000);
});
