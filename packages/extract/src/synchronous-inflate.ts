import { TransformStream } from "node:stream/web";
import { inflateSync } from "node:zlib";

type Format = ConstructorParameters<typeof DecompressionStream>[0];

const Platform = globalThis.DecompressionStream;

/** "deflate" inflated in one synchronous zlib call once the writer closes, behind the same stream interface. */
function synchronousDeflate(): DecompressionStream {
  const chunks: Uint8Array[] = [];
  return new TransformStream<ArrayBufferView | ArrayBuffer, Uint8Array>({
    transform: (chunk) => {
      chunks.push(ArrayBuffer.isView(chunk) ? new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength) : new Uint8Array(chunk));
    },
    flush: (controller) => {
      const inflated = inflateSync(Buffer.concat(chunks));
      controller.enqueue(new Uint8Array(inflated.buffer, inflated.byteOffset, inflated.byteLength));
    },
  });
}

/**
 * Makes pdf.js inflate on the calling thread for the rest of this thread's life. pdf.js inflates every
 * FlateDecode stream through `DecompressionStream`, which Node implements by passing each stream through
 * web streams to the libuv thread pool and back: the extracting thread sits idle for about a tenth of a
 * run and pays for the stream machinery. Same zlib, so the same bytes and the same errors (on which pdf.js
 * falls back to its own decoder); other formats stay the platform's. Globals are per thread: call it in
 * each extraction process or worker thread.
 * @example useSynchronousInflate(); const doc = await extractDocument(bytes, { fileName });
 */
export function useSynchronousInflate(): void {
  globalThis.DecompressionStream = class {
    constructor(format: Format) {
      return format === "deflate" ? synchronousDeflate() : new Platform(format);
    }
  } as typeof DecompressionStream;
}
