import { stringify, type CastingContext } from "csv-stringify";
import { createWriteStream } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
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
 * Writes one CSV per export (facts, documents, line_items, …) into `dir`: UTF-8 with BOM, header row,
 * formula-looking text escaped, printed amounts as bare decimals, text quoted so codes stay text.
 * @example const files = await exportCsv(db, "out/csv"); // [{ name: "facts", path: "out/csv/facts.csv", rows: 3214 }, …]
 */
export async function exportCsv(db: BudgetDatabase, dir: string, options: ExportOptions = {}): Promise<ExportedFile[]> {
  const defs = selectExports(options);
  return inSnapshot(db, async () => {
    const files: ExportedFile[] = [];
    for (const def of defs) {
      const path = join(dir, `${def.name}.csv`);
      const rows = await writeAtomically(path, (tmp) => writeCsv(db, def, tmp));
      files.push({ name: def.name, path, rows });
    }
    return files;
  });
}

/** The export definitions asked for, in EXPORTS order; unknown names are an error, not a silent gap. */
export function selectExports(options: ExportOptions): readonly ExportDefinition[] {
  const unknown = (options.only ?? []).filter((n) => !EXPORTS.some((d) => d.name === n));
  if (unknown.length) throw new Error(`unknown export(s): ${unknown.join(", ")}`);
  return options.only ? EXPORTS.filter((d) => options.only!.includes(d.name)) : EXPORTS;
}

async function writeCsv(db: BudgetDatabase, def: ExportDefinition, file: string): Promise<number> {
  const decimals = new Set(def.fields.filter((f) => f.type === "decimal").map((f) => f.name));
  let rows = 0;
  const source = Readable.from(
    (function* () {
      for (const row of db.prepare(def.sql).iterate()) {
        rows++;
        yield row;
      }
    })(),
  );
  const csv = stringify({
    bom: true,
    header: true,
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
        return value;
      },
    },
  });
  await pipeline(source, csv, createWriteStream(file));
  return rows;
}
