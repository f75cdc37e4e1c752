import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, extname, join } from "node:path";
import { parseDepartmentOverrides, withDepartmentOverride } from "@yusuan/normalize";
import type { DepartmentOverride } from "@yusuan/schema";
import { writeAtomically } from "./atomic-write.js";

/**
 * Where a database's department overrides live unless told otherwise: beside it, named after it, so every
 * ingest into that database re-applies them.
 * @example departmentOverridesPath("out/budget.sqlite") // "out/budget.departments.csv"
 */
export function departmentOverridesPath(database: string): string {
  return join(dirname(database), `${basename(database, extname(database))}.departments.csv`);
}

/**
 * The overrides of a file (see parseDepartmentOverrides for the format); none where the file does not exist.
 * @example readDepartmentOverrides("out/budget.departments.csv") // [{ document: "b.pdf", department: "普陀区司法局", source: "… line 2" }]
 */
export function readDepartmentOverrides(path: string): DepartmentOverride[] {
  return existsSync(path) ? parseDepartmentOverrides(readFileSync(path, "utf8"), basename(path)) : [];
}

/**
 * Adds one override to the file (creating it with its header; replacing an earlier line for the same document),
 * written whole or not at all.
 * @example addDepartmentOverride("out/budget.departments.csv", { document: "b.pdf", department: "普陀区司法局" })
 */
export function addDepartmentOverride(path: string, override: { document: string; department: string }): void {
  const text = existsSync(path) ? readFileSync(path, "utf8") : "";
  // read first: a file that is not an overrides file is refused, not overwritten
  if (text) parseDepartmentOverrides(text, basename(path));
  writeAtomically(path, (tmp) => writeFileSync(tmp, withDepartmentOverride(text, override)));
}
