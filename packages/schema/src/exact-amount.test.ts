import { describe, expect, it } from "vitest";
import { toFen, toWan } from "./exact-amount.js";

describe("exact amounts: 分 as integers, 万元 as exact decimals", () => {
  it("every printed amount is a whole number of 分: 元 with two decimals, 万元 with six", () => {
    expect(toFen("1234.56", "元")).toBe(123456n);
    expect(toFen("843887.51", "万元")).toBe(843887510000n);
    expect(toFen("0.000001", "万元")).toBe(1n);
    expect(toFen("-3.00", "元")).toBe(-300n);
    expect(toFen("0.001", "元")).toBeNull();
  });

  it("元 become 万元 by moving the decimal point, never through binary floating point", () => {
    expect(toWan("96282213.44", "元")).toBe("9628.221344");
    expect(toWan("101000.00", "元")).toBe("10.1");
    expect(toWan("5", "元")).toBe("0.0005");
    expect(toWan("-25000", "元")).toBe("-2.5");
    expect(toWan("33,172.15", "万元")).toBe("33172.15");
  });
});
