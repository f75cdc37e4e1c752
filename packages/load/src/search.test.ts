import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { corpusDocs, sharedMissing, truthDocument } from "@yusuan/testkit";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "./database.js";
import { writeDatasetteMetadata } from "./datasette-metadata.js";
import { loadDocument } from "./load-document.js";
import { searchText } from "./search.js";

const dir = mkdtempSync(join(tmpdir(), "yusuan-search-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(sharedMissing() !== null)("full-text search over row labels (Datasette, sqlite3)", () => {
  it("finds rows by any three characters of their label, and forgets a replaced document's rows", () => {
    const db = openDatabase(join(dir, "search.sqlite"));
    const doc = truthDocument(corpusDocs().find((d) => d.name.startsWith("dazhou"))!);
    loadDocument(db, doc);
    const hits = () =>
      db.prepare<[], { label: string }>("SELECT l.label FROM line_items_fts f JOIN line_items l ON l.id = f.rowid WHERE line_items_fts MATCH '养老保险' ORDER BY l.id").all();
    const first = hits().map((h) => h.label);
    expect(first.length).toBeGreaterThan(0);
    expect(first.every((l) => l.includes("养老保险"))).toBe(true);
    loadDocument(db, doc, { replace: true });
    expect(hits().map((h) => h.label)).toEqual(first);
    db.close();
  });
});

describe.skipIf(sharedMissing() !== null)("searchText", () => {
  const db = openDatabase(join(dir, "search-text.sqlite"));
  for (const d of corpusDocs()) loadDocument(db, truthDocument(d));
  afterAll(() => db.close());
  const labels = (text: string) => searchText(db, text, { limit: 10_000 }).filter((h) => h.kind === "row").map((h) => h.text);
  const printed = (text: string) => db.prepare("SELECT label FROM line_items WHERE instr(label, ?) > 0").pluck().all(text) as string[];

  it.each(["养", "养老", "养老保险"])("finds every row whose label holds %s, whatever its length", (text) => {
    const found = labels(text);
    expect(found.length).toBeGreaterThan(0);
    expect(found.sort()).toEqual(printed(text).sort());
  });

  it("finds a two-character word the trigram index alone cannot", () => {
    expect(db.prepare(`SELECT count(*) FROM line_items_fts WHERE line_items_fts MATCH '"养老"'`).pluck().get()).toBe(0);
    expect(labels("养老").length).toBeGreaterThan(0);
  });

  it("indexes every row it loads, and no other: FTS5 compares its index with the rows it indexes", () => {
    const first = truthDocument(corpusDocs()[0]!);
    const prose = [{ heading: "第三部分 情况说明", page: 1, text: "收入预算包括一般公共预算拨款收入。" }];
    loadDocument(db, { ...first, prose }, { replace: true });
    for (const fts of ["line_items_fts", "prose_sections_fts"]) expect(() => db.exec(`INSERT INTO ${fts} (${fts}, rank) VALUES ('integrity-check', 1)`)).not.toThrow();
    expect(db.prepare("SELECT count(*) FROM prose_sections_fts WHERE prose_sections_fts MATCH '公共预算'").pluck().get()).toBe(1);
  });

  it("takes % and _ as the characters they are, not as patterns", () => {
    expect(labels("_")).toEqual(printed("_"));
    expect(labels("%")).toEqual(printed("%"));
  });
});

describe("Datasette metadata", () => {
  it("describes the facts view and wires full-text search to line_items", () => {
    const meta = JSON.parse(readFileSync(writeDatasetteMetadata(dir, "budget-2025"), "utf8"));
    expect(Object.keys(meta.databases)).toEqual(["budget-2025"]);
    const tables = meta.databases["budget-2025"].tables;
    expect(tables.facts.columns.func_code).toMatch(/支出功能分类/);
    expect(tables.line_items).toMatchObject({ fts_table: "line_items_fts", fts_pk: "id" });
  });
});
