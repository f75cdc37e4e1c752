import { describe, expect, it } from "vitest";
import type { Column, ExtractedRow } from "@yusuan/schema";
import { describeColumns } from "./columns.js";
import { headerIdentities } from "./measure-identities.js";

/** Header paths and cells as real disclosures print them (长沙, 广州, 杭州, 江苏, 西安). */
const columns = (...paths: string[][]): Column[] => paths.map((path, i) => ({ path, x0: i * 50, x1: i * 50 + 50 }));
const rows = (...lines: (string | null)[][]): ExtractedRow[] =>
  lines.map((cells) => ({ page: 1, cells: cells.map((text) => (text === null ? null : { text, page: 1, bbox: [0, 0, 1, 1] as [number, number, number, number] })) }));
const roles = (cols: Column[], body: ExtractedRow[] = []) => describeColumns(cols, body).map((c) => (c.role.role === "amount" ? `$${c.role.measure}` : c.role.role === "code" ? `code:${c.role.part}` : c.role.role));

describe("describeColumns: what each column holds", () => {
  it("a 功能科目 or 经济科目名称 column is the row label, a 科目编码 column a code", () => {
    expect(roles(columns(["类"], ["款"], ["项"], ["功能科目"], ["合计"]))).toEqual(["code:class", "code:kuan", "code:xiang", "label", "$合计"]);
    expect(roles(columns(["经济科目编码"], ["经济科目名称"], ["总计"]))).toEqual(["code:joined", "label", "$总计"]);
  });

  it("政府经济分类 columns printed beside the 部门 ones carry neither code nor label; alone they are the code and label", () => {
    expect(roles(columns(["部门经济科目编码"], ["部门经济科目名称"], ["政府经济科目编码"], ["政府经济科目名称"], ["合计"]))).toEqual([
      "code:joined",
      "label",
      "other",
      "other",
      "$合计",
    ]);
    expect(roles(columns(["政府经济科目编码"], ["政府经济科目名称"], ["合计"]))).toEqual(["code:joined", "label", "$合计"]);
  });

  it("columns of counts, shares and 绩效 targets hold no money", () => {
    expect(roles(columns(["项目名称"], ["人数"], ["数量"], ["比例（%）"], ["绩效指标", "指标值"], ["绩效目标"], ["金额"]))).toEqual([
      "label",
      "other",
      "other",
      "other",
      "other",
      "other",
      "$金额",
    ]);
  });

  it("a column headed like money whose cells are 功能 codes is a code column", () => {
    const body = rows(["一般公共服务支出", "201", "3.00"], ["纪检监察事务", "20111", "3.00"], ["其他纪检监察事务支出", "2011199", "3.00"]);
    expect(roles(columns(["科目"], ["功能科目"], ["合计"]), body)).toEqual(["label", "code:joined", "$合计"]);
  });

  it("a column headed like money whose cells are words is text; unheaded, it is a label", () => {
    const body = rows(["合计", null, "28,384,234.71"], [null, "西安市信访局", "28,384,234.71"], [null, "西安市信访局", "28,384,234.71"]);
    expect(roles(columns(["单位名称"], [""], ["合计"]), body)).toEqual(["label", "label", "$合计"]);
  });

  it("three code columns under one 科目编码 header holding 201 | 06 | 01 are 类 | 款 | 项", () => {
    const body = rows(["类", "款", "项", "合计", "2,946.25"], ["201", "06", "01", "行政运行", "1,511.90"], ["201", "06", null, "财政事务", "2,112.86"]);
    const code = ["项目", "支出功能分类", "科目编码"];
    expect(roles(columns(code, code, code, ["项目", "科目名称"], ["本年收入合计"]), body)).toEqual(["code:class", "code:kuan", "code:xiang", "label", "$本年收入合计"]);
  });

  it("two 小计 columns are told apart by the header above them", () => {
    const cols = columns(["合计"], ["“三公”经费", "小计"], ["“三公”经费", "因公出国（境）费"], ["“三公”经费", "公务用车购置及运行维护费", "小计"], ["“三公”经费", "公务用车购置及运行维护费", "公务用车购置费"], ["会议费"]);
    expect(roles(cols)).toEqual(["$合计", "$“三公”经费/小计", "$因公出国（境）费", "$公务用车购置及运行维护费/小计", "$公务用车购置费", "$会议费"]);
  });
});

describe("headerIdentities: which column totals which, as the header prints it", () => {
  const identities = (...paths: string[][]) => headerIdentities(describeColumns(columns(["项目"], ...paths)), false);

  it("a 小计 under its header totals its siblings, the header counting as its 小计 above", () => {
    expect(identities(["合计"], ["基本支出", "小计"], ["基本支出", "人员经费"], ["基本支出", "日常公用支出"], ["项目支出"])).toEqual([
      { total: "合计", parts: ["小计", "项目支出"] },
      { total: "小计", parts: ["人员经费", "日常公用支出"] },
    ]);
  });

  it("a 其中 column printed last adds to nothing; printed first before others it heads the parts", () => {
    expect(identities(["合计"], ["本级财政拨款", "金额"], ["本级财政拨款", "其中:经费拨款"], ["事业收入"])).toEqual([{ total: "合计", parts: ["金额", "事业收入"] }]);
    expect(identities(["一般公共预算支出", "小计"], ["一般公共预算支出", "其中：基本支出"], ["一般公共预算支出", "项目支出"])).toEqual([
      { total: "小计", parts: ["其中：基本支出", "项目支出"] },
    ]);
    expect(identities(["一般公共预算拨款", "小计"], ["一般公共预算拨款", "其中：专项资金列入部门预算项目"])).toEqual([]);
    // 长沙 三公: two 其中 columns after 公务用车购置及运行费
    expect(identities(["三公", "小计"], ["三公", "公务接待费"], ["三公", "公务用车购置及运行费"], ["三公", "其中：公务用车购置"], ["三公", "其中：公务用车运行费"])).toEqual([
      { total: "小计", parts: ["公务接待费", "公务用车购置及运行费"] },
    ]);
  });

  it("two totals side by side (总计 beside 合计) are left to the layouts known by name", () => {
    expect(identities(["总计"], ["合计"], ["上年结转"], ["一般公共预算拨款"])).toBeNull();
  });
});
