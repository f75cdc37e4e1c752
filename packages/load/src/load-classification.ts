import type { BudgetDatabase } from "./database.js";

/** One code of a classification system in one edition, e.g. a row of data/classification/func.csv. */
export interface ClassificationEntry {
  /** "func", "econ_dept", "econ_gov", "revenue", … */
  readonly system: string;
  readonly code: string;
  readonly name: string;
  /** the year of the 政府收支分类科目 edition */
  readonly edition: number;
  /** 1 类, 2 款, 3 项 (or a local sub-level) */
  readonly level?: number | null;
  readonly parentCode?: string | null;
  /** where the entry comes from (publication, file, URL) */
  readonly source?: string | null;
  readonly note?: string | null;
}

/**
 * Inserts or updates registry entries (keyed by system, code, edition) in one transaction; returns how many.
 * @example loadClassification(db, [{ system: "func", code: "2080505", name: "机关事业单位基本养老保险缴费支出", edition: 2025, level: 3, parentCode: "20805" }])
 */
export function loadClassification(db: BudgetDatabase, entries: Iterable<ClassificationEntry>): number {
  const upsert = db.prepare<[Record<string, string | number | null>]>(
    `INSERT INTO classification (system, code, edition, name, level, parent_code, source, note)
     VALUES (@system, @code, @edition, @name, @level, @parent_code, @source, @note)
     ON CONFLICT (system, code, edition) DO UPDATE SET name = excluded.name, level = excluded.level,
       parent_code = excluded.parent_code, source = excluded.source, note = excluded.note`,
  );
  const write = db.transaction((): number => {
    let n = 0;
    for (const e of entries) {
      if (!/^\d+$/.test(e.code)) throw new Error(`classification code must be digits: ${JSON.stringify(e.code)}`);
      upsert.run({
        system: e.system,
        code: e.code,
        edition: e.edition,
        name: e.name,
        level: e.level ?? null,
        parent_code: e.parentCode ?? null,
        source: e.source ?? null,
        note: e.note ?? null,
      });
      n++;
    }
    return n;
  });
  return write.immediate();
}
