import { describe, expect, it } from "vitest";
import { unitsNamedInProse } from "./unit-names.js";

const prose = (text: string) => [{ heading: "第一部分 部门概况", page: 3, text }];

describe("unitsNamedInProse", () => {
  it("reads the units the 单位构成 paragraph lists, without what kind of unit each is", () => {
    expect(unitsNamedInProse(prose("从预算单位构成看，纳入本部门 2018 年度部门汇总预算编制范\n围的预算单位共 2 家，包括：江苏省高级人民法院机关（本级）、徐州铁路运输法院。"))).toEqual([
      "江苏省高级人民法院机关（本级）",
      "徐州铁路运输法院",
    ]);
    expect(unitsNamedInProse(prose("从预算单位构成看，杭州市气象局部门预算包括：杭州市气象局本级决算（行政单位）和杭州市气象服务中心（杭州市预警信息发布中心）（事业单位）决算。"))).toEqual([
      "杭州市气象局本级",
      "杭州市气象服务中心",
    ]);
  });

  it("names nothing where the prose lists no units", () => {
    expect(unitsNamedInProse(prose("本部门主要职责包括：统计调查、数据发布。"))).toEqual([]);
  });
});
