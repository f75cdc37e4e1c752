import type { CodeResolution } from "@yusuan/schema";
import type { RegistryEntry } from "./entry.js";
import type { Registry } from "./registry.js";
import { sameName } from "./names.js";

/** The systems whose rows print a numeric code (the income items of 表1/表2 print none). */
export type CodedSystem = "func" | "econ_dept" | "econ_gov";

/**
 * A {@link CodeResolution} plus whether the official name it compared against was confirmed by a
 * printed document (`true`), only known from the standard classification (`false`), or absent (`null`).
 */
export interface Resolution extends CodeResolution {
  nameConfirmed: boolean | null;
}

/**
 * Checks a printed code and its printed name together against the edition of the fiscal year.
 * matched: the name is the official one (up to white space, brackets, ordinals, harmless variants),
 * or it differs from a `standard` name we could not confirm (a misremembered name must never raise
 * an alarm; `nameConfirmed: false` says so). name_differs: it differs from a `printed` name.
 * inconsistent: the printed name is the official name of a sibling code (suggestedCode), judged only
 * when one of the two names is printed-confirmed. local_extension: a 7-digit economic sub-code under
 * an official 款. unknown_code: the registry does not know the code in that year.
 * @example resolveCode(loadRegistry(), "func", "2101101", "行政事业单位医疗", 2025).status // "name_differs"
 */
export function resolveCode(
  registry: Registry,
  system: CodedSystem,
  code: string,
  printedName: string,
  year: number | null,
): Resolution {
  const base = {
    system,
    code,
    printedName,
    classCode: code.slice(0, 3),
    kuanCode: code.length >= 5 ? code.slice(0, 5) : null,
    edition: year,
  };
  const entry = registry.lookup(system, code, year);
  const parentCode = code.length > 3 ? code.slice(0, -2) : null;
  const sibling = registry
    .children(system, parentCode, year)
    .find((e) => e.code !== code && sameName(printedName, e.name));

  if (entry === null) {
    const kuan = code.length === 7 && system !== "func" ? registry.lookup(system, code.slice(0, 5), year) : null;
    if (kuan !== null) return result(base, null, "local_extension", null);
    if (sibling) return result(base, null, "inconsistent", sibling);
    return result(base, null, "unknown_code", null);
  }
  if (sameName(printedName, entry.name)) return result(base, entry, "matched", null);
  if (sibling && (entry.source === "printed" || sibling.source === "printed"))
    return result(base, entry, "inconsistent", sibling);
  return result(base, entry, entry.source === "printed" ? "name_differs" : "matched", null);
}

function result(
  base: Pick<Resolution, "system" | "code" | "printedName" | "classCode" | "kuanCode" | "edition">,
  entry: RegistryEntry | null,
  status: Resolution["status"],
  suggested: RegistryEntry | null,
): Resolution {
  return {
    ...base,
    officialName: entry?.name ?? null,
    status,
    suggestedCode: suggested?.code ?? null,
    nameConfirmed: entry === null ? null : entry.source === "printed",
  };
}
