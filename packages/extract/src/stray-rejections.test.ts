import { describe, expect, it } from "vitest";
import { collectingStrayRejections } from "./stray-rejections.js";

describe("collectingStrayRejections", () => {
  it("charges a rejection nobody awaits to the read that was running, which still returns its result", async () => {
    const { result, strays } = await collectingStrayRejections(async () => {
      void Promise.reject(new Error("Bad (uncompressed) XRef entry: 60R"));
      return 21;
    });
    expect(result).toBe(21);
    expect(strays.map((e) => e.message)).toEqual(["Bad (uncompressed) XRef entry: 60R"]);
  });

  it("collects nothing from a read whose promises are all handled", async () => {
    const { strays } = await collectingStrayRejections(async () => Promise.reject(new Error("handled")).catch(() => 0));
    expect(strays).toEqual([]);
  });
});
