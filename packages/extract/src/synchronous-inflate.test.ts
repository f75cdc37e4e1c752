import { readFileSync } from "node:fs";
import { deflateSync, gzipSync } from "node:zlib";
import { samplePdfs } from "@yusuan/testkit";
import { afterAll, describe, expect, it } from "vitest";
import { extractDocument } from "./extract-document.js";
import { useSynchronousInflate } from "./synchronous-inflate.js";

const platform = globalThis.DecompressionStream;
afterAll(() => {
  globalThis.DecompressionStream = platform;
});

/** Decompresses the way pdf.js does: one write, close, read every chunk. */
async function decompress(Stream: typeof DecompressionStream, format: "deflate" | "gzip", bytes: Uint8Array): Promise<Buffer> {
  const { readable, writable } = new Stream(format);
  const writer = writable.getWriter();
  void writer.write(bytes).then(() => writer.close()).catch(() => {});
  const chunks: Uint8Array[] = [];
  for await (const chunk of readable) chunks.push(chunk as Uint8Array);
  return Buffer.concat(chunks);
}

const samples = samplePdfs();
const pdfBytes = readFileSync(samples[0]!);

describe("useSynchronousInflate", () => {
  it("inflates a FlateDecode stream to the same bytes as the platform", async () => {
    const compressed = deflateSync(pdfBytes);
    useSynchronousInflate();
    const ours = await decompress(globalThis.DecompressionStream, "deflate", compressed);
    expect(ours.equals(pdfBytes)).toBe(true);
    expect(ours.equals(await decompress(platform, "deflate", compressed))).toBe(true);
  });

  it("rejects a truncated or corrupt stream, as the platform does, so pdf.js falls back to its own decoder", async () => {
    const compressed = deflateSync(pdfBytes);
    useSynchronousInflate();
    for (const broken of [compressed.subarray(0, compressed.length >> 1), Buffer.concat([Buffer.from([0x78, 0x9c, 0xff]), compressed.subarray(3)])]) {
      await expect(decompress(globalThis.DecompressionStream, "deflate", broken)).rejects.toThrow();
      await expect(decompress(platform, "deflate", broken)).rejects.toThrow();
    }
  });

  it("leaves other formats to the platform", async () => {
    useSynchronousInflate();
    expect((await decompress(globalThis.DecompressionStream, "gzip", gzipSync(pdfBytes))).equals(pdfBytes)).toBe(true);
  });

  it("extracts every sample PDF to the same document as the platform's inflate", async () => {
    for (const path of samples) {
      globalThis.DecompressionStream = platform;
      const before = await extractDocument(new Uint8Array(readFileSync(path)), { fileName: path });
      useSynchronousInflate();
      expect(await extractDocument(new Uint8Array(readFileSync(path)), { fileName: path })).toEqual(before);
    }
  });
});
