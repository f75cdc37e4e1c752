import { describe, expect, it } from "vitest";
import { heavyAtOnce, readingOrder } from "./reading-order.js";

const file = (name: string, bytes: number, heavy = false) => ({ name, bytes, heavy });
const names = (files: { name: string }[]) => files.map((f) => f.name).join(" ");

describe("readingOrder: the order a batch's files are read (and its documents numbered) in", () => {
  it("largest first, files of one size in the order they were given", () => {
    expect(names(readingOrder([file("a", 1), file("b", 5), file("c", 3), file("d", 5)]))).toBe("b d c a");
  });

  it("puts three lighter files between two heavy ones, each heavy one as early as that allows", () => {
    const files = [file("H1", 90, true), file("H2", 80, true), file("H3", 70, true), ...[6, 5, 4, 3, 2, 1].map((b) => file(`l${b}`, b))];
    expect(names(readingOrder(files))).toBe("H1 l6 l5 l4 H2 l3 l2 l1 H3");
  });

  it("a lighter file larger than the next heavy one still goes first", () => {
    expect(names(readingOrder([file("H", 5, true), file("big", 9), file("small", 1)]))).toBe("big H small");
  });

  it("heavy files go one after another once no lighter file is left, and nothing is lost or doubled", () => {
    const files = [file("H1", 9, true), file("H2", 8, true), file("H3", 7, true), file("l", 1)];
    const order = readingOrder(files);
    expect(names(order)).toBe("H1 l H2 H3");
    expect(new Set(order)).toEqual(new Set(files));
  });

  it("heavy files read at once: one per two processes, and one where there is a single process", () => {
    expect([1, 2, 3, 4, 32].map(heavyAtOnce)).toEqual([1, 1, 1, 2, 16]);
  });
});
