/**
 * `Array.prototype.push` as V8 built it. pdf.js's legacy build brings core-js, which on Node 20 replaces
 * push for the whole thread with a JavaScript version (for a V8 bug that only matters when pushing
 * nothing onto a frozen array); that version cost about a tenth of an extraction. pdf.ts imports this
 * module before pdf.js, so the original is kept, and puts it back once pdf.js has loaded.
 */
export const nativePush = Array.prototype.push;
