export { extractDocument, type ExtractOptions } from "./extract-document.js";
export { formatTable, formatTables } from "./format-tables.js";
export { useSynchronousInflate } from "./synchronous-inflate.js";
