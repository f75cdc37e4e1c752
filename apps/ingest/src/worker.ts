import { setFlagsFromString } from "node:v8";
import { useSynchronousInflate } from "@yusuan/extract";
import { createClassifier } from "@yusuan/normalize";
import { processFile, type FileOutcome } from "./process-file.js";

useSynchronousInflate();

// One registry per worker thread, loaded on its first task.
let classifier: ReturnType<typeof createClassifier> | null = null;

// V8 lets a heap grow to up to four times what survived its last full collection before the next one,
// so a worker's heap grew with the length of a run and a large document took it to ~260 MB. Growing by
// half at most keeps a 2-job run's peak memory flat in N (~580 MB at 50 documents, ~630 MB at 150 and 500).
// It replaces forcing a full collection after large documents, which kept memory no flatter and cost
// ~20% more compile time: every full collection drops the optimized code of closures that are no longer
// alive (pdf.js creates its own per call), and V8 compiles them again on the next document.
setFlagsFromString("--heap-growing-percent=50");

/** The pool's task: one file in, one outcome out (structured-cloned back to the writer). */
export default async function run({ path }: { path: string }): Promise<FileOutcome> {
  classifier ??= createClassifier();
  return processFile(path, classifier);
}
