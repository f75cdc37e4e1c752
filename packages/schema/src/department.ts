import { z } from "zod";
import { BudgetUnit } from "./budget.js";
import { DocKind } from "./extracted.js";

/**
 * The same department across documents: what each document prints about who it is (the evidence), a user's
 * correction (an override), and the departments the documents are linked to, each link with its reason.
 */

/** What one loaded document prints about its department: the input of department matching. */
export const DepartmentEvidence = z.object({
  documentId: z.number().int(),
  fileName: z.string(),
  department: z.string().nullable(),
  region: z.string().nullable(),
  fiscalYear: z.number().int().nullable(),
  docKind: DocKind.nullable(),
  units: z.array(BudgetUnit),
});
export type DepartmentEvidence = z.infer<typeof DepartmentEvidence>;

/** A user's correction: put this document (by file name) in the department printed under this name, or a new one. */
export const DepartmentOverride = z.object({
  document: z.string().min(1),
  department: z.string().min(1),
  /** where the override was read, for the link's reason ("overrides.csv line 3") */
  source: z.string(),
});
export type DepartmentOverride = z.infer<typeof DepartmentOverride>;

/** One document's link to its department and the evidence for it, in words. */
export const DepartmentLink = z.object({ documentId: z.number().int(), reason: z.string() });
export type DepartmentLink = z.infer<typeof DepartmentLink>;

/** A department (部门) or budget unit (单位) with every name its documents printed and the documents linked to it. */
export const Department = z.object({
  /** stable identity across runs: the region and the name without it ("青岚县|司法局"), or "override|NAME" */
  key: z.string(),
  name: z.string(),
  region: z.string().nullable(),
  kind: z.enum(["部门", "单位"]),
  /** the unit code prefix its documents print (133 of 133001), where one is printed */
  code: z.string().nullable(),
  /** the key of the department that lists this unit among its own */
  parentKey: z.string().nullable(),
  names: z.array(z.string()),
  links: z.array(DepartmentLink),
});
export type Department = z.infer<typeof Department>;
