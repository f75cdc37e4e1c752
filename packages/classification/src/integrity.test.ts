import { describe, expect, it } from "vitest";
import type { RegistryEntry } from "./entry.js";
import { registryProblems } from "./integrity.js";
import { loadRegistry } from "./load-registry.js";

const entry = (code: string, name: string, from: number | null = null, to: number | null = null): RegistryEntry => ({
  system: "func",
  code,
  name,
  level: code.length === 3 ? 1 : code.length === 5 ? 2 : 3,
  parentCode: code.length > 3 ? code.slice(0, -2) : null,
  validFrom: from,
  validTo: to,
  source: "standard",
  ref: null,
});

describe("registryProblems", () => {
  it("finds none in the project's registry", () => {
    expect(registryProblems(loadRegistry().entries())).toEqual([]);
  });

  it("finds a child whose parent is missing, or missing in some of the child's years", () => {
    expect(registryProblems([entry("208", "社会保障和就业支出"), entry("2080505", "x")])).toHaveLength(1);
    const partial = [entry("224", "灾害防治及应急管理支出", 2019), entry("22401", "应急管理事务")];
    expect(registryProblems(partial)[0]).toMatch(/parent 224 missing/);
  });

  it("finds a level that disagrees with the code length", () => {
    expect(registryProblems([{ ...entry("208", "社会保障和就业支出"), level: 2 }])[0]).toMatch(/level 2 for 3 digits/);
  });

  it("finds two names of one code valid in the same year", () => {
    const overlap = [entry("208", "a", null, 2020), entry("208", "b", 2020)];
    expect(registryProblems(overlap)[0]).toMatch(/overlap/);
  });

  it("finds entries out of order", () => {
    expect(registryProblems([entry("209", "a"), entry("208", "b")])[0]).toMatch(/not sorted/);
  });
});
