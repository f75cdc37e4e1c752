export { extractDocument, type ExtractOptions } from "./extract-document.js";
export { formatTable, formatTables } from "./format-tables.js";
export { useSynchronousInflate } from "./synchronous-inflate.js";
export { openPdf, uprightView, type Matrix, type OpenOptions, type RawTextItem, type UprightView } from "./pdf.js";
export { buildRuns, type Glyph, type Run } from "./text-runs.js";
export { groupLines, type Line } from "./lines.js";
export { collectingStrayRejections } from "./stray-rejections.js";
// embeddedFontBytes has an entry of its own, "@yusuan/extract/font-programs": a batch scans every file with it
// before reading any, in a process that has no use for pdf.js (66 MB once imported).
