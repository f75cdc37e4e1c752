import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { plainMessage } from "./plain-errors.js";

const dir = mkdtempSync(join(tmpdir(), "yusuan-errors-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The error a file system call really throws. */
const thrown = (call: () => unknown) => {
  try {
    call();
  } catch (error) {
    return error;
  }
  throw new Error("did not throw");
};

describe("plainMessage", () => {
  it("names the file and says why in words, never the error code", () => {
    const missing = join(dir, "missing.pdf");
    expect(plainMessage(thrown(() => readFileSync(missing)))).toBe(`${missing} does not exist`);
    mkdirSync(join(dir, "folder"));
    expect(plainMessage(thrown(() => mkdirSync(join(dir, "folder"))))).toBe(`${join(dir, "folder")} already exists`);
    writeFileSync(join(dir, "file"), "");
    expect(plainMessage(thrown(() => writeFileSync(join(dir, "file", "x.csv"), "")))).toBe(`${join(dir, "file", "x.csv")} has a file where a folder should be`);
    expect(plainMessage(thrown(() => readFileSync(join(dir, "folder"))))).toMatch(/is a folder, not a file$/);
  });

  it("keeps a message of ours as it is", () => {
    expect(plainMessage(new Error("no table numbered 9 in a.pdf"))).toBe("no table numbered 9 in a.pdf");
  });
});
