import { describe, expect, it } from "vitest";
import { normalizeName, sameName } from "./names.js";

describe("normalizeName", () => {
  it("removes white space and line wraps, as letter-spaced and wrapped cells print them", () => {
    expect(normalizeName("因 公 出 国 （ 境 ） 费\n用")).toBe("因公出国(境)费用");
  });

  it("removes the ordinals of 表1/表2 rows", () => {
    expect(normalizeName("八、社会保障和就业支出")).toBe("社会保障和就业支出");
    expect(normalizeName("二十八、抗疫特别国债安排的支出")).toBe("抗疫特别国债安排的支出");
    expect(normalizeName("（一）一般公共服务支出")).toBe("一般公共服务支出");
    expect(normalizeName("1.基本工资")).toBe("基本工资");
  });

  it("removes a printed code in front of the name", () => {
    expect(normalizeName("210 11 行政事业单位医疗")).toBe("行政事业单位医疗");
  });
});

describe("sameName", () => {
  it("treats full-width and ASCII brackets alike", () => {
    expect(sameName("维修(护)费", "维修（护）费")).toBe(true);
    expect(sameName("工会经费(比例)", "工会经费（比例）")).toBe(true);
  });

  it("accepts …费 for …费用 and a 类 name without 支出", () => {
    expect(sameName("因公出国（境）费", "因公出国（境）费用")).toBe(true);
    expect(sameName("社会保障和就业", "社会保障和就业支出")).toBe(true);
  });

  it("tells different names apart", () => {
    expect(sameName("行政事业单位医疗", "行政单位医疗")).toBe(false);
    expect(sameName("咨询费", "印刷费")).toBe(false);
    expect(sameName("机关事业单位基本养老保险费", "机关事业单位基本养老保险缴费")).toBe(false);
  });
});
