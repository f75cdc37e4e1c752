import type { BudgetDatabase } from "./database.js";

/**
 * One code of a classification system under one name, for a span of editions; plain data, so a
 * registry entry of @yusuan/classification fits as it is.
 */
export interface ClassificationEntry {
  /** "func", "econ_dept", "econ_gov", "revenue", … */
  readonly system: string;
  readonly code: string;
  readonly name: string;
  /** 1 类, 2 款, 3 项 */
  readonly level?: number | null;
  readonly parentCode?: string | null;
  /** first and last edition (fiscal year) this name is valid for; null = unbounded */
  readonly validFrom?: number | null;
  readonly validTo?: number | null;
  /** how the entry is known, e.g. "standard" or "printed" */
  readonly source?: string | null;
  /** where: a publication, file or URL */
  readonly ref?: string | null;
  readonly note?: string | null;
}

/**
 * Inserts or updates registry entries, keyed by (system, code, validFrom), in one transaction; returns how many.
 * @example loadClassification(db, [{ system: "func", code: "2080505", name: "机关事业单位基本养老保险缴费支出", level: 3, parentCode: "20805" }])
 */
export function loadClassification(db: BudgetDatabase, entries: Iterable<ClassificationEntry>): number {
  const upsert = db.prepare<[Record<string, string | number | null>]>(
    `INSERT INTO classification (system, code, name, level, parent_code, valid_from, valid_to, source, ref, note)
     VALUES (@system, @code, @name, @level, @parent_code, @valid_from, @valid_to, @source, @ref, @note)
     ON CONFLICT (system, code, coalesce(valid_from, 0)) DO UPDATE SET name = excluded.name, level = excluded.level,
       parent_code = excluded.parent_code, valid_to = excluded.valid_to, source = excluded.source,
       ref = excluded.ref, note = excluded.note`,
  );
  const write = db.transaction((): number => {
    let n = 0;
    for (const e of entries) {
      if (!e.system || !e.code || !e.name) throw new Error(`classification entry needs system, code and name: ${JSON.stringify(e)}`);
      upsert.run({
        system: e.system,
        code: e.code,
        name: e.name,
        level: e.level ?? null,
        parent_code: e.parentCode ?? null,
        valid_from: e.validFrom ?? null,
        valid_to: e.validTo ?? null,
        source: e.source ?? null,
        ref: e.ref ?? null,
        note: e.note ?? null,
      });
      n++;
    }
    return n;
  });
  return write.immediate();
}
