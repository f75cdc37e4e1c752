import { sameName } from "@yusuan/classification";
import type { BudgetDocument, CodeResolution, Finding, LineItem } from "@yusuan/schema";
import type { BudgetDatabase } from "./database.js";

/**
 * The kind (classification.source) of a registry entry made from documents: a code the official list we hold
 * lacks, printed with a name by documents in this database. Every later document printing the code resolves
 * to it instead of being told the code is unknown.
 */
export const UNLISTED = "unlisted";

/** A registry entry of kind {@link UNLISTED}: the name the first document printed; `note` says how many print it. */
export interface UnlistedEntry {
  readonly system: string;
  readonly code: string;
  readonly name: string;
  readonly note?: string | null;
}

/** A code a document prints that the official list lacks, with the name and place it prints it under. */
export interface NewUnlisted extends UnlistedEntry {
  readonly page: number;
}

const key = (system: string, code: string) => `${system}\u0000${code}`;

/**
 * A document's codes resolved against the unlisted entries of the database: a code unknown to the official list
 * (or a 7-digit local sub-code, which stays `local_extension`) whose entry exists is `unlisted` under that entry's name (a different printed name stays a `name_differs`
 * finding: documents disagree); one printed with a name and no entry yet makes a new entry. Its `unknown_code`
 * findings give way to both. Pure: the caller reads the entries and writes what comes back.
 * @example withUnlistedCodes(doc, new Map()).created // [{ system: "func", code: "2130505", name: "生产发展", page: 12 }]
 */
export function withUnlistedCodes(doc: BudgetDocument, entries: ReadonlyMap<string, UnlistedEntry>): { doc: BudgetDocument; created: NewUnlisted[] } {
  const created = new Map<string, NewUnlisted>();
  const resolved = new Set<string>();
  const conflicts: Finding[] = [];
  const resolve = (r: CodeResolution | null | undefined, row: LineItem, tableNo: string | null): CodeResolution | null => {
    if (!r || (r.status !== "unknown_code" && r.status !== "local_extension") || doc.fiscalYear === null) return r ?? null;
    // a local sub-code (3010201 under 30102) stays one, with the name documents print for it
    const status = r.status === "local_extension" ? r.status : "unlisted";
    const k = key(r.system, r.code);
    const entry = entries.get(k) ?? created.get(k);
    if (!entry) {
      if (r.printedName === "") return r;
      created.set(k, { system: r.system, code: r.code, name: r.printedName, page: row.page });
      resolved.add(r.code);
      return { ...r, status, officialName: r.printedName };
    }
    resolved.add(r.code);
    if (r.printedName !== "" && !sameName(r.printedName, entry.name))
      conflicts.push({
        code: "name_differs",
        severity: "info",
        message: `${r.code} is printed as ${r.printedName}; other documents print it as ${entry.name} (not in the official list we hold)`,
        tableNo,
        page: row.page,
        expected: entry.name,
        actual: r.printedName,
      });
    return { ...r, status, officialName: entry.name };
  };
  const tables = doc.tables.map((t) => ({
    ...t,
    rows: t.rows.map((row) => ({ ...row, func: resolve(row.func, row, t.tableNo), econ: resolve(row.econ, row, t.tableNo), econGov: resolve(row.econGov, row, t.tableNo) })),
  }));
  // normalize's unknown_code finding reads "CODE NAME is not in …"
  const replaced = (f: Finding) => f.code === "unknown_code" && resolved.has(f.message.split(" ")[0] ?? "");
  const findings = [...doc.findings.filter((f) => !replaced(f)), ...conflicts];
  return { doc: { ...doc, tables, findings }, created: [...created.values()] };
}

/**
 * The unlisted entries of a database, by system and code.
 * @example unlistedEntries(db).get("func\u00002130505")?.name // "生产发展"
 */
export function unlistedEntries(db: BudgetDatabase): Map<string, UnlistedEntry> {
  const rows = db
    .prepare<[string], UnlistedEntry>("SELECT system, code, name, note FROM classification WHERE source = ? ORDER BY valid_from, id")
    .all(UNLISTED);
  const out = new Map<string, UnlistedEntry>();
  for (const r of rows) if (!out.has(key(r.system, r.code))) out.set(key(r.system, r.code), r);
  return out;
}

/**
 * Writes the entries a document made, first printed in its fiscal year, and says of every unlisted entry in how
 * many loaded documents it is printed (codes_seen with status unlisted).
 * @example recordUnlisted(db, created, "a.pdf", 2025)
 */
export function recordUnlisted(db: BudgetDatabase, created: readonly NewUnlisted[], fileName: string, year: number): void {
  const insert = db.prepare<[Record<string, string | number | null>]>(
    `INSERT INTO classification (system, code, name, level, parent_code, valid_from, valid_to, source, ref, note)
     VALUES (@system, @code, @name, @level, @parent_code, @valid_from, NULL, @source, @ref, NULL)
     ON CONFLICT (system, code, coalesce(valid_from, 0)) DO NOTHING`,
  );
  for (const e of created)
    insert.run({
      system: e.system,
      code: e.code,
      name: e.name,
      level: e.code.length === 3 ? 1 : e.code.length === 5 ? 2 : 3,
      parent_code: e.code.length > 3 ? e.code.slice(0, -2) : null,
      valid_from: year,
      source: UNLISTED,
      ref: `${fileName} p.${e.page}`,
    });
  countUnlisted(db);
}

/**
 * Says of every unlisted entry in how many loaded documents it is printed (codes_seen with status unlisted):
 * after a document is loaded, and after databases are merged.
 * @example countUnlisted(db) // classification.note: "printed in 2 document(s), not in the official list we hold"
 */
export function countUnlisted(db: BudgetDatabase): void {
  db.prepare(
    `UPDATE classification SET note = 'printed in ' || (
       SELECT count(DISTINCT s.document_id) FROM codes_seen s JOIN documents d ON d.id = s.document_id
       WHERE d.status = 'loaded' AND s.system = classification.system AND s.code = classification.code AND s.status IN ('unlisted', 'local_extension')
     ) || ' document(s), not in the official list we hold'
     WHERE source = ?`,
  ).run(UNLISTED);
}
