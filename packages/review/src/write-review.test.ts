import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase, recordFailure, type BudgetDatabase } from "@yusuan/load";
import { samplePdfs } from "@yusuan/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingest } from "./samples.fixture.js";
import { writeReview } from "./write-review.js";

const dir = mkdtempSync(join(tmpdir(), "yusuan-review-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const sample = (name: string) => samplePdfs().find((p) => p.includes(name))!;

/** Every file of a folder with its bytes, by relative path. */
function filesOf(root: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (rel: string): void => {
    for (const e of readdirSync(join(root, rel), { withFileTypes: true })) {
      const path = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(path);
      else files.set(path, readFileSync(join(root, path)));
    }
  };
  walk("");
  return files;
}

describe("a report of one document whose PDF is present", () => {
  let db: BudgetDatabase;
  beforeAll(async () => {
    db = await ingest(join(dir, "final.sqlite"), [sample("qinglan_sfj_2026_final")]);
  });
  afterAll(() => db?.close());

  it("is the same, byte for byte, when written twice, and replaces the report written before it", async () => {
    const out = join(dir, "twice");
    const first = await writeReview(db, out);
    const before = filesOf(out);
    writeFileSync(join(out, "stale.html"), "from an older report");
    const second = await writeReview(db, out);
    expect(second).toEqual(first);
    expect(filesOf(out)).toEqual(before);
    expect(first).toMatchObject({ documents: 1, pages: 9, notDrawn: 0 });
    expect(before.has("index.html") && before.has("d1.html") && before.has("img/1-1.webp")).toBe(true);
    // nothing left beside it: the temporary folder was put in its place
    expect(readdirSync(dir).filter((f) => f.startsWith(".twice"))).toEqual([]);
  });

  it("refuses a folder holding other files, and a file, and leaves them as they were", async () => {
    const busy = join(dir, "busy");
    mkdirSync(busy);
    writeFileSync(join(busy, "notes.txt"), "mine");
    await expect(writeReview(db, busy)).rejects.toThrow(`${busy} holds files that are not a yusuan review`);
    expect(readdirSync(busy)).toEqual(["notes.txt"]);
    const file = join(dir, "file.html");
    writeFileSync(file, "mine");
    await expect(writeReview(db, file)).rejects.toThrow("is a file, not a folder");
    expect(readFileSync(file, "utf8")).toBe("mine");
  });
});

describe("a report of a document whose PDF is gone or changed", () => {
  let db: BudgetDatabase;
  const moved = join(dir, "moved.pdf");
  beforeAll(async () => {
    copyFileSync(sample("qinglan_sfj_2026_final"), moved);
    db = await ingest(join(dir, "moved.sqlite"), [moved]);
  });
  afterAll(() => db?.close());

  const cellsInDb = () => db.prepare("SELECT count(*) FROM amounts").pluck().get() as number;

  it("says the PDF is missing, and still draws every cell with its digits on blank pages of the right size", async () => {
    rmSync(moved);
    const out = join(dir, "missing");
    const summary = await writeReview(db, out);
    expect(summary).toMatchObject({ documents: 1, pages: 9, notDrawn: 1, coverage: { printed: 0, extracted: 0 } });
    const page = readFileSync(join(out, "d1.html"), "utf8");
    expect(page).toContain(`the PDF is missing (looked for ${moved})`);
    expect(page.match(/<rect id="c\d+" class="cell"/g)).toHaveLength(cellsInDb());
    expect(page.match(/<section class="page"/g)).toHaveLength(9);
    expect(page).not.toContain("<img");
    expect(existsSync(join(out, "img"))).toBe(true);
    expect(readdirSync(join(out, "img"))).toEqual([]);
    expect(readFileSync(join(out, "index.html"), "utf8")).toContain("the PDF is missing");
  });

  it("will not draw another file found at its path: it says the PDF has changed", async () => {
    copyFileSync(sample("qinglan_sfj_2026_sample"), moved);
    const out = join(dir, "changed");
    await writeReview(db, out);
    expect(readFileSync(join(out, "d1.html"), "utf8")).toContain(`the PDF at ${moved} has changed since it was read`);
  });
});

describe("a report of a batch with a document that failed", () => {
  it("lists it with its status and reason, and its page says why nothing is shown", async () => {
    const db = openDatabase(join(dir, "failed.sqlite"));
    try {
      recordFailure(db, { fileName: "broken.pdf", sha256: "0".repeat(64), status: "failed", error: "corrupt or truncated PDF: Invalid PDF structure." });
      const out = join(dir, "failed");
      expect(await writeReview(db, out)).toMatchObject({ documents: 1, pages: 0, cells: 0, findings: 0, notDrawn: 1 });
      const index = readFileSync(join(out, "index.html"), "utf8");
      expect(index).toMatch(/<td class="status failed" title="corrupt or truncated PDF: Invalid PDF structure\.">failed<\/td>/);
      const page = readFileSync(join(out, "d1.html"), "utf8");
      expect(page).toContain("failed: corrupt or truncated PDF: Invalid PDF structure.");
      expect(page).toContain("the PDF is missing (looked for broken.pdf): the pages are not shown.");
    } finally {
      db.close();
    }
  });
});
