import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { openDatabase, schemaVersion, type BudgetDatabase } from "./database.js";
import { DatabaseError, databaseError } from "./database-errors.js";
import { departmentOverridesPath, readDepartmentOverrides } from "./department-overrides.js";
import { linkDepartments } from "./link-departments.js";
import { MIGRATIONS } from "./migrations.js";
import { indexForSearch } from "./search-index.js";
import { countUnlisted } from "./unlisted-codes.js";

/**
 * Tables that belong to no document. A reference table (the registry each ingest loads, with the unlisted
 * entries documents add to it) is unioned: merge adds the rows the target lacks, an entry the target holds
 * under the same key staying as it is. A table derived across documents is not copied but rebuilt from the
 * merged documents by the function that derives it in a single run. A column pointing into a derived table
 * (documents.department_id) is copied empty and set again by that rebuild.
 */
const SHARED_TABLES: Readonly<Record<string, { union?: true; rebuild?: (db: BudgetDatabase) => void }>> = {
  classification: { union: true, rebuild: countUnlisted },
  departments: { rebuild: relinkDepartments },
  department_names: { rebuild: relinkDepartments },
};

/** Departments linked again over the merged documents, with the overrides kept beside the merged database. */
function relinkDepartments(db: BudgetDatabase): void {
  linkDepartments(db, readDepartmentOverrides(departmentOverridesPath(db.name)));
}

/** The table every document-owned row leads to, through its foreign keys. */
const DOCUMENTS = "documents";

/** A table of rows owned by documents: its columns, and each foreign key column with the table it points into. */
interface OwnedTable {
  name: string;
  columns: string[];
  /** null where the primary key is the row's own (e.g. (document_id, page)): such rows are a set, unioned */
  rowid: string | null;
  parents: { column: string; table: string }[];
  /** columns pointing into a derived table: copied empty, set again by its rebuild */
  cleared: string[];
}

/** How merge carries every table of a database: document-owned tables parents first, then the shared ones. */
export interface MergePlan {
  owned: OwnedTable[];
  reference: { name: string; columns: string[] }[];
  derived: { name: string; rebuild: (db: BudgetDatabase) => void }[];
  /** what runs after each shard is merged, each function once */
  rebuilds: ((db: BudgetDatabase) => void)[];
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * How each table of the database's schema is merged, discovered from sqlite_master and its foreign keys: a
 * table whose foreign keys lead to `documents` is copied with its document, new surrogate ids throughout;
 * the shared tables are unioned or rebuilt. A table that is neither is refused, so a table added by a
 * later migration is never silently left out of a merge.
 * @example mergePlan(openDatabase(":memory:")).owned.map((t) => t.name) // ["documents", "pages", "units", …]
 */
export function mergePlan(db: BudgetDatabase): MergePlan {
  const tables = db
    .prepare("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  const columnsOf = (table: string) =>
    db.prepare<[string], { name: string; pk: number; type: string }>("SELECT name, pk, type FROM pragma_table_info(?) ORDER BY cid").all(table);
  const keysOf = (table: string) =>
    db.prepare<[string], { column: string; table: string }>('SELECT "from" AS column, "table" FROM pragma_foreign_key_list(?)').all(table);
  const parentsOf = (table: string) => keysOf(table).filter((k) => !(k.table in SHARED_TABLES));
  const clearedOf = (table: string) => keysOf(table).filter((k) => k.table in SHARED_TABLES).map((k) => k.column);
  const plan: MergePlan = { owned: [], reference: [], derived: [], rebuilds: [] };
  const unknown: string[] = [];
  const placed = new Set<string>();
  let pending = tables.filter((t) => !(t in SHARED_TABLES));
  // parents before children: a table is placed once every table its foreign keys point into is
  while (pending.length > 0) {
    const ready = pending.filter((t) => {
      const parents = parentsOf(t);
      return t === DOCUMENTS || (parents.length > 0 && parents.every((p) => placed.has(p.table)));
    });
    if (ready.length === 0) {
      unknown.push(...pending);
      break;
    }
    for (const name of ready) {
      const columns = columnsOf(name);
      const keys = columns.filter((c) => c.pk > 0);
      const rowid = keys.length === 1 && keys[0]!.type.toUpperCase() === "INTEGER" ? keys[0]!.name : null;
      plan.owned.push({ name, columns: columns.map((c) => c.name), rowid, parents: parentsOf(name), cleared: clearedOf(name) });
      placed.add(name);
    }
    pending = pending.filter((t) => !placed.has(t));
  }
  for (const name of tables.filter((t) => t in SHARED_TABLES)) {
    const how = SHARED_TABLES[name]!;
    if (how.union) plan.reference.push({ name, columns: columnsOf(name).filter((c) => c.pk === 0).map((c) => c.name) });
    else if (how.rebuild) plan.derived.push({ name, rebuild: how.rebuild });
  }
  // each rebuild once, after every table is in place (one function may derive several tables)
  plan.rebuilds = [...new Set(tables.flatMap((t) => SHARED_TABLES[t]?.rebuild ?? []))];
  if (unknown.length > 0)
    throw new DatabaseError(
      `cannot merge table ${unknown.join(", ")}: it belongs to no document (no foreign key leads to documents) and merge does not know how to combine it`,
    );
  return plan;
}

/** What a merge did. */
export interface MergeResult {
  /** documents copied into the target */
  added: number;
  /** documents the target held already (same content), kept once */
  alreadyPresent: number;
  /** documents whose loaded version replaced a failed one in the target */
  replaced: number;
}

/** A shard's document, how it is known across databases, and where it goes. */
interface ShardDocument {
  id: number;
  sha256: string | null;
  source_path: string;
  file_name: string;
  status: string;
}

/**
 * Combines databases written by separate `yusuan ingest` runs (shards of one collection) into `target`, created
 * if needed: every document with all its rows, under new ids (shard by shard, each one's documents by file name,
 * then path), and the shared tables unioned or rebuilt. A document is its content (sha256; by path for a file that could not be read): one
 * held by two databases is kept once with every name it was found under, a loaded version preferred to a failed
 * one. Merging again changes nothing. Databases of another schema version are refused before anything is written.
 * @example mergeDatabases("out/all.sqlite", ["out/shard-1.sqlite", "out/shard-2.sqlite"]) // { added: 7, alreadyPresent: 0, replaced: 0 }
 */
export function mergeDatabases(target: string, shards: readonly string[]): MergeResult {
  const version = MIGRATIONS.at(-1)?.version ?? 0;
  for (const shard of shards) {
    if (resolve(shard) === resolve(target)) throw new DatabaseError(`${shard} is the database being merged into; name another output`);
    if (!existsSync(shard)) throw new DatabaseError(`${shard} does not exist`);
    const db = openDatabase(shard, { readonly: true });
    try {
      const found = schemaVersion(db);
      if (found !== version)
        throw new DatabaseError(
          `${shard} has schema version ${found}, this yusuan writes version ${version}: ingest that shard again with this yusuan, or merge with the yusuan that wrote it`,
        );
    } finally {
      db.close();
    }
  }
  const db = openDatabase(target);
  try {
    return merge(db, shards);
  } catch (error) {
    throw databaseError(error, target);
  } finally {
    db.close();
  }
}

function merge(db: BudgetDatabase, shards: readonly string[]): MergeResult {
  const plan = mergePlan(db);
  const result: MergeResult = { added: 0, alreadyPresent: 0, replaced: 0 };
  const present = db.prepare<[string | null, string], { id: number; status: string }>(
    "SELECT id, status FROM documents WHERE sha256 IS ? AND (sha256 IS NOT NULL OR source_path = ?)",
  );
  const drop = db.prepare<[number]>("DELETE FROM documents WHERE id = ?");
  // One shard at a time, each in one transaction: SQLite attaches only a few databases at once, and a merge
  // stopped half-way leaves whole shards, which merging again completes.
  for (const shard of shards) {
    db.prepare("ATTACH DATABASE ? AS shard").run(shard);
    try {
      const copy = documentCopier(db, plan);
      const documents = db.prepare<[], ShardDocument>("SELECT id, sha256, source_path, file_name, status FROM shard.documents").all();
      documents.sort((a, b) => a.file_name.localeCompare(b.file_name) || a.source_path.localeCompare(b.source_path) || a.id - b.id);
      db.transaction(() => {
        copyReference(db, plan);
        for (const d of documents) {
          const held = present.get(d.sha256, d.source_path);
          if (held && (held.status === "loaded" || d.status !== "loaded")) {
            copy(d.id, held.id);
            result.alreadyPresent++;
            continue;
          }
          if (held) {
            drop.run(held.id);
            result.replaced++;
          } else result.added++;
          indexForSearch(db, copy(d.id, null));
        }
        for (const rebuild of plan.rebuilds) rebuild(db);
      }).immediate();
    } finally {
      db.prepare("DETACH DATABASE shard").run();
    }
  }
  return result;
}

/** Adds the rows of the shard's reference tables that the target lacks (compared on every column but the id). */
function copyReference(db: BudgetDatabase, plan: MergePlan): void {
  for (const { name, columns } of plan.reference) {
    const cols = columns.map(quote).join(", ");
    const same = columns.map((c) => `t.${quote(c)} IS s.${quote(c)}`).join(" AND ");
    db.exec(`INSERT OR IGNORE INTO main.${quote(name)} (${cols}) SELECT ${cols} FROM shard.${quote(name)} s
      WHERE NOT EXISTS (SELECT 1 FROM main.${quote(name)} t WHERE ${same}) ORDER BY s.rowid`);
  }
}

/**
 * Copies one document of the attached shard with every row owned by it, table by table parents first: each
 * row gets a new id (after the target's highest, in the shard's order) and its foreign keys its parents' new
 * ids, looked up in a temporary map per table that holds only this document's rows. With `heldAs`, the target
 * holds the document already: only rows keyed by their own content (its names, pages) are added to it, so a
 * second name of the same content is kept and nothing is repeated. Returns the document's id in the target.
 */
function documentCopier(db: BudgetDatabase, plan: MergePlan): (documentId: number, heldAs: number | null) => number {
  const map = (t: OwnedTable) => `temp.${quote(`map_${t.name}`)}`;
  for (const t of plan.owned) db.exec(`CREATE TEMP TABLE IF NOT EXISTS ${quote(`map_${t.name}`)} (old INTEGER PRIMARY KEY, new INTEGER NOT NULL)`);
  const [root, ...children] = plan.owned as [OwnedTable, ...OwnedTable[]];
  const nextIds = (t: OwnedTable, from: string) =>
    `INSERT INTO ${map(t)} (old, new) SELECT s.${quote(t.rowid!)}, coalesce((SELECT max(${quote(t.rowid!)}) FROM main.${quote(t.name)}), 0) + row_number() OVER (ORDER BY s.${quote(t.rowid!)}) ${from}`;
  /** the rows of `t` whose parents are in the maps, with their new ids and their parents' */
  const copyRows = (t: OwnedTable, from: string, union: boolean) => {
    const values = t.columns.map((c) => {
      if (c === t.rowid) return "m.new";
      if (t.cleared.includes(c)) return "NULL";
      const parent = t.parents.findIndex((p) => p.column === c);
      return parent >= 0 ? `p${parent}.new` : `s.${quote(c)}`;
    });
    const own = t.rowid ? ` JOIN ${map(t)} m ON m.old = s.${quote(t.rowid)}` : "";
    return db.prepare(`INSERT ${union ? "OR IGNORE " : ""}INTO main.${quote(t.name)} (${t.columns.map(quote).join(", ")}) SELECT ${values.join(", ")} ${from}${own}`);
  };
  const fromChild = (t: OwnedTable) =>
    `FROM shard.${quote(t.name)} s ${t.parents.map((p, i) => `JOIN temp.${quote(`map_${p.table}`)} p${i} ON p${i}.old = s.${quote(p.column)}`).join(" ")}`;
  const rootFrom = `FROM shard.${quote(root.name)} s WHERE s.${quote(root.rowid!)} = ?`;
  const mapRoot = db.prepare(nextIds(root, rootFrom));
  const holdRoot = db.prepare(`INSERT INTO ${map(root)} (old, new) VALUES (?, ?)`);
  const copyRoot = copyRows(root, `FROM shard.${quote(root.name)} s`, false);
  const steps = children.map((t) => ({
    mapIds: t.rowid ? db.prepare(nextIds(t, fromChild(t))) : null,
    copy: copyRows(t, fromChild(t), false),
    union: t.rowid ? null : copyRows(t, fromChild(t), true),
  }));
  const clear = plan.owned.map((t) => db.prepare(`DELETE FROM ${map(t)}`));
  const newId = db.prepare<[number], number>(`SELECT new FROM ${map(root)} WHERE old = ?`).pluck();
  return (documentId, heldAs) => {
    let id = heldAs;
    if (id === null) {
      mapRoot.run(documentId);
      copyRoot.run();
      for (const s of steps) {
        s.mapIds?.run();
        s.copy.run();
      }
      id = newId.get(documentId)!;
    } else {
      holdRoot.run(documentId, heldAs);
      for (const s of steps) s.union?.run();
    }
    for (const c of clear) c.run();
    return id;
  };
}
