import { stringify, type CastingContext, type Options } from "csv-stringify/sync";
import { closeSync, openSync, writeSync } from "node:fs";
import { join } from "node:path";
import { writeAtomically } from "./atomic-write.js";
import type { BudgetDatabase } from "./database.js";
import { EXPORTS, type ExportDefinition } from "./exports.js";
import { inSnapshot } from "./snapshot.js";

export interface ExportedFile {
  readonly name: string;
  readonly path: string;
  readonly rows: number;
}

export interface ExportOptions {
  /** export only these (names from EXPORTS); default all */
  readonly only?: readonly string[];
}

const DECIMAL = /^-?\d+(\.\d+)?$/;
/**
 * Text a spreadsheet opening the CSV would turn into a number, date, time, fraction or boolean: table numbers
 * (1-2, 3-1 are dates in a Chinese locale), zero-led codes (01, 001001), long codes (2080505). Only digits,
 * signs and separators, so the text needs no quoting inside the formula.
 */
const NOT_TEXT_TO_A_SPREADSHEET = /^(?=.*\d)[\d\s+\-.,:/%()eE]+$|^(true|false)$/i;

/**
 * Such text is written as the formula ="1-2", whose value is that text in Excel, WPS and LibreOffice: the
 * one form all three keep as text (a leading ' or tab shows in the cell). It is built here from digits and
 * separators only, so it never carries a formula of the document's.
 */
const asSpreadsheetText = (value: string) => (NOT_TEXT_TO_A_SPREADSHEET.test(value) ? `="${value}"` : null);
const BATCH = 2000;

/**
 * Writes one CSV per export (facts, documents, line_items, …) into `dir`: UTF-8 with BOM, header row,
 * formula-looking text escaped, printed amounts as bare decimals, text a spreadsheet would read as a
 * number or date (1-2, 001001) written as ="1-2" so it stays text.
 * @example const files = exportCsv(db, "out/csv"); // [{ name: "facts", path: "out/csv/facts.csv", rows: 3214 }, …]
 */
export function exportCsv(db: BudgetDatabase, dir: string, options: ExportOptions = {}): ExportedFile[] {
  const defs = selectExports(options);
  return inSnapshot(db, () =>
    defs.map((def) => {
      const path = join(dir, `${def.name}.csv`);
      return { name: def.name, path, rows: writeAtomically(path, (tmp) => writeCsv(db, def, tmp)) };
    }),
  );
}

/** The export definitions asked for, in EXPORTS order; unknown names are an error, not a silent gap. */
export function selectExports(options: ExportOptions): readonly ExportDefinition[] {
  const unknown = (options.only ?? []).filter((n) => !EXPORTS.some((d) => d.name === n));
  if (unknown.length) throw new Error(`unknown export(s): ${unknown.join(", ")}`);
  return options.only ? EXPORTS.filter((d) => options.only!.includes(d.name)) : EXPORTS;
}

function csvOptions(def: ExportDefinition): Options {
  const decimals = new Set(def.fields.filter((f) => f.type === "decimal").map((f) => f.name));
  return {
    columns: def.fields.map((f) => ({ key: f.name })),
    // quoting every text cell keeps codes such as 001001 recognisably text; numbers stay bare
    quoted_string: true,
    escape_formulas: true,
    record_delimiter: "unix",
    cast: {
      string: (value: string, ctx: CastingContext) => {
        if (ctx.header) return { value, quoted_string: false };
        if (typeof ctx.column === "string" && decimals.has(ctx.column)) {
          // a printed amount such as -12.50 is a number, not a formula: written bare and exact
          if (!DECIMAL.test(value)) throw new Error(`${def.name}.${ctx.column}: not a decimal: ${JSON.stringify(value)}`);
          return { value, quoted_string: false, escape_formulas: false };
        }
        const text = asSpreadsheetText(value);
        return text === null ? value : { value: text, escape_formulas: false };
      },
    },
  };
}

/** Streams the rows out in batches (memory stays flat on large databases); returns how many. */
function writeCsv(db: BudgetDatabase, def: ExportDefinition, file: string): number {
  const options = csvOptions(def);
  const fd = openSync(file, "w");
  try {
    let rows = 0;
    let batch: unknown[] = [];
    let first = true;
    const flush = () => {
      writeSync(fd, stringify(batch, { ...options, bom: first, header: first }));
      batch = [];
      first = false;
    };
    for (const row of db.prepare(def.sql).iterate()) {
      batch.push(row);
      rows++;
      if (batch.length === BATCH) flush();
    }
    if (first || batch.length) flush();
    return rows;
  } finally {
    closeSync(fd);
  }
}
