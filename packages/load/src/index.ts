export { openDatabase, migrate, schemaVersion, type BudgetDatabase, type OpenOptions } from "./database.js";
export { MIGRATIONS, type Migration } from "./migrations.js";
export { loadDocument, type LoadOptions, type LoadResult } from "./load-document.js";
export { recordFailure, type Failure } from "./record-failure.js";
export { documentStatus, type DocumentStatus } from "./document-status.js";
export { loadClassification, type ClassificationEntry } from "./load-classification.js";
export { EXPORTS, type ExportDefinition, type ExportField, type FieldType } from "./exports.js";
export { exportCsv, type ExportedFile, type ExportOptions } from "./export-csv.js";
export { exportXlsx } from "./export-xlsx.js";
