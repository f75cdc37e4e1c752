import type { BudgetDocument, BudgetTable, Finding } from "@yusuan/schema";
import type { RowIdentity } from "../measure-identities.js";
import { checkAcrossTables } from "./across-tables.js";
import { lowConfidenceAmounts } from "./ocr-confidence.js";
import { checkPerformanceBudgets } from "./performance.js";
import { checkTable } from "./within-table.js";

/**
 * Checks a document against itself: sums within each table and the same money across tables; and
 * points at the amounts OCR was unsure of.
 * `identitiesOf` gives a table's row identities as its printed header states them (normalization
 * knows the header); where it gives none they are inferred from the measure names.
 * @example const findings = checkDocument(budgetDocument); findings.filter((f) => f.severity === "error")
 */
export function checkDocument(doc: BudgetDocument, identitiesOf: (table: BudgetTable) => RowIdentity[] | undefined = () => undefined): Finding[] {
  return [...doc.tables.flatMap((t) => checkTable(t, identitiesOf(t))), ...checkAcrossTables(doc), ...checkPerformanceBudgets(doc), ...lowConfidenceAmounts(doc)];
}

export { checkTable, failedDownSums, rowIdentities } from "./within-table.js";
export { checkAcrossTables } from "./across-tables.js";
export { checkPerformanceBudgets } from "./performance.js";
