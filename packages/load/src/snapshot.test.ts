import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setImmediate } from "node:timers/promises";
import { corpusDocs, sharedMissing, truthDocument } from "@yusuan/testkit";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "./database.js";
import { loadDocument } from "./load-document.js";
import { inSnapshot } from "./snapshot.js";

const missing = sharedMissing();
const dir = mkdtempSync(join(tmpdir(), "yusuan-snap-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(missing)("inSnapshot", () => {
  it("keeps reading the same data while another connection loads a document", async () => {
    const path = join(dir, "budget.sqlite");
    const reader = openDatabase(path);
    const writer = openDatabase(path);
    const [first, second] = corpusDocs();
    loadDocument(writer, truthDocument(first!));
    const count = () => reader.prepare("SELECT count(*) FROM facts").pluck().get() as number;
    const seen = await inSnapshot(reader, async () => {
      const before = count();
      loadDocument(writer, truthDocument(second!));
      await setImmediate();
      return [before, count()];
    });
    expect(seen).toEqual([first!.facts.length, first!.facts.length]);
    expect(count()).toBe(first!.facts.length + second!.facts.length);
    expect(reader.inTransaction).toBe(false);
    reader.close();
    writer.close();
  });
});
