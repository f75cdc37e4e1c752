export { writeReview, type ReviewOptions, type ReviewSummary } from "./write-review.js";
export { drawPages, type DrawnPage, type DrawOptions } from "./draw-pages.js";
export { printedAmounts, type PrintedAmount, type ShownCell } from "./printed-amounts.js";
export { cellsOfFinding } from "./locate-finding.js";
export { documentHtml, indexHtml, type Coverage, type DocumentView, type LocatedFinding, type PageView, type ShownDocument } from "./pages-html.js";
export { inspectionHtml } from "./inspection.js";
