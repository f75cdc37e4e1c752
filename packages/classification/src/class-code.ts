import type { Registry } from "./registry.js";
import { sameName } from "./names.js";

/**
 * The 3-digit 类 code of a 支出功能分类 类 name as printed in 表1/表2, where expense rows print no
 * code: first among the names valid in the fiscal year, then among every edition's names (a document
 * printing last year's name), else null.
 * @example classCodeByName(loadRegistry(), "七、文化旅游体育与传媒支出", 2025) // "207"
 */
export function classCodeByName(registry: Registry, name: string, year: number | null): string | null {
  const current = registry.codeByName("func", name, year, 1);
  if (current !== null) return current;
  const anyEdition = new Set(
    registry
      .entries()
      .filter((e) => e.system === "func" && e.level === 1 && sameName(name, e.name))
      .map((e) => e.code),
  );
  return anyEdition.size === 1 ? [...anyEdition][0]! : null;
}
