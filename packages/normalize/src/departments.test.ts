import type { DepartmentEvidence } from "@yusuan/schema";
import { describe, expect, it } from "vitest";
import { matchDepartments, parseDepartmentOverrides, withDepartmentOverride } from "./departments.js";

/** A document as the database holds it: its printed name and the region read off it (as extract's regionOf does). */
let next = 0;
function doc(department: string | null, region: string | null, extra: Partial<DepartmentEvidence> = {}): DepartmentEvidence {
  next++;
  return { documentId: next, fileName: `d${next}.pdf`, department, region, fiscalYear: 2025, docKind: "部门预算", units: [], ...extra };
}

/** The documents of each department, as file names, for comparing groupings. */
function groups(documents: DepartmentEvidence[]): string[][] {
  const files = new Map(documents.map((d) => [d.documentId, d.fileName]));
  return matchDepartments(documents)
    .departments.map((d) => d.links.map((l) => files.get(l.documentId)!).sort())
    .sort((a, b) => a[0]!.localeCompare(b[0]!));
}

describe("matchDepartments: the same organisation", () => {
  it("links 全称 and a name printing its region shorter (普陀区司法局 of 上海市普陀区), and says why", () => {
    const a = doc("上海市普陀区司法局", "上海市普陀区", { fiscalYear: 2026 });
    const b = doc("普陀区司法局", "普陀区");
    const [department] = matchDepartments([a, b]).departments;
    expect(department).toMatchObject({ name: "上海市普陀区司法局", region: "上海市普陀区", kind: "部门", names: ["上海市普陀区司法局", "普陀区司法局"] });
    expect(department!.links.find((l) => l.documentId === b.documentId)!.reason).toMatch(/without 上海市/);
  });

  it("reads through 汇总, 本级, 中共 and the 全称 of 人大常委会 and 政府", () => {
    const pairs = [
      ["西安市信访局（汇总）", "西安市信访局", "西安市"],
      ["青岚县司法局（本级）", "青岚县司法局", "青岚县"],
      ["中共江苏省委办公厅", "江苏省委办公厅", "江苏省"],
      ["江苏省人民代表大会常务委员会办公厅", "江苏省人大常委会办公厅", "江苏省"],
      ["上海市普陀区人民政府办公室", "上海市普陀区政府办公室", "上海市普陀区"],
    ] as const;
    for (const [x, y, region] of pairs) {
      const docs = [doc(x, region), doc(y, region)];
      expect(groups(docs), `${x} / ${y}`).toHaveLength(1);
    }
  });

  it("puts a department's 部门预算, its 决算 and the 单位预算 of its own unit together", () => {
    const docs = [
      doc("青岚县司法局", "青岚县", { fiscalYear: 2026 }),
      doc("青岚县司法局", "青岚县", { fiscalYear: 2026, docKind: "部门决算" }),
      doc("青岚县司法局（本级）", "青岚县", { docKind: "单位预算" }),
    ];
    const [department] = matchDepartments(docs).departments;
    expect(department!.links).toHaveLength(3);
    expect(department!.links.find((l) => l.documentId === docs[2]!.documentId)!.reason).toMatch(/单位 document of the department's own unit/);
  });

  it("puts a 单位 listed in its department's units under that department, as a unit of its own", () => {
    const department = doc("云溆县司法局", "云溆县", { units: [{ code: "127001", name: "云溆县司法局（本级）" }, { code: "127002", name: "云溆县公证处" }] });
    const unit = doc("云溆县公证处", "云溆县", { docKind: "单位预算", units: [{ code: "127002", name: "云溆县公证处" }] });
    const { departments } = matchDepartments([department, unit]);
    expect(departments.map((d) => [d.name, d.kind, d.code, d.parentKey])).toEqual([
      ["云溆县公证处", "单位", "127002", "云溆县|司法局"],
      ["云溆县司法局", "部门", "127", null],
    ]);
    expect(departments[1]!.names).toEqual(["云溆县司法局", "云溆县司法局（本级）"]);
  });
});

describe("matchDepartments: never two organisations", () => {
  it("keeps different departments of one region apart", () => {
    expect(groups([doc("上海市普陀区司法局", "上海市普陀区"), doc("上海市普陀区商务委员会", "上海市普陀区"), doc("上海市普陀区财政局", "上海市普陀区")])).toHaveLength(3);
  });

  it("keeps the same name in two regions apart (广州市统计局, 无锡市统计局; 青岚县司法局, 云溆县司法局)", () => {
    expect(groups([doc("广州市统计局", "广州市"), doc("无锡市统计局", "无锡市"), doc("青岚县司法局", "青岚县"), doc("云溆县司法局", "云溆县")])).toHaveLength(4);
  });

  it("links a short region that fits two regions to neither, and says so", () => {
    const beijing = doc("北京市朝阳区司法局", "北京市朝阳区");
    const changchun = doc("长春市朝阳区司法局", "长春市朝阳区");
    const short = doc("朝阳区司法局", "朝阳区");
    const match = matchDepartments([beijing, changchun, short]);
    expect(match.departments).toHaveLength(3);
    const alone = match.departments.find((d) => d.links.some((l) => l.documentId === short.documentId))!;
    expect(alone.links).toHaveLength(1);
    expect(alone.links[0]!.reason).toMatch(/may be 北京市朝阳区司法局 or 长春市朝阳区司法局/);
  });

  it("links no document that prints no region, and none that prints no name", () => {
    const match = matchDepartments([doc("统计局", null), doc("统计局", null), doc(null, null)]);
    expect(match.departments).toHaveLength(2);
    expect(match.unlinked).toHaveLength(1);
  });

  it("does not take a province's department for a city's of the same name", () => {
    expect(groups([doc("江苏省统计局", "江苏省"), doc("江苏省南京市统计局", "江苏省南京市")])).toHaveLength(2);
  });
});

describe("overrides", () => {
  it("move a document to the department printed under the given name, or to a new one; unknown documents are reported", () => {
    const a = doc("上海市普陀区司法局", "上海市普陀区");
    const b = doc("上海市普陀区商务委员会", "上海市普陀区");
    const c = doc("上海市普陀区财政局", "上海市普陀区");
    const overrides = parseDepartmentOverrides(
      `\uFEFFdocument,department\n${b.fileName},上海市普陀区司法局\n${c.fileName},"普陀区财政局（另）"\nnone.pdf,x\n`,
      "fix.csv",
    );
    const match = matchDepartments([a, b, c], overrides);
    expect(match.departments.map((d) => [d.name, d.links.map((l) => l.documentId)])).toEqual([
      ["普陀区财政局（另）", [c.documentId]],
      ["上海市普陀区司法局", [a.documentId, b.documentId]],
    ]);
    expect(match.departments[1]!.links[1]!.reason).toMatch(/^override \(fix\.csv line 2\)/);
    expect(match.unmatchedOverrides.map((o) => o.source)).toEqual(["fix.csv line 4"]);
  });

  it("are read from a CSV with its header, and a file without it is refused", () => {
    expect(() => parseDepartmentOverrides("a.pdf,x\n", "fix.csv")).toThrow(/fix\.csv: the first line must be the header document,department/);
    expect(() => parseDepartmentOverrides("document,department\na.pdf,\n", "fix.csv")).toThrow(/fix\.csv line 2/);
  });

  it("are added one at a time, a later one for the same document replacing the earlier", () => {
    const once = withDepartmentOverride("", { document: "a.pdf", department: "甲" });
    const twice = withDepartmentOverride(withDepartmentOverride(once, { document: "b.pdf", department: "乙,丙" }), { document: "a.pdf", department: "丁" });
    expect(twice).toBe('document,department\nb.pdf,"乙,丙"\na.pdf,丁\n');
    expect(parseDepartmentOverrides(twice, "f").map((o) => [o.document, o.department])).toEqual([["b.pdf", "乙,丙"], ["a.pdf", "丁"]]);
  });
});
