import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, watch } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { samplePdfs } from "@yusuan/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli, yusuan } from "../test-support/run-cli.js";

const tmp = mkdtempSync(join(tmpdir(), "yusuan-review-cli-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("yusuan review", () => {
  const db = join(tmp, "final.sqlite");
  const out = join(tmp, "review");
  beforeAll(async () => {
    const pdf = samplePdfs().find((p) => p.includes("qinglan_sfj_2026_final"))!;
    expect((await yusuan("ingest", pdf, "--db", db, "--quiet")).code).toBe(0);
  });

  it("has --help with an example", async () => {
    const run = await yusuan("review", "--help");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Usage: yusuan review/);
    expect(run.stdout).toMatch(/yusuan review --db out\/budget\.sqlite --out out\/review/);
  });

  it("writes the report, says what it holds on stdout and leaves the database without -wal or -shm", async () => {
    const run = await yusuan("review", "--db", db, "--out", out, "--quiet");
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(run.stdout).toMatch(/^1 documents, 9 pages, \d+ cells \(\d+\.\d% of printed amounts extracted\), 0 findings → .*review\/index\.html\n$/);
    expect(readdirSync(out).sort()).toEqual(["d1.html", "img", "index.html", "review.css", "review.js"]);
    expect(existsSync(`${db}-wal`) || existsSync(`${db}-shm`)).toBe(false);
  });

  it("says what went wrong in plain words, starting yusuan:", async () => {
    const cases: [string[], RegExp][] = [
      [["review", "--db", join(tmp, "nowhere.sqlite"), "--out", join(tmp, "r")], /^yusuan: no database at .*nowhere\.sqlite/],
      [["review", "--db", db, "--out", db], /^yusuan: .*final\.sqlite is a file, not a folder/],
      [["review", "--db", db, "--out", tmp], /^yusuan: .* holds files that are not a yusuan review/],
      [["review", "--db", db], /--out/],
    ];
    for (const [args, message] of cases) {
      const run = await yusuan(...args);
      expect(run.code, args.join(" ")).toBe(1);
      expect(run.stderr, args.join(" ")).toMatch(message);
      expect(run.stderr).not.toMatch(/ENOENT|EEXIST|\n\s+at /);
    }
  });

  it("Ctrl-C while it draws leaves the earlier report as it was and nothing beside it", async () => {
    const before = readFileSync(join(out, "d1.html"));
    const child = spawn(process.execPath, [cli, "review", "--db", db, "--out", out, "--quiet"], { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    // interrupted (once) as soon as the new report's first page image is written into its temporary folder
    let interrupted = false;
    const watcher = watch(tmp, { recursive: true }, (_, name) => {
      if (name?.startsWith(".review.") && name.includes("img/") && !interrupted) interrupted = child.kill("SIGINT");
    });
    const code = await new Promise<number | null>((done) => child.on("exit", done)).finally(() => watcher.close());
    expect(code).toBe(130);
    expect(stderr).toMatch(/^yusuan: review interrupted \(SIGINT\)/m);
    expect(readdirSync(tmp).filter((f) => f.startsWith(".review."))).toEqual([]);
    expect(readFileSync(join(out, "d1.html")).equals(before)).toBe(true);
  });
});
