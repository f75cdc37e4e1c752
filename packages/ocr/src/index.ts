export { readScannedPage, type Placement, type ScannedPage } from "./read-scanned-page.js";
export type { PageImage } from "./image.js";
