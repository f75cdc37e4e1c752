import { createClassifier } from "@yusuan/normalize";
import { processFile, type FileOutcome } from "./process-file.js";

// One registry per worker thread, loaded on its first task.
let classifier: ReturnType<typeof createClassifier> | null = null;

/** The pool's task: one file in, one outcome out (structured-cloned back to the writer). */
export default async function run({ path }: { path: string }): Promise<FileOutcome> {
  classifier ??= createClassifier();
  return processFile(path, classifier);
}
