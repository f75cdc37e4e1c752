import type { BudgetDocument, Finding } from "@yusuan/schema";
import { checkAcrossTables } from "./across-tables.js";
import { checkTable } from "./within-table.js";

/**
 * Checks a document against itself: sums within each table and the same money across tables.
 * @example const findings = checkDocument(budgetDocument); findings.filter((f) => f.severity === "error")
 */
export function checkDocument(doc: BudgetDocument): Finding[] {
  return [...doc.tables.flatMap(checkTable), ...checkAcrossTables(doc)];
}

export { checkTable, rowIdentities } from "./within-table.js";
export { checkAcrossTables } from "./across-tables.js";
