import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import type { BudgetDocument } from "@yusuan/schema";
import { corpusDocs, sharedMissing, truthDocument } from "@yusuan/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type BudgetDatabase } from "./database.js";
import { exportCsv } from "./export-csv.js";
import { EXPORTS } from "./exports.js";
import { loadDocument } from "./load-document.js";
import { recordFailure } from "./record-failure.js";
import { parseWithPython } from "./csv-reader.fixture.js";
import { calcMissing, openInCalc } from "./calc.fixture.js";

const missing = sharedMissing();
const dir = mkdtempSync(join(tmpdir(), "yusuan-csv-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A corpus document with rows a spreadsheet could mistake for formulas, a negative amount and a zero-led unit code. */
function withAwkwardRows(doc: BudgetDocument): BudgetDocument {
  const target = doc.tables.findIndex((t) => t.rows.length > 0);
  const t = doc.tables[target]!;
  const page = t.pages[0]!;
  const next = Math.max(...t.rows.map((r) => r.rowIndex)) + 1;
  const row = (i: number, label: string, value: string) => ({
    ...t.rows[0]!,
    rowIndex: next + i,
    rowKind: "item" as const,
    label,
    unitCode: "001001",
    amounts: [{ measure: t.measures[0]!, value, page, bbox: [10, 20, 30, 40] as [number, number, number, number] }],
  });
  const rows = [...t.rows, row(0, "=SUM(A1:A9)", "-12.50"), row(1, "-调减项目", "0.00"), row(2, "@cmd", "1234567.89")];
  return { ...doc, tables: doc.tables.map((x, i) => (i === target ? { ...x, rows } : x)) };
}

describe.skipIf(missing)("exportCsv, when a value cannot be written", () => {
  it("fails and keeps the previous file whole, leaving no temporary file", () => {
    const db = openDatabase(join(dir, "bad.sqlite"));
    const corpus = corpusDocs().find((d) => d.truth.performance_targets?.length)!;
    loadDocument(db, truthDocument(corpus));
    const target = join(dir, "csv-bad");
    exportCsv(db, target, { only: ["performance_targets"] });
    const before = readFileSync(join(target, "performance_targets.csv"));
    db.prepare("UPDATE performance_targets SET budget_text = '1,234.00' WHERE ordinal = 3").run();
    expect(() => exportCsv(db, target, { only: ["performance_targets"] })).toThrow(/not a decimal/);
    expect(readFileSync(join(target, "performance_targets.csv"))).toEqual(before);
    expect(readdirSync(target)).toEqual(["performance_targets.csv"]);
    expect(db.inTransaction).toBe(false);
    db.close();
  });
});

describe.skipIf(missing)("exportCsv", () => {
  let db: BudgetDatabase;
  let out: string;
  const loadedAt = new Date("2026-03-01T08:00:00.000Z");

  beforeAll(() => {
    db = openDatabase(join(dir, "budget.sqlite"));
    const [first, ...rest] = corpusDocs();
    loadDocument(db, withAwkwardRows(truthDocument(first!)), { loadedAt });
    for (const d of rest) loadDocument(db, truthDocument(d), { loadedAt });
    recordFailure(db, { fileName: "scan.pdf", sha256: "f".repeat(64), status: "needs_ocr", error: "no text layer", recordedAt: loadedAt });
    out = join(dir, "csv");
    exportCsv(db, out);
  });
  afterAll(() => db.close());

  it("writes one file per export and no temporary files", () => {
    expect(readdirSync(out).sort()).toEqual(EXPORTS.map((e) => `${e.name}.csv`).sort());
  });

  it("starts every file with a UTF-8 BOM and a header row of the export's fields", () => {
    for (const e of EXPORTS) {
      const bytes = readFileSync(join(out, `${e.name}.csv`));
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(parseWithPython(join(out, `${e.name}.csv`))[0]).toEqual(e.fields.map((f) => f.name));
    }
  });

  it("parses back to the facts view, row for row and amount for amount as printed", () => {
    const [header, ...rows] = parseWithPython(join(out, "facts.csv"));
    const view = db.prepare("SELECT document, table_no, row_index, measure, amount_decimal AS amount_text, unit_code FROM facts ORDER BY document, table_index, row_index, ordinal").all() as Record<string, string | number | null>[];
    expect(rows).toHaveLength(view.length);
    const col = (name: string) => header!.indexOf(name);
    rows.forEach((r, i) => {
      expect(r[col("amount")]).toBe(view[i]!.amount_text);
      expect(r[col("document")]).toBe(view[i]!.document);
      expect(r[col("row_index")]).toBe(String(view[i]!.row_index));
      // absent codes are NULL in the view, empty in the CSV; digit codes are written ="001001" to stay text
      expect(r[col("unit_code")]!.replace(/^="(.*)"$/, "$1")).toBe(view[i]!.unit_code ?? "");
    });
  });

  it("escapes text that a spreadsheet would run as a formula but writes negative amounts as bare numbers", () => {
    const text = readFileSync(join(out, "facts.csv"), "utf8");
    const lines = text.split("\n");
    const line = (label: string) => lines.find((l) => l.includes(label))!;
    expect(line("SUM(A1:A9)")).toContain(`"'=SUM(A1:A9)"`);
    expect(line("SUM(A1:A9)")).toMatch(/,-12\.50,/);
    expect(line("调减项目")).toContain(`"'-调减项目"`);
    expect(line("@cmd")).toContain(`"'@cmd"`);
    expect(line("@cmd")).toMatch(/,1234567\.89,/);
    const parsed = parseWithPython(join(out, "facts.csv"));
    const amount = parsed[0]!.indexOf("amount");
    expect(parsed.find((r) => r.includes("'=SUM(A1:A9)"))![amount]).toBe("-12.50");
  });

  it("keeps codes and table numbers text to a spreadsheet (=\"001001\", =\"1-2\") and leaves missing values empty", () => {
    const text = readFileSync(join(out, "facts.csv"), "utf8");
    expect(text).toMatch(/,"=""001001""",/);
    expect(text).toMatch(/,"=""1-2""",/);
    // a label is text to every spreadsheet already: left as printed
    expect(text).toMatch(/,"事业运行",/);
    const docs = readFileSync(join(out, "documents.csv"), "utf8").split("\n");
    const scan = docs.find((l) => l.includes("scan.pdf"))!;
    expect(scan).toContain(`"needs_ocr","no text layer",,`);
  });

  it("writes dates as ISO 8601 and orders rows deterministically", () => {
    const [header, ...rows] = parseWithPython(join(out, "documents.csv"));
    const at = header!.indexOf("loaded_at");
    for (const r of rows) expect(r[at]).toBe(loadedAt.toISOString());
    expect(rows.map((r) => r[header!.indexOf("file_name")])).toEqual([...rows.map((r) => r[header!.indexOf("file_name")]!)].sort());
    const again = join(dir, "csv-again");
    exportCsv(db, again);
    for (const e of EXPORTS) expect(readFileSync(join(again, `${e.name}.csv`))).toEqual(readFileSync(join(out, `${e.name}.csv`)));
  });

  it.skipIf(calcMissing())("opened directly in a spreadsheet (LibreOffice Calc, zh-CN), keeps every text cell text, as written", async () => {
    const names = ["facts", "budget_tables", "units", "line_items", "codes_seen"];
    const sheets = await openInCalc(names.map((n) => join(out, `${n}.csv`)));
    let digitLike = 0;
    names.forEach((name, n) => {
      const def = EXPORTS.find((e) => e.name === name)!;
      const rows = db.prepare(def.sql).all() as Record<string, unknown>[];
      const sheet = sheets[n]!;
      expect(sheet.rowCount, name).toBe(rows.length + 1);
      rows.forEach((row, r) => {
        def.fields.forEach((f, c) => {
          const value = row[f.name];
          if (f.type !== "string" || value === null || value === "") return;
          const cell = sheet.getRow(r + 2).getCell(c + 1);
          // a text cell is a string, or a formula whose value is that string (="1-2"); never a number or date
          const v = cell.value;
          const shown = v && typeof v === "object" ? ("formula" in v ? v.result : "richText" in v ? cell.text : v) : v;
          // formula-looking text keeps the apostrophe that disarms it; a negative amount as text (-12.50) needs none
          const expected = /^[=+\-@](?![\d.])/.test(String(value)) ? `'${value}` : String(value);
          expect(shown, `${name} row ${r + 2} ${f.name}`).toBe(expected);
          if (/^[\d\-]+$/.test(String(value))) digitLike++;
        });
      });
    });
    // the cases that matter were there: table numbers (1-2), zero-led unit codes, seven-digit codes
    expect(digitLike).toBeGreaterThan(1000);
    const facts = sheets[0]!;
    const label = EXPORTS[0]!.fields.findIndex((f) => f.name === "label") + 1;
    const injected = facts.getColumn(label).values.filter((v) => typeof v === "string" && v.includes("SUM(A1:A9)"));
    // formula injection stays blocked: the label is text with its apostrophe, never a formula Calc ran
    expect(injected).toEqual(["'=SUM(A1:A9)"]);
  }, 180_000);

  it("exports only the named files when asked and refuses unknown names", () => {
    const some = join(dir, "csv-some");
    const files = exportCsv(db, some, { only: ["facts", "documents"] });
    expect(files.map((f) => basename(f.path))).toEqual(["facts.csv", "documents.csv"]);
    expect(files[0]!.rows).toBe(db.prepare("SELECT count(*) FROM facts").pluck().get());
    expect(() => exportCsv(db, some, { only: ["nope"] })).toThrow(/unknown export/);
  });
});
