import { matchDepartments } from "@yusuan/normalize";
import type { DepartmentEvidence, DepartmentOverride, DocKind } from "@yusuan/schema";
import type { BudgetDatabase } from "./database.js";

export interface DepartmentLinking {
  /** departments with at least one document */
  readonly departments: number;
  /** loaded documents linked to a department */
  readonly linked: number;
  /** loaded documents linked to none (no department name printed) */
  readonly unlinked: number;
  /** overrides naming a document that is not loaded: nothing was changed for them */
  readonly unmatchedOverrides: readonly DepartmentOverride[];
}

/**
 * Recomputes every document's department from what the loaded documents print, then applies the overrides;
 * one transaction. Department ids stay the same for the same region and name from one run to the next, and
 * departments left without documents are removed. Run after every ingest and after merging databases.
 * @example linkDepartments(db, parseDepartmentOverrides(readFileSync("fix.csv", "utf8"), "fix.csv")) // { departments: 5, linked: 7, … }
 */
export function linkDepartments(db: BudgetDatabase, overrides: readonly DepartmentOverride[] = []): DepartmentLinking {
  const evidence = readEvidence(db);
  const match = matchDepartments(evidence, overrides);
  const upsert = db.prepare(
    `INSERT INTO departments (key, name, region, kind, code) VALUES (@key, @name, @region, @kind, @code)
     ON CONFLICT (key) DO UPDATE SET name = excluded.name, region = excluded.region, kind = excluded.kind, code = excluded.code, parent_id = NULL
     RETURNING id`,
  );
  const setParent = db.prepare("UPDATE departments SET parent_id = ? WHERE id = ?");
  const addName = db.prepare("INSERT OR IGNORE INTO department_names (department_id, name) VALUES (?, ?)");
  const link = db.prepare("UPDATE documents SET department_id = ?, department_link = ? WHERE id = ?");
  db.transaction(() => {
    db.prepare("UPDATE documents SET department_id = NULL, department_link = NULL").run();
    db.prepare("DELETE FROM department_names").run();
    const ids = new Map<string, number>();
    for (const d of match.departments) {
      const id = (upsert.get({ key: d.key, name: d.name, region: d.region, kind: d.kind, code: d.code }) as { id: number }).id;
      ids.set(d.key, id);
      for (const name of d.names) addName.run(id, name);
      for (const l of d.links) link.run(id, l.reason, l.documentId);
    }
    for (const d of match.departments) if (d.parentKey && ids.has(d.parentKey)) setParent.run(ids.get(d.parentKey), ids.get(d.key));
    for (const l of match.unlinked) link.run(null, l.reason, l.documentId);
    db.prepare("DELETE FROM departments WHERE id NOT IN (SELECT department_id FROM documents WHERE department_id IS NOT NULL)").run();
  }).immediate();
  return {
    departments: match.departments.length,
    linked: match.departments.reduce((n, d) => n + d.links.length, 0),
    unlinked: match.unlinked.length,
    unmatchedOverrides: match.unmatchedOverrides,
  };
}

/** What each loaded document prints about its department: name, region, year, kind and its list of units. */
function readEvidence(db: BudgetDatabase): DepartmentEvidence[] {
  const documents = db
    .prepare("SELECT id, file_name, department, region, fiscal_year, doc_kind FROM documents WHERE status = 'loaded' ORDER BY id")
    .all() as { id: number; file_name: string; department: string | null; region: string | null; fiscal_year: number | null; doc_kind: DocKind | null }[];
  const units = db.prepare("SELECT unit_code AS code, unit_name AS name FROM units WHERE document_id = ? ORDER BY ordinal");
  return documents.map((d) => ({
    documentId: d.id,
    fileName: d.file_name,
    department: d.department,
    region: d.region,
    fiscalYear: d.fiscal_year,
    docKind: d.doc_kind,
    units: units.all(d.id) as { code: string | null; name: string }[],
  }));
}
