import { z } from "zod";
import { ClassificationSystem } from "@yusuan/schema";

/** Codes of the registry: 3/5/7 digits for the 科目 systems, R01… for the income items (ours). */
const RegistryCode = z.string().regex(/^(\d{3}(\d{2}){0,2}|R\d{2})$/);
const Year = z
  .string()
  .regex(/^(\d{4})?$/)
  .transform((s) => (s === "" ? null : Number(s)));

/** One CSV row of data/classification/*.csv, validated and turned into a {@link RegistryEntry}. */
export const RegistryRow = z
  .object({
    code: RegistryCode,
    name: z.string().min(1).regex(/^\S+$/, "names carry no white space"),
    system: ClassificationSystem,
    level: z.enum(["1", "2", "3"]).transform(Number),
    parent_code: z.string().transform((s) => (s === "" ? null : s)),
    valid_from: Year,
    valid_to: Year,
    source: z.enum(["printed", "standard"]),
    ref: z.string().transform((s) => (s === "" ? null : s)),
  })
  .refine((r) => (r.source === "printed") === (r.ref !== null), "a printed row names its document, a standard one none")
  .refine((r) => r.valid_from === null || r.valid_to === null || r.valid_from <= r.valid_to, "valid_from after valid_to")
  .transform(
    (r): RegistryEntry =>
      Object.freeze({
        system: r.system,
        code: r.code,
        name: r.name,
        level: r.level as 1 | 2 | 3,
        parentCode: r.parent_code,
        validFrom: r.valid_from,
        validTo: r.valid_to,
        source: r.source,
        ref: r.ref,
      }),
  );

/**
 * One 科目 under one name for a span of editions (fiscal years, inclusive; null = unbounded).
 * `printed`: a real document we hold printed this code with this name (`ref` says where);
 * `standard`: from the published classification as known to us, not confirmed by a document.
 */
export interface RegistryEntry {
  readonly system: ClassificationSystem;
  readonly code: string;
  readonly name: string;
  readonly level: 1 | 2 | 3;
  readonly parentCode: string | null;
  readonly validFrom: number | null;
  readonly validTo: number | null;
  readonly source: "printed" | "standard";
  readonly ref: string | null;
}

/**
 * Whether an entry's name is the one valid in a fiscal year; a null year (not known) means the
 * newest edition, i.e. names still valid.
 * @example validIn({ validFrom: 2020, validTo: null, … }, 2019) // false
 */
export function validIn(entry: Pick<RegistryEntry, "validFrom" | "validTo">, year: number | null): boolean {
  if (year === null) return entry.validTo === null;
  return (entry.validFrom === null || entry.validFrom <= year) && (entry.validTo === null || year <= entry.validTo);
}
