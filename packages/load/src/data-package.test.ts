import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { corpusDocs, sharedMissing, truthDocument } from "@yusuan/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseWithPython } from "./csv-reader.fixture.js";
import { writeDataPackage } from "./data-package.js";
import { openDatabase, type BudgetDatabase } from "./database.js";
import { EXPORTS } from "./exports.js";
import { loadDocument } from "./load-document.js";
import { recordFailure } from "./record-failure.js";

const missing = sharedMissing();
const dir = mkdtempSync(join(tmpdir(), "yusuan-dp-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Field {
  name: string;
  type: string;
  trueValues?: string[];
  falseValues?: string[];
}
interface Resource {
  name: string;
  path: string;
  bytes: number;
  hash: string;
  schema: {
    fields: Field[];
    primaryKey?: string[];
    foreignKeys?: { fields: string[]; reference: { resource: string; fields: string[] } }[];
  };
}

/** What a Table Schema value of `type` must look like in the CSV ("" is a missing value; a string may hold anything). */
const VALID: Record<string, RegExp> = {
  integer: /^-?\d+$/,
  number: /^-?\d+(\.\d+)?(e-?\d+)?$/,
  boolean: /^[01]$/,
  datetime: /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/,
};

describe.skipIf(missing)("writeDataPackage", () => {
  let db: BudgetDatabase;
  let resources: Resource[];
  const headers = new Map<string, string[]>();
  const tables = new Map<string, Record<string, string>[]>();

  beforeAll(() => {
    const writer = openDatabase(join(dir, "budget.sqlite"));
    for (const d of corpusDocs()) loadDocument(writer, truthDocument(d));
    recordFailure(writer, { fileName: "broken.pdf", sha256: "e".repeat(64), status: "failed", error: "not a PDF" });
    writer.close();
    db = openDatabase(join(dir, "budget.sqlite"), { readonly: true });
    const descriptor = JSON.parse(readFileSync(writeDataPackage(db, join(dir, "pkg")), "utf8")) as { resources: Resource[] };
    resources = descriptor.resources;
    for (const r of resources) {
      const [header, ...rows] = parseWithPython(join(dir, "pkg", r.path));
      headers.set(r.name, header!);
      tables.set(r.name, rows.map((row) => Object.fromEntries(header!.map((h, i) => [h, row[i]!]))));
    }
  });
  afterAll(() => db.close());

  it("describes every exported file with its size and hash", () => {
    expect(resources.map((r) => r.name)).toEqual(EXPORTS.map((e) => e.name));
    for (const r of resources) {
      const bytes = readFileSync(join(dir, "pkg", r.path));
      expect(r.bytes).toBe(bytes.length);
      expect(r.hash).toBe(`sha256:${createHash("sha256").update(bytes).digest("hex")}`);
    }
  });

  it("declares its files' columns in order, typed as every value in them", () => {
    for (const r of resources) {
      expect(headers.get(r.name), r.name).toEqual(r.schema.fields.map((f) => f.name));
      const rows = tables.get(r.name)!;
      for (const f of r.schema.fields.filter((f) => f.type !== "string")) {
        for (const row of rows) if (row[f.name] !== "") expect(row[f.name], `${r.name}.${f.name}`).toMatch(VALID[f.type]!);
      }
    }
  });

  it("declares primary keys that are unique and foreign keys that resolve", () => {
    let checkedKeys = 0;
    for (const r of resources) {
      const rows = tables.get(r.name)!;
      if (r.schema.primaryKey) {
        const keys = rows.map((row) => r.schema.primaryKey!.map((k) => row[k]).join("|"));
        expect(new Set(keys).size, r.name).toBe(rows.length);
      }
      for (const fk of r.schema.foreignKeys ?? []) {
        const target = new Set(tables.get(fk.reference.resource)!.map((row) => fk.reference.fields.map((k) => row[k]).join("|")));
        for (const row of rows) expect(target.has(fk.fields.map((k) => row[k]).join("|")), `${r.name} → ${fk.reference.resource}`).toBe(true);
        checkedKeys += rows.length;
      }
    }
    expect(checkedKeys).toBeGreaterThan(tables.get("facts")!.length);
  });
});
