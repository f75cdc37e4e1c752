import { describe, expect, it } from "vitest";
import { regionOf } from "./meta.js";

describe("regionOf", () => {
  it("takes the province, city and county parts a department name begins with", () => {
    expect(regionOf("达州市人力资源和社会保障信息管理中心")).toBe("达州市");
    expect(regionOf("上海市普陀区司法局")).toBe("上海市普陀区");
    expect(regionOf("云岭县卫生健康局")).toBe("云岭县");
    expect(regionOf("杭州市气象局")).toBe("杭州市");
    expect(regionOf("中共江苏省委办公厅")).toBe("江苏省");
  });
});
