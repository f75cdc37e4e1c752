import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot, samplePdfs } from "@yusuan/testkit";
import { describe, expect, it } from "vitest";

const probe = join(repoRoot, "apps/ingest/dist/bench-probe.js");

const pagesParsed = (...args: string[]) =>
  new Promise<number>((done, fail) =>
    execFile(process.execPath, [probe, ...args], { encoding: "utf8" }, (error, stdout) =>
      error ? fail(error) : done((JSON.parse(stdout) as { pages: number }).pages),
    ),
  );

describe("the bench's bare pdf.js processes sharing one batch", () => {
  it("parse every file exactly once between them, as one process parses them all", async () => {
    const files = samplePdfs();
    const claims = mkdtempSync(join(tmpdir(), "yusuan-claims-"));
    try {
      const shares = await Promise.all([0, 1, 2].map(() => pagesParsed("bare-shared", claims, ...files)));
      expect(shares.reduce((a, b) => a + b, 0)).toBe(await pagesParsed("bare", ...files));
      expect(readdirSync(claims).sort()).toEqual(files.map((_, at) => String(at)).sort());
    } finally {
      rmSync(claims, { recursive: true, force: true });
    }
  });
});
