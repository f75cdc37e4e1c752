export { loadRegistry, readRegistry, registryDir } from "./load-registry.js";
export { Registry } from "./registry.js";
export { RegistryRow, validIn, type RegistryEntry } from "./entry.js";
export { normalizeName, sameName } from "./names.js";
export { classCodeByName } from "./class-code.js";
export { resolveCode, type CodedSystem, type Resolution } from "./resolve-code.js";
export { registryProblems } from "./integrity.js";
export { parseCsv } from "./csv.js";
