import ExcelJS from "exceljs";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { corpusDocs, sharedMissing, truthDocument } from "@yusuan/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type BudgetDatabase } from "./database.js";
import { exportXlsx } from "./export-xlsx.js";
import { EXPORTS } from "./exports.js";
import { loadDocument } from "./load-document.js";

const missing = sharedMissing();
const dir = mkdtempSync(join(tmpdir(), "yusuan-xlsx-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(missing)("exportXlsx", () => {
  let db: BudgetDatabase;
  const book = new ExcelJS.Workbook();

  beforeAll(async () => {
    const writer = openDatabase(join(dir, "budget.sqlite"));
    for (const d of corpusDocs()) loadDocument(writer, truthDocument(d));
    writer.close();
    // as `yusuan export` does: a read-only connection
    db = openDatabase(join(dir, "budget.sqlite"), { readonly: true });
    await exportXlsx(db, join(dir, "out", "budget.xlsx"));
    await book.xlsx.readFile(join(dir, "out", "budget.xlsx"));
  });
  afterAll(() => db.close());

  it("has a sheet per export with a frozen, complete header row with filter buttons and no temporary file beside it", () => {
    expect(book.worksheets.map((w) => w.name)).toEqual(EXPORTS.map((e) => e.name));
    for (const e of EXPORTS) {
      const sheet = book.getWorksheet(e.name)!;
      expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
      // the filter covers the header and every row, from the first column to the last
      expect(sheet.autoFilter, e.name).toBe(`A1:${sheet.getColumn(e.fields.length).letter}${Math.max(sheet.rowCount, 1)}`);
      expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(e.fields.map((f) => f.name));
    }
    expect(readdirSync(join(dir, "out"))).toEqual(["budget.xlsx"]);
  });

  it("holds every fact, amounts as numbers formatted with their printed decimals and codes as text", () => {
    const sheet = book.getWorksheet("facts")!;
    const view = db.prepare("SELECT unit_code, func_code, amount, amount_decimal AS amount_text FROM facts ORDER BY document, table_index, row_index, ordinal").all() as { unit_code: string | null; func_code: string | null; amount: number; amount_text: string }[];
    expect(sheet.rowCount).toBe(view.length + 1);
    const col = (name: string) => EXPORTS.find((e) => e.name === "facts")!.fields.findIndex((f) => f.name === name) + 1;
    view.forEach((f, i) => {
      const row = sheet.getRow(i + 2);
      expect(row.getCell(col("amount")).value).toBe(f.amount);
      expect(row.getCell(col("amount")).numFmt).toBe(`#,##0.${"0".repeat(f.amount_text.split(".")[1]?.length ?? 0)}`.replace(/\.$/, ""));
      // absent codes are NULL in the view, empty cells in the sheet
      expect(row.getCell(col("unit_code")).value ?? "").toBe(f.unit_code ?? "");
      expect(row.getCell(col("func_code")).value ?? "").toBe(f.func_code ?? "");
    });
  });

  it("sizes columns to their content", () => {
    const sheet = book.getWorksheet("facts")!;
    // exceljs leaves out a column of Excel's default width (9)
    const widths = sheet.columns.map((c) => c.width ?? 9);
    expect(Math.min(...widths)).toBeGreaterThanOrEqual(6);
    expect(widths[EXPORTS[0]!.fields.findIndex((f) => f.name === "label")]).toBeGreaterThan(widths[EXPORTS[0]!.fields.findIndex((f) => f.name === "page")]!);
  });
});
