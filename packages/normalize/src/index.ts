export { parseAmount, type ParsedAmount } from "./amount.js";
export { joinCodeParts, parseJoinedCode, splitCodedLabel } from "./codes.js";
export { describeColumns, type ColumnInfo, type ColumnRole } from "./columns.js";
export type { Classifier } from "./classifier.js";
export { labelKey, isTotalLabel } from "./labels.js";
export { tableKind, isEconomicTable, isTwoSided } from "./table-kind.js";
export { normalizeTableRows, type TableContext } from "./normalize-table.js";
export { normalizeDocument, type NormalizeOptions } from "./normalize-document.js";
