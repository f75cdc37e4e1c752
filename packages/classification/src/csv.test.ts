import { describe, expect, it } from "vitest";
import { parseCsv } from "./csv.js";

describe("parseCsv", () => {
  it("splits rows and fields, keeping empty fields", () => {
    expect(parseCsv("code,name,ref\n201,一般公共服务支出,\n")).toEqual([
      ["code", "name", "ref"],
      ["201", "一般公共服务支出", ""],
    ]);
  });

  it("reads quoted fields with commas, doubled quotes and line breaks, CRLF and a BOM", () => {
    expect(parseCsv('\uFEFFa,b\r\n"x, y","say ""hi""\nthere"\r\n')).toEqual([
      ["a", "b"],
      ["x, y", 'say "hi"\nthere'],
    ]);
  });

  it("keeps a last line without a newline", () => {
    expect(parseCsv("a,b\n1,2")).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
  });
});
