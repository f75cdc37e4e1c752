import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { loadRegistry, readRegistry, registryDir } from "./load-registry.js";

/** A copy of data/classification whose func.csv gets `edit` applied. */
function copyWith(edit: (funcCsv: string) => string): URL {
  const dir = mkdtempSync(join(tmpdir(), "registry-"));
  cpSync(registryDir, dir, { recursive: true });
  const func = join(dir, "func.csv");
  writeFileSync(func, edit(readFileSync(func, "utf8")));
  dirs.push(dir);
  return pathToFileURL(`${dir}/`);
}
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true })));

describe("loadRegistry", () => {
  it("reads every system once and returns the same registry after", () => {
    const registry = loadRegistry();
    expect(loadRegistry()).toBe(registry);
    const systems = new Set(registry.entries().map((e) => e.system));
    expect([...systems]).toEqual(["func", "econ_dept", "econ_gov", "revenue"]);
  });

  it("answers a lookup without a fiscal year with the newest name", () => {
    expect(loadRegistry().lookup("func", "20805", null)?.name).toBe("行政事业单位养老支出");
    expect(loadRegistry().lookup("func", "2080504", null)).toBeNull();
  });
});

describe("readRegistry", () => {
  it("refuses a row that breaks the schema, naming file and line", () => {
    const dir = copyWith((csv) => csv.replace("\n201,一般公共服务支出,func,1,", "\n201,一般公共服务支出,func,4,"));
    expect(() => readRegistry(dir)).toThrow(/func\.csv:2:/);
  });

  it("refuses a printed row without its document", () => {
    const dir = copyWith((csv) => csv.replace(/\n(201,.*,printed),[^\n]*/, "\n$1,"));
    expect(() => readRegistry(dir)).toThrow(/names its document/);
  });

  it("refuses a registry where a 项 has lost its 款", () => {
    const dir = copyWith((csv) => csv.replace(/\n20805,[^\n]*\n20805,[^\n]*/, ""));
    expect(() => readRegistry(dir)).toThrow(/parent 20805 missing/);
  });
});
