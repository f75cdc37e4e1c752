import { existsSync } from "node:fs";
import {
  addDepartmentOverride,
  departmentOverridesPath,
  linkDepartments,
  openDatabase,
  readDepartmentOverrides,
  type BudgetDatabase,
  type DepartmentLinking,
} from "@yusuan/load";
import { UsageError } from "../exit-codes.js";
import { openForReading } from "../read-database.js";

export interface DepartmentsOptions {
  db: string;
  overrides?: string;
  link?: string;
  relink: boolean;
}

interface Row {
  department_id: number | null;
  department: string | null;
  region: string | null;
  kind: string | null;
  code: string | null;
  parent: string | null;
  names: string | null;
  document: string;
  fiscal_year: number | null;
  doc_kind: string | null;
  reason: string | null;
}

/**
 * `yusuan departments`: each department with its names and documents, and why each is linked. `--link DOC=NAME`
 * records a correction in the overrides file and links again; `--relink` links again after the file was edited.
 */
export async function departmentsCommand(options: DepartmentsOptions): Promise<void> {
  const overrides = options.overrides ?? departmentOverridesPath(options.db);
  if (options.overrides && !existsSync(options.overrides) && !options.link) throw new UsageError(`no overrides file at ${options.overrides}`);
  const correction = options.link ? parseLink(options.link) : null;
  if (!correction && !options.relink) {
    const db = openForReading(options.db);
    try {
      // a reading command runs no migration: a database from before departments existed says how to add them
      if (!db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'department_links'").get())
        throw new UsageError(`${options.db} was written by an older yusuan, before departments: yusuan departments --db ${options.db} --relink adds them`);
      print(db, overrides);
    } finally {
      db.close();
    }
    return;
  }
  if (!existsSync(options.db)) throw new UsageError(`no database at ${options.db} (yusuan ingest … --db ${options.db} writes one)`);
  const db = openDatabase(options.db);
  try {
    if (correction) {
      const known = db.prepare("SELECT 1 FROM documents WHERE file_name = ? AND status = 'loaded'").get(correction.document);
      if (!known) throw new UsageError(`no loaded document ${correction.document} in ${options.db} (give its file name, as yusuan departments lists it)`);
      addDepartmentOverride(overrides, correction);
    }
    const linking = linkDepartments(db, readDepartmentOverrides(overrides));
    print(db, overrides);
    warnUnmatched(linking);
  } finally {
    db.close();
  }
}

/** "b.pdf=上海市普陀区司法局" → the document and the department name. */
function parseLink(text: string): { document: string; department: string } {
  const at = text.indexOf("=");
  const [document, department] = [text.slice(0, at).trim(), text.slice(at + 1).trim()];
  if (at < 0 || !document || !department)
    throw new UsageError(`--link wants DOCUMENT=DEPARTMENT, e.g. --link sh_putuo_sfj_2026_bmys.pdf=上海市普陀区司法局 (got ${JSON.stringify(text)})`);
  return { document, department };
}

/**
 * Says which overrides name no loaded document (to stderr: the listing on stdout stays the listing).
 * @example warnUnmatched(linkDepartments(db, overrides))
 */
export function warnUnmatched(linking: DepartmentLinking): void {
  for (const o of linking.unmatchedOverrides) process.stderr.write(`yusuan: ${o.source}: no loaded document ${o.document}; the override is kept but changes nothing\n`);
}

function print(db: BudgetDatabase, overrides: string): void {
  const rows = db
    .prepare(
      `SELECT l.department_id, l.department, l.region, l.kind, p.code, parent.name AS parent,
         (SELECT group_concat(name, ' ｜ ') FROM (SELECT name FROM department_names WHERE department_id = l.department_id ORDER BY name)) AS names,
         l.document, l.fiscal_year, l.doc_kind, l.reason
       FROM department_links l LEFT JOIN departments p ON p.id = l.department_id LEFT JOIN departments parent ON parent.id = p.parent_id
       ORDER BY l.department_id IS NULL, l.region, l.department, l.department_id, l.fiscal_year, l.document`,
    )
    .all() as Row[];
  const out = process.stdout;
  let current: number | null | undefined;
  for (const r of rows) {
    if (r.department_id !== current) {
      current = r.department_id;
      if (r.department_id === null) out.write("\nlinked to no department\n");
      else {
        const about = [r.region, r.kind, r.code ? `code ${r.code}` : null, r.parent ? `under ${r.parent}` : null].filter(Boolean).join(", ");
        out.write(`\n${r.department} (${about})\n  names: ${r.names ?? ""}\n`);
      }
    }
    out.write(`  ${r.document}  ${r.fiscal_year ?? "?"} ${r.doc_kind ?? "?"}  ${r.reason ?? "not linked yet: run yusuan departments --relink"}\n`);
  }
  const linked = rows.filter((r) => r.department_id !== null);
  const departments = new Set(linked.map((r) => r.department_id)).size;
  out.write(
    `\n${departments} departments, ${linked.length} of ${rows.length} documents linked; overrides: ${existsSync(overrides) ? `${overrides} (${readDepartmentOverrides(overrides).length})` : `none (${overrides} does not exist)`}\n`,
  );
}
