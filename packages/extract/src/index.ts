export { extractDocument, type ExtractOptions } from "./extract-document.js";
export { formatTable, formatTables } from "./format-tables.js";
export { useSynchronousInflate } from "./synchronous-inflate.js";
export { openPdf, uprightView, type Matrix, type OpenOptions, type RawTextItem, type UprightView } from "./pdf.js";
export { buildRuns, type Glyph, type Run } from "./text-runs.js";
export { groupLines, type Line } from "./lines.js";
export { collectingStrayRejections } from "./stray-rejections.js";
