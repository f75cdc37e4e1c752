import { readFileSync } from "node:fs";
import { ClassificationSystem } from "@yusuan/schema";
import { describe, expect, it } from "vitest";
import { loadRegistry, readRegistryFile, registryDir } from "./load-registry.js";

const registry = loadRegistry();
const codes = (system: ClassificationSystem, parent: string | null, year: number) =>
  registry.children(system, parent, year).map((e) => e.code);

describe("the registry files", () => {
  it("are exactly the sorted serialisation of their rows (deterministic, one system per file)", () => {
    for (const system of ClassificationSystem.options) {
      const text = readFileSync(new URL(`${system}.csv`, registryDir), "utf8");
      const lines = readRegistryFile(system).map((e) =>
        [e.code, e.name, e.system, e.level, e.parentCode ?? "", e.validFrom ?? "", e.validTo ?? "", e.source, e.ref ?? ""].join(","),
      );
      expect(text).toBe(["code,name,system,level,parent_code,valid_from,valid_to,source,ref", ...lines, ""].join("\n"));
    }
  });

  it("give every code at most one name in any year, and every name is non-empty", () => {
    for (const e of registry.entries()) {
      expect(e.name.length).toBeGreaterThan(0);
      for (let year = 2010; year <= 2030; year++) {
        const named = registry.editions(e.system, e.code).filter((x) => x.validFrom === null || x.validFrom <= year);
        expect(named.filter((x) => x.validTo === null || year <= x.validTo).length).toBeLessThanOrEqual(1);
      }
    }
  });
});

describe("sibling names", () => {
  it("are distinct in every year, so a printed name points to at most one sibling code", () => {
    for (const year of [2018, 2019, 2020, 2024, 2025])
      for (const parent of new Set(registry.entries().map((e) => `${e.system}|${e.parentCode ?? ""}`))) {
        const [system, code] = parent.split("|") as [ClassificationSystem, string];
        const names = registry.children(system, code || null, year).map((e) => e.name);
        expect(new Set(names).size, `${parent} ${year}`).toBe(names.length);
      }
  });
});

describe("lookup by fiscal year", () => {
  it("names 20805 行政事业单位离退休 up to 2019 and 行政事业单位养老支出 from 2020", () => {
    expect(registry.lookup("func", "20805", 2018)?.name).toBe("行政事业单位离退休");
    expect(registry.lookup("func", "20805", 2019)?.name).toBe("行政事业单位离退休");
    expect(registry.lookup("func", "20805", 2020)?.name).toBe("行政事业单位养老支出");
    expect(registry.lookup("func", "20805", 2025)?.name).toBe("行政事业单位养老支出");
    expect(registry.editions("func", "20805").map((e) => [e.validFrom, e.validTo])).toEqual([
      [null, 2019],
      [2020, null],
    ]);
  });

  it("returns null for a code unknown in that year", () => {
    expect(registry.lookup("func", "224", 2018)).toBeNull();
    expect(registry.lookup("func", "224", 2019)?.name).toBe("灾害防治及应急管理支出");
    expect(registry.lookup("func", "2080504", 2020)).toBeNull();
    expect(registry.lookup("econ_dept", "30210", 2025)).toBeNull();
  });

  it("gives the 类 › 款 › 项 path under the names of that year", () => {
    const names = (year: number) => registry.path("func", "2080501", year).map((e) => e.name);
    expect(names(2019)).toEqual(["社会保障和就业支出", "行政事业单位离退休", "归口管理的行政单位离退休"]);
    expect(names(2025)).toEqual(["社会保障和就业支出", "行政事业单位养老支出", "行政单位离退休"]);
    expect(registry.path("econ_dept", "3010201", 2025).map((e) => e.code)).toEqual(["301", "30102"]);
  });
});

describe("the 2025 edition", () => {
  it("has every 类 of 支出功能分类, 201 一般公共服务支出 … 234 抗疫特别国债安排的支出", () => {
    const expected = [...range(201, 217), ...range(219, 224), 227, ...range(229, 234)].map(String);
    expect(codes("func", null, 2025)).toEqual(expected);
    expect(registry.lookup("func", "229", 2025)?.name).toBe("其他支出");
    expect(registry.lookup("func", "230", 2025)?.name).toBe("转移性支出");
    expect(registry.lookup("func", "233", 2025)?.name).toBe("债务发行费用支出");
  });

  it("has 款 under every 类 of both economic classifications and of 支出功能分类 (预备费 has none)", () => {
    for (const system of ["func", "econ_dept", "econ_gov"] as const)
      for (const cls of codes(system, null, 2025).filter((c) => c !== "227"))
        expect(codes(system, cls, 2025).length, `${system} ${cls}`).toBeGreaterThan(0);
    expect(codes("econ_dept", null, 2025)).toEqual(["301", "302", "303", "307", "309", "310", "311", "312", "313", "399"]);
    expect(codes("econ_gov", null, 2025)).toEqual([...range(501, 514).map(String), "599"]);
  });

  it("lists 02 一般行政管理事务, 03 机关服务 and 99 其他… under every 款 that has 01 行政运行", () => {
    const kuans = registry.entries().filter((e) => e.system === "func" && e.level === 3 && e.code.endsWith("01") && e.name === "行政运行");
    expect(kuans.length).toBeGreaterThan(40);
    for (const { parentCode } of kuans) {
      const items = registry.children("func", parentCode, 2025);
      expect(items.find((e) => e.code === `${parentCode}02`)?.name).toBe("一般行政管理事务");
      expect(items.find((e) => e.code === `${parentCode}03`)?.name).toBe("机关服务");
      expect(items.find((e) => e.code === `${parentCode}99`)?.name).toMatch(/^其他.*支出$/);
    }
  });
});

describe("search by name", () => {
  it("finds a name in every system, exact names first", () => {
    expect(registry.searchByName("公务接待费", 2025).map((e) => e.code)).toEqual(["30217", "50206"]);
    expect(registry.searchByName("住房公积金", 2025).map((e) => e.code)).toEqual(["2210201", "30113", "50103", "2210302"]);
  });

  it("searches every edition unless a year is given", () => {
    expect(registry.searchByName("行政事业单位离退休").map((e) => e.code)).toContain("20805");
    expect(registry.searchByName("行政事业单位离退休", 2025).map((e) => e.code)).not.toContain("20805");
  });

  it("maps the income items of 表1/表2 to the project's own revenue codes", () => {
    expect(registry.codeByName("revenue", "一、一般公共预算拨款收入", 2025)).toBe("R01");
    expect(registry.codeByName("revenue", "七、上年结转", 2025)).toBe("R11");
    expect(registry.codeByName("revenue", "用事业基金弥补收支差额", 2025)).toBe("R10");
    expect(registry.codeByName("revenue", "本年收入合计", 2025)).toBeNull();
  });
});

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
