import { describe, expect, it } from "vitest";
import { Code, Decimal, Finding, formatFinding } from "./index.js";

describe("the contract between stages", () => {
  it("keeps amounts as printed decimals, never as grouped or malformed text", () => {
    for (const ok of ["618.22", "-3.00", "0", "1234567.8900"]) expect(Decimal.safeParse(ok).success).toBe(true);
    for (const bad of ["1,234.56", "1.2.3", "", "12万", " 5"]) expect(Decimal.safeParse(bad).success).toBe(false);
  });

  it("accepts 类/款/项 codes of 3, 5 or 7 digits only", () => {
    for (const ok of ["208", "20805", "2080505", "3010201"]) expect(Code.safeParse(ok).success).toBe(true);
    for (const bad of ["20", "2080", "208050", "20805050", "208 05"]) expect(Code.safeParse(bad).success).toBe(false);
  });

  it("prints a finding the same way everywhere: severity, rule, where, what, the two numbers", () => {
    const f = Finding.parse({ code: "prose_mismatch", severity: "warning", message: "财政拨款收支预算总数", tableNo: "2", page: 24, expected: "294.28", actual: "294.82" });
    expect(formatFinding(f)).toBe("[warning] prose_mismatch 表2 p.24: 财政拨款收支预算总数 (expected 294.28, printed 294.82)");
    expect(formatFinding(Finding.parse({ code: "no_text_layer", severity: "error", message: "scanned" }))).toBe("[error] no_text_layer: scanned");
  });
});
