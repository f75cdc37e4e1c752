import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { writeAtomically } from "./atomic-write.js";
import type { BudgetDatabase } from "./database.js";
import { exportCsv, selectExports, type ExportOptions } from "./export-csv.js";
import type { ExportDefinition, ExportField, FieldType } from "./exports.js";

export interface DataPackageOptions extends ExportOptions {
  readonly name?: string;
  readonly title?: string;
}

/** The Frictionless Table Schema type of each of our field types. */
const TABLE_SCHEMA_TYPE: Record<FieldType, string> = {
  string: "string",
  integer: "integer",
  number: "number",
  decimal: "number",
  boolean: "boolean",
  datetime: "datetime",
};

/**
 * Writes the CSV exports into `dir` with a Frictionless datapackage.json describing them (fields,
 * types, keys, byte sizes and hashes); returns the path of datapackage.json.
 * @example writeDataPackage(db, "out/package"); // out/package/datapackage.json + facts.csv, …
 */
export function writeDataPackage(db: BudgetDatabase, dir: string, options: DataPackageOptions = {}): string {
  const defs = selectExports(options);
  const files = exportCsv(db, dir, options);
  const names = new Set(defs.map((d) => d.name));
  const descriptor = {
    profile: "tabular-data-package",
    name: options.name ?? "yusuan-budget",
    title: options.title ?? "部门预算公开: amounts as printed, with codes, checks and pages",
    created: new Date().toISOString(),
    resources: defs.map((def) => {
      const file = files.find((f) => f.name === def.name)!;
      return resource(def, file.path, names);
    }),
  };
  const path = join(dir, "datapackage.json");
  writeAtomically(path, (tmp) => writeFileSync(tmp, `${JSON.stringify(descriptor, null, 2)}\n`));
  return path;
}

function resource(def: ExportDefinition, path: string, exported: ReadonlySet<string>) {
  const bytes = readFileSync(path);
  return {
    name: def.name,
    title: def.title,
    path: basename(path),
    profile: "tabular-data-resource",
    format: "csv",
    mediatype: "text/csv",
    // with a BOM (for spreadsheets), which Frictionless readers skip under "utf-8"
    encoding: "utf-8",
    bytes: bytes.length,
    hash: `sha256:${createHash("sha256").update(bytes).digest("hex")}`,
    dialect: { delimiter: ",", doubleQuote: true, header: true, lineTerminator: "\n" },
    schema: {
      fields: def.fields.map(field),
      missingValues: [""],
      ...(def.primaryKey ? { primaryKey: [...def.primaryKey] } : {}),
      // a key to a resource left out of this package would dangle
      ...(def.foreignKeys?.some((k) => exported.has(k.resource))
        ? {
            foreignKeys: def.foreignKeys
              .filter((k) => exported.has(k.resource))
              .map((k) => ({ fields: [...k.fields], reference: { resource: k.resource, fields: [...k.reference] } })),
          }
        : {}),
    },
  };
}

function field(f: ExportField) {
  return {
    name: f.name,
    type: TABLE_SCHEMA_TYPE[f.type],
    ...(f.description ? { description: f.description } : {}),
    ...(f.type === "boolean" ? { trueValues: ["1"], falseValues: ["0"] } : {}),
  };
}
