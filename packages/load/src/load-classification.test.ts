import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sharedDir, sharedMissing } from "@yusuan/testkit";
import { afterAll, describe, expect, it } from "vitest";
import { parseWithPython } from "./csv-reader.fixture.js";
import { openDatabase } from "./database.js";
import { loadClassification, type ClassificationEntry } from "./load-classification.js";

const missing = sharedMissing("reference/classification");
const dir = mkdtempSync(join(tmpdir(), "yusuan-class-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The harvested reference list (code,name,level,parent_code,system,edition,source) as entries. */
function referenceEntries(file: string): ClassificationEntry[] {
  const [header, ...rows] = parseWithPython(join(sharedDir()!, "reference", "classification", file));
  const at = (row: string[], name: string) => row[header!.indexOf(name)]!;
  return rows.map((r) => ({
    system: at(r, "system"),
    code: at(r, "code"),
    name: at(r, "name"),
    level: Number(at(r, "level")),
    parentCode: at(r, "parent_code") || null,
    validFrom: Number(at(r, "edition")),
    source: "printed",
    ref: at(r, "source"),
  }));
}

describe.skipIf(missing)("loadClassification", () => {
  it("stores every entry of a real code list once, however often it is loaded", () => {
    const db = openDatabase(join(dir, "a.sqlite"));
    const entries = [...referenceEntries("func.csv"), ...referenceEntries("econ_dept.csv")];
    expect(loadClassification(db, entries)).toBe(entries.length);
    expect(loadClassification(db, entries)).toBe(entries.length);
    expect(db.prepare("SELECT count(*) FROM classification").pluck().get()).toBe(entries.length);
    const e = entries.find((x) => x.level === 3)!;
    const row = db.prepare("SELECT name, level, parent_code, valid_from, valid_to FROM classification WHERE system = ? AND code = ?").get(e.system, e.code);
    expect(row).toEqual({ name: e.name, level: 3, parent_code: e.parentCode, valid_from: e.validFrom, valid_to: null });
    db.close();
  });

  it("updates a name in place and keeps a renamed code's editions apart", () => {
    const db = openDatabase(join(dir, "b.sqlite"));
    const base = { system: "func", code: "2080505", level: 3, parentCode: "20805" };
    loadClassification(db, [{ ...base, name: "旧名", validFrom: null, validTo: 2019 }, { ...base, name: "机关事业单位基本养老保险缴费", validFrom: 2020 }]);
    loadClassification(db, [{ ...base, name: "机关事业单位基本养老保险缴费支出", validFrom: 2020 }]);
    const names = db.prepare("SELECT name FROM classification WHERE code = '2080505' ORDER BY valid_from NULLS FIRST").pluck().all();
    expect(names).toEqual(["旧名", "机关事业单位基本养老保险缴费支出"]);
    db.close();
  });

  it("loads nothing of a batch with an impossible entry", () => {
    const db = openDatabase(join(dir, "c.sqlite"));
    const good = { system: "func", code: "201", name: "一般公共服务支出", level: 1 };
    expect(() => loadClassification(db, [good, { ...good, code: "202", name: "外交支出", validFrom: 2025, validTo: 2020 }])).toThrow(/CHECK/);
    expect(db.prepare("SELECT count(*) FROM classification").pluck().get()).toBe(0);
    db.close();
  });
});
