import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { useSynchronousInflate } from "@yusuan/extract";
import { createClassifier } from "@yusuan/normalize";
import { processFile, type FileOutcome } from "./process-file.js";

useSynchronousInflate();

// One registry per worker thread, loaded on its first task.
let classifier: ReturnType<typeof createClassifier> | null = null;

// Without a full collection now and then V8 lets a worker's heap grow with every document read, and
// a run's memory would grow with its length. Collecting after every document costs 15% in time;
// collecting once a worker holds 128 MB keeps peak memory within about 10% from 40 to 200 documents.
setFlagsFromString("--expose-gc");
const collect = runInNewContext("gc") as () => void;
const COLLECT_ABOVE = 128 * 1024 * 1024;

/** The pool's task: one file in, one outcome out (structured-cloned back to the writer). */
export default async function run({ path }: { path: string }): Promise<FileOutcome> {
  classifier ??= createClassifier();
  try {
    return await processFile(path, classifier);
  } finally {
    if (process.memoryUsage().heapUsed > COLLECT_ABOVE) collect();
  }
}
