import { describe, expect, it } from "vitest";
import { unifyRadical } from "./radicals.js";

describe("unifyRadical", () => {
  it("maps radical code points some fonts use back to the ideographs readers see", () => {
    expect([..."部⻔收⽀总表"].map(unifyRadical).join("")).toBe("部门收支总表");
    expect([..."⻘⽲市⼾⿈"].map(unifyRadical).join("")).toBe("青禾市户黄");
    expect(unifyRadical("A")).toBe("A");
  });
});
