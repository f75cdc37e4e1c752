import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { corpusDocs, hasPdftotext, sharedDir, sharedMissing } from "@yusuan/testkit";
import { describe, expect, it } from "vitest";
import { parseCsv } from "./csv.js";
import { loadRegistry } from "./load-registry.js";
import { normalizeName } from "./names.js";
import type { ResolutionStatus } from "@yusuan/schema";

const registry = loadRegistry();

/** The rows of a CSV of ../shared/reference/classification as records. */
function reference(file: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(readFileSync(join(sharedDir()!, "reference/classification", file), "utf8"));
  return rows.filter((r) => r.length > 1).map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ""])));
}

const systemOf = (code: string) => (code.startsWith("2") ? "func" : "econ_dept") as "func" | "econ_dept";

/**
 * What the one document that numbers its economic 款 sequentially (上海市普陀区社会福利院 2024 单位预算)
 * and one other misprint resolve to; every other observed pair is the official one.
 */
const ANOMALIES: Record<string, [ResolutionStatus, string | null]> = {
  "30108 机关事业单位基本养老保险费": ["name_differs", null],
  "30202 咨询费": ["inconsistent", "30203"],
  "30203 水费": ["inconsistent", "30205"],
  "30204 电费": ["inconsistent", "30206"],
  "30205 邮电费": ["inconsistent", "30207"],
  "30206 办公设备购置费": ["name_differs", null],
  "30207 工会经费": ["inconsistent", "30228"],
  "30208 福利费": ["inconsistent", "30229"],
  "30210 车辆运行费": ["unknown_code", null],
  "30211 事业单位离退休人员福利费": ["name_differs", null],
  "30212 机关事业单位退休人员活动费": ["name_differs", null],
  "30213 其他商品和服务支出": ["inconsistent", "30299"],
  "303 离退休人员经费": ["name_differs", null],
  "30301 退休费": ["inconsistent", "30302"],
};

describe.skipIf(sharedMissing("reference/classification"))("the reference lists harvested from real documents", () => {
  it("are all in the registry under their printed name for their edition, marked printed", () => {
    const facts = [...reference("func.csv"), ...reference("econ_dept.csv")];
    expect(facts.length).toBe(149 + 65);
    const missing = facts.filter((f) => {
      const e = registry.lookup(f.system as "func" | "econ_dept", f.code!, Number(f.edition));
      return e?.name !== f.name || e?.source !== "printed";
    });
    expect(missing).toEqual([]);
  });

  it("resolve every observed pair as matched, except the anomalies, classified as expected", () => {
    const pairs = reference("observed_pairs.csv");
    expect(pairs.length).toBe(2647);
    const got = pairs.map((p) => {
      const r = registry.resolveCode(systemOf(p.code!), p.code!, p.name_as_printed!, Number(p.doc_year));
      const name = normalizeName(p.name_as_printed!).replace(/\(/g, "（").replace(/\)/g, "）");
      return { key: `${p.code} ${name}`, code: p.code!, file: p.local_file, status: r.status, suggested: r.suggestedCode };
    });
    const wrong = got.filter((g) => {
      const [status, suggested] = ANOMALIES[g.key] ?? ["matched", null];
      return g.status !== status || g.suggested !== suggested;
    });
    expect(wrong).toEqual([]);
    const sequential = got.filter((g) => g.file === "sh_putuo_fuliyuan_2024_dwys.pdf" && /^302\d\d$/.test(g.code));
    expect(sequential.filter((g) => g.status === "inconsistent").length).toBeGreaterThanOrEqual(7);
  });

  it("back every printed registry row: its ref pages printed that code with that name", () => {
    const seen = new Set<string>();
    for (const p of reference("observed_pairs.csv"))
      seen.add(`${p.local_file} p.${p.page}|${systemOf(p.code!)}|${p.code}|${normalizeName(p.name_as_printed!)}`);
    for (const doc of corpusDocs({ includeScanned: true }).filter((d) => /^(dazhou|leshan)/.test(d.name)))
      for (const t of doc.truth.tables) {
        const at = `${doc.name}.pdf p.${t.pages[0]}`;
        const labels = [...t.columns, ...(t.rows ?? []).filter((r) => r.side === "income").map((r) => r.label)];
        for (const label of labels) {
          const code = registry.codeByName("revenue", label, doc.truth.fiscal_year);
          if (code) seen.add(`${at}|revenue|${code}|${normalizeName(label)}`);
        }
        for (const r of t.rows ?? []) {
          if (r.func_code) seen.add(`${at}|func|${r.func_code}|${normalizeName(r.label)}`);
          if (r.econ_code) seen.add(`${at}|econ_dept|${r.econ_code}|${normalizeName(r.label)}`);
        }
      }
    const harvested = new Set([...reference("observed_pairs.csv").map((p) => p.local_file), "dazhou_rsxxzx_2025.pdf", "leshan_rsxxzx_2025.pdf"]);
    const unbacked = printedRefs()
      .filter(({ file }) => harvested.has(file))
      .map(({ key }) => key)
      .filter((key) => !seen.has(key));
    expect(unbacked).toEqual([]);
  });

  it.skipIf(!hasPdftotext())("back every printed row citing a real disclosure the harvest left out: that page prints the code and the name", () => {
    const harvested = new Set(reference("observed_pairs.csv").map((p) => p.local_file));
    const cited = printedRefs().filter(({ file }) => !harvested.has(file) && existsSync(join(sharedDir()!, "real", file)));
    expect(cited.length).toBeGreaterThan(0);
    const unbacked = cited.filter(({ file, page, code, name }) => {
      const text = execFileSync("pdftotext", ["-layout", "-f", page, "-l", page, join(sharedDir()!, "real", file), "-"], { encoding: "utf8" });
      return !normalizeName(text).includes(normalizeName(`${code}${name}`));
    });
    expect(unbacked.map(({ key }) => key)).toEqual([]);
  });
});

/** Every ref of a printed registry row ("file p.N"), with the code and name it backs. */
function printedRefs(): { key: string; file: string; page: string; code: string; name: string }[] {
  return registry
    .entries()
    .filter((e) => e.source === "printed")
    .flatMap((e) =>
      e.ref!.split("; ").map((ref) => {
        const [, file = "", page = ""] = /^(.*) p\.(\d+)$/.exec(ref) ?? [];
        return { key: `${ref}|${e.system}|${e.code}|${normalizeName(e.name)}`, file, page, code: e.code, name: e.name };
      }),
    );
}
