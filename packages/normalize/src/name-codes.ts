import type { Code } from "@yusuan/schema";
import type { Classifier } from "./classifier.js";
import { isTotalLabel } from "./labels.js";

/**
 * Codes for templates that print names only and nest 类/款/项 by indentation: each label gets the one
 * code its name has directly under the 款 or 类 read above it, or as a 类; a name that fits none or
 * several of these gets no code, and leaves the rows above as they were.
 * @example const codeOf = nameCoder(classifier, "func", 2026); codeOf("气象事务") // null until a 类 is read
 */
export function nameCoder(classifier: Classifier, system: "func" | "econ_dept", year: number | null): (label: string) => Code | null {
  let cls: Code | null = null;
  let kuan: Code | null = null;
  return (label) => {
    const found = new Set<Code>();
    const add = (code: Code | null) => code && found.add(code);
    if (kuan) add(classifier.childCodeByName(system, kuan, label, year));
    if (cls) add(classifier.childCodeByName(system, cls, label, year));
    add(classifier.childCodeByName(system, null, label, year));
    if (found.size === 0 && system === "func") add(classifier.classCodeByName(label, year));
    if (found.size !== 1) return null;
    const code = [...found][0]!;
    if (code.length === 3) [cls, kuan] = [code, null];
    else if (code.length === 5) kuan = code;
    return code;
  };
}

/**
 * Where a row the registry does not know sits among coded rows under a coded parent (a 项 of a later
 * edition), the parent's coded children are not all its children: they keep no code, so that no
 * parent is read as the sum of only some of its parts.
 */
export function withoutPartialSiblings(labels: readonly string[], codes: readonly (Code | null)[]): (Code | null)[] {
  const out = [...codes];
  let parent: number | null = null;
  const children = new Map<number, number[]>();
  const orphans = new Set<number>();
  labels.forEach((label, i) => {
    const code = codes[i];
    if (isTotalLabel(label)) parent = null;
    else if (code) {
      const p = [...children.keys()].reverse().find((j) => code.startsWith(codes[j]!) && code.length > codes[j]!.length);
      if (p !== undefined) children.get(p)!.push(i);
      children.set(i, []);
      parent = code.length < 7 ? i : (p ?? null);
    } else if (parent !== null && label) orphans.add(parent);
  });
  for (const p of orphans) for (const c of children.get(p) ?? []) if (codes[c]!.length === 7) out[c] = null;
  return out;
}
