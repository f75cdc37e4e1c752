import { readFileSync } from "node:fs";
import { ClassificationSystem } from "@yusuan/schema";
import { parseCsv } from "./csv.js";
import { RegistryRow, type RegistryEntry } from "./entry.js";
import { registryProblems } from "./integrity.js";
import { Registry } from "./registry.js";

/** data/classification/ of the repository, the same from src/ and dist/. */
export const registryDir = new URL("../../../data/classification/", import.meta.url);

const HEADER = ["code", "name", "system", "level", "parent_code", "valid_from", "valid_to", "source", "ref"];

/**
 * Reads and validates one system's CSV (`<dir>/<system>.csv`); throws naming the file and line.
 * @example readRegistryFile("econ_dept").length // 107
 */
export function readRegistryFile(system: ClassificationSystem, dir: URL = registryDir): RegistryEntry[] {
  const file = new URL(`${system}.csv`, dir);
  const [header, ...rows] = parseCsv(readFileSync(file, "utf8"));
  if (header?.join(",") !== HEADER.join(",")) throw new Error(`${file.pathname}: header must be ${HEADER.join(",")}`);
  return rows.map((fields, i) => {
    const parsed = RegistryRow.safeParse(Object.fromEntries(HEADER.map((h, j) => [h, fields[j] ?? ""])));
    if (!parsed.success) throw new Error(`${file.pathname}:${i + 2}: ${parsed.error.issues.map((x) => x.message).join("; ")}`);
    if (parsed.data.system !== system) throw new Error(`${file.pathname}:${i + 2}: row of system ${parsed.data.system}`);
    return parsed.data;
  });
}

/**
 * Builds a registry from the CSVs of a directory, refusing one that is structurally unsound.
 * @example const registry = readRegistry(new URL("file:///tmp/registry/"));
 */
export function readRegistry(dir: URL = registryDir): Registry {
  const entries = ClassificationSystem.options.flatMap((system) => readRegistryFile(system, dir));
  const problems = registryProblems(entries);
  if (problems.length > 0) throw new Error(`registry in ${dir.pathname} is unsound:\n${problems.join("\n")}`);
  return new Registry(entries);
}

let cached: Registry | null = null;

/**
 * The project's registry from data/classification, read once per process.
 * @example loadRegistry().lookup("func", "208", 2025)?.name // "社会保障和就业支出"
 */
export function loadRegistry(): Registry {
  cached ??= readRegistry();
  return cached;
}
