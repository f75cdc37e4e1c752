/**
 * An extraction process of the pool (pool.ts forks it): reads the files it is sent, one at a time, and sends
 * back each one's outcome. It tells the pool its resident memory with every message, and exits when the pool
 * lets go of it (or the pool itself is gone).
 */
import { useSynchronousInflate } from "@yusuan/extract";
import { createClassifier } from "@yusuan/normalize";
import type { ExtractionTask, ProcessMessage } from "./pool.js";
import { processFile } from "./process-file.js";

useSynchronousInflate();
const classifier = createClassifier();
// A heap let grow (see extractionFlags) keeps a large document's garbage into the next files: two processes
// that had each read large ones held 1,009 MB together on 500 documents. So after a file, a process holding
// more than twice what it held before its first one collects its garbage (867 MB, the same CPU). Collecting
// after every file costs ~40 % more CPU instead: V8 compiles pdf.js again after a forced full collection.
// Before a heavy file (large embedded fonts, see reading-order.ts) it collects too: such a file adds ~200 MB
// at once, on top of what the process held (a process that had read 40 others peaked at 433 MB instead of ~350).
const fresh = process.memoryUsage.rss();
const collectGarbage = (globalThis as { gc?: () => void }).gc;

const tell = (m: ProcessMessage): void => {
  // the channel is gone once the pool has let go of this process: nothing is waiting for the message
  if (process.connected) process.send!({ ...m, rss: process.memoryUsage.rss() });
};

// Ctrl-C reaches every process of the terminal's group; the pool's process decides what it means.
process.on("SIGINT", () => {});
process.on("disconnect", () => process.exit(0));
process.on("message", (task: ExtractionTask) => {
  if (task.heavy) collectGarbage?.();
  void processFile(task.path, classifier, (page, pageCount) => tell({ page, pageCount }), {
    ocr: task.ocr,
    onOcrPage: (done, total) => tell({ ocr: done, total }),
  }).then((outcome) => {
    if (process.memoryUsage.rss() > 2 * fresh) collectGarbage?.();
    tell({ outcome });
  });
});
tell({ ready: true });
