import { execFileSync } from "node:child_process";
import { resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { sampleDocs } from "@yusuan/testkit";
import { expect, it } from "vitest";

const built = pathToFileURL(resolve(fileURLToPath(import.meta.url), "../../dist/index.js")).href;
const sample = sampleDocs()[0]!;

it("leaves the thread V8's own Array.prototype.push once pdf.js has loaded and read a document", () => {
  // A fresh process, so the push seen first is V8's and nothing else has loaded pdf.js before.
  const script = `
    const own = Array.prototype.push;
    const { extractDocument } = await import(${JSON.stringify(built)});
    const { readFileSync } = await import("node:fs");
    const doc = await extractDocument(new Uint8Array(readFileSync(${JSON.stringify(sample.pdf)})), { fileName: "sample.pdf" });
    console.log(JSON.stringify({ pages: doc.pageCount, ownPush: Array.prototype.push === own }));`;
  const out = JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" })) as { pages: number; ownPush: boolean };
  expect(out).toEqual({ pages: sample.truth.page_count, ownPush: true });
});
