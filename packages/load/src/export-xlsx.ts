import type ExcelJS from "exceljs";
import type { BudgetDatabase } from "./database.js";
import { writeAtomically } from "./atomic-write.js";
import { selectExports, type ExportOptions } from "./export-csv.js";
import type { ExportDefinition, ExportField } from "./exports.js";
import { inSnapshot } from "./snapshot.js";

/** Excel's hard limit, header row included. */
const MAX_ROWS = 1_048_576;
const WIDTH_SAMPLE = 500;

type CellValue = string | number | boolean | Date | null;

/**
 * Writes one XLSX workbook with a sheet per export: frozen header row with filter buttons, amounts as numbers showing
 * their printed decimals, codes as text, columns sized to their content.
 * @example await exportXlsx(db, "out/budget.xlsx", { only: ["facts", "documents"] });
 */
export async function exportXlsx(db: BudgetDatabase, file: string, options: ExportOptions = {}): Promise<void> {
  const defs = selectExports(options);
  // exceljs takes 0.4 s to import: every ingest run would pay it, only those writing a workbook should.
  const { default: excel } = await import("exceljs");
  await inSnapshot(db, async () => {
    const rows = defs.map((def) => {
      const n = db.prepare(`SELECT count(*) FROM (${def.sql})`).pluck().get() as number;
      if (n + 1 > MAX_ROWS) throw new Error(`${def.name}: ${n} rows do not fit in one XLSX sheet; export CSV instead`);
      return n;
    });
    await writeAtomically(file, async (tmp) => {
      const book = new excel.stream.xlsx.WorkbookWriter({ filename: tmp, useStyles: true, useSharedStrings: true });
      book.creator = "yusuan";
      defs.forEach((def, i) => writeSheet(book, db, def, rows[i]!));
      await book.commit();
    });
  });
}

function writeSheet(book: ExcelJS.stream.xlsx.WorkbookWriter, db: BudgetDatabase, def: ExportDefinition, rows: number): void {
  const sheet = book.addWorksheet(def.name, { views: [{ state: "frozen", ySplit: 1 }] });
  // filter buttons on the header, over every row the sheet will hold
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: rows + 1, column: def.fields.length } };
  const widths = columnWidths(db, def);
  sheet.columns = def.fields.map((f, i) => ({
    header: f.name,
    key: f.name,
    width: widths[i]!,
    style: f.type === "string" ? { numFmt: "@" } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  for (const record of db.prepare(def.sql).iterate() as Iterable<Record<string, unknown>>) {
    const row = sheet.addRow(def.fields.map((f) => cellValue(f, record[f.name])));
    def.fields.forEach((f, i) => {
      const format = numberFormat(f, record[f.name]);
      if (format) row.getCell(i + 1).numFmt = format;
    });
    row.commit();
  }
  sheet.commit();
}

function cellValue(field: ExportField, value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  switch (field.type) {
    case "decimal":
      return Number(value);
    case "boolean":
      return value === 1 || value === true;
    case "datetime":
      return new Date(String(value));
    case "string":
      return String(value);
    default:
      return value as number;
  }
}

/** The format that shows a printed amount with exactly its printed decimals. */
function numberFormat(field: ExportField, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  switch (field.type) {
    case "decimal": {
      const decimals = String(value).split(".")[1]?.length ?? 0;
      return decimals ? `#,##0.${"0".repeat(decimals)}` : "#,##0";
    }
    case "number":
      return "#,##0.00##";
    case "datetime":
      return "yyyy-mm-dd hh:mm:ss";
    default:
      return null;
  }
}

/** Wide enough for the header and the first rows; CJK characters count double. */
function columnWidths(db: BudgetDatabase, def: ExportDefinition): number[] {
  const sample = db.prepare(`SELECT * FROM (${def.sql}) LIMIT ${WIDTH_SAMPLE}`).all() as Record<string, unknown>[];
  return def.fields.map((f) => {
    const widest = Math.max(displayWidth(f.name), ...sample.map((r) => displayWidth(r[f.name] == null ? "" : String(r[f.name]))));
    return Math.min(60, Math.max(6, widest + 2));
  });
}

function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += ch.codePointAt(0)! > 0x2e80 ? 2 : 1;
  return w;
}
