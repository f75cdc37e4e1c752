import { execFileSync } from "node:child_process";

/** Rows a CSV reader that is not ours (Python's csv module) gets back from a file. */
export function parseWithPython(path: string): string[][] {
  const script = "import csv, json, sys; print(json.dumps(list(csv.reader(open(sys.argv[1], encoding='utf-8-sig', newline='')))))";
  return JSON.parse(execFileSync("python3", ["-c", script, path], { encoding: "utf8", maxBuffer: 1 << 28 })) as string[][];
}
