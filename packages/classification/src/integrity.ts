import { ClassificationSystem } from "@yusuan/schema";
import type { RegistryEntry } from "./entry.js";

const LEVEL_BY_LENGTH: Readonly<Record<number, number>> = { 3: 1, 5: 2, 7: 3 };

/**
 * Structural problems of a set of entries, as sentences (empty when sound): level agrees with code
 * length, parent is the code less two digits and exists in every year the child does, no two names
 * of one code overlap in time, editions and entries are sorted.
 * @example registryProblems(loadRegistry().entries()) // []
 */
export function registryProblems(entries: readonly RegistryEntry[]): string[] {
  const problems: string[] = [];
  const byCode = new Map<string, RegistryEntry[]>();
  for (const e of entries) {
    const key = `${e.system}:${e.code}`;
    byCode.set(key, [...(byCode.get(key) ?? []), e]);
  }
  for (const e of entries) {
    const where = `${e.system} ${e.code} ${e.name}`;
    if (e.system === "revenue") {
      if (e.level !== 1 || e.parentCode !== null) problems.push(`${where}: income items are flat`);
      continue;
    }
    if (LEVEL_BY_LENGTH[e.code.length] !== e.level) problems.push(`${where}: level ${e.level} for ${e.code.length} digits`);
    const expectedParent = e.code.length > 3 ? e.code.slice(0, -2) : null;
    if (e.parentCode !== expectedParent) problems.push(`${where}: parent ${e.parentCode} is not ${expectedParent}`);
    if (expectedParent === null) continue;
    const parents = byCode.get(`${e.system}:${expectedParent}`) ?? [];
    if (!covers(parents, e)) problems.push(`${where}: parent ${expectedParent} missing in part of ${span(e)}`);
  }
  for (const [key, list] of byCode) {
    for (let i = 1; i < list.length; i++) {
      const prev = list[i - 1]!;
      const cur = list[i]!;
      if (prev.validTo === null || cur.validFrom === null || prev.validTo >= cur.validFrom)
        problems.push(`${key}: editions ${span(prev)} and ${span(cur)} overlap or are out of order`);
    }
  }
  for (let i = 1; i < entries.length; i++) {
    if (order(entries[i - 1]!, entries[i]!) >= 0) problems.push(`entries not sorted at ${entries[i]!.system} ${entries[i]!.code}`);
  }
  return problems;
}

/** Sort order of the registry files: system, code, then edition. */
function order(a: RegistryEntry, b: RegistryEntry): number {
  const systems = ClassificationSystem.options;
  return (
    systems.indexOf(a.system) - systems.indexOf(b.system) ||
    (a.code < b.code ? -1 : a.code > b.code ? 1 : 0) ||
    (a.validFrom ?? -Infinity) - (b.validFrom ?? -Infinity)
  );
}

function span(e: RegistryEntry): string {
  return `${e.validFrom ?? "…"}–${e.validTo ?? "…"}`;
}

/** Whether the union of the parent's editions covers the child's span (editions are contiguous). */
function covers(parents: readonly RegistryEntry[], child: RegistryEntry): boolean {
  if (parents.length === 0) return false;
  const from = parents[0]!.validFrom;
  const to = parents[parents.length - 1]!.validTo;
  const startsOk = from === null || (child.validFrom !== null && child.validFrom >= from);
  const endsOk = to === null || (child.validTo !== null && child.validTo <= to);
  const contiguous = parents.every((p, i) => i === 0 || parents[i - 1]!.validTo! + 1 === p.validFrom);
  return startsOk && endsOk && contiguous;
}
