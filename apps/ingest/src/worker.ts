import { setFlagsFromString } from "node:v8";
import type { MessagePort } from "node:worker_threads";
import { useSynchronousInflate } from "@yusuan/extract";
import { createClassifier } from "@yusuan/normalize";
import type { PageMessage } from "./pool.js";
import { processFile, type FileOutcome } from "./process-file.js";

useSynchronousInflate();

// One registry per worker thread, loaded on its first task.
let classifier: ReturnType<typeof createClassifier> | null = null;

// V8 lets a heap grow to up to four times what survived its last full collection before the next one,
// so a worker's heap grew with the length of a run and a large document took it to ~260 MB. Growing by
// half at most keeps a 2-job run's peak memory from growing with its length (520–590 MB in each fifth of a
// 500-document run). It replaces forcing a full collection after large documents: that held the N = 500
// peak a few percent lower but made 2 jobs ~18% slower, because every full collection drops the optimized
// code of closures that are no longer alive (pdf.js creates its own per call) and V8 compiles them again.
setFlagsFromString("--heap-growing-percent=50");

/** The pool's task: one file in, one outcome out (structured-cloned back to the writer); each page read is told on `pages`. */
export default async function run({ path, pages, ocr }: { path: string; pages: MessagePort; ocr: boolean }): Promise<FileOutcome> {
  classifier ??= createClassifier();
  const tell = (m: PageMessage): void => pages.postMessage(m);
  try {
    return await processFile(path, classifier, (page, pageCount) => tell({ page, pageCount }), { ocr, onOcrPage: (done, total) => tell({ ocr: done, total }) });
  } finally {
    pages.close();
  }
}
