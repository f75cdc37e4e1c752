import { inflateSync } from "node:zlib";

type Format = ConstructorParameters<typeof DecompressionStream>[0];

const Platform = globalThis.DecompressionStream;

/**
 * "deflate" inflated in one synchronous zlib call once the writer closes, behind the part of the stream
 * interface pdf.js uses: a writer it writes the whole stream to and closes, and a readable it reads with
 * `for await`. No web streams: their machinery alone was 2 % of an extraction process's time.
 */
function synchronousDeflate(): DecompressionStream {
  const chunks: Uint8Array[] = [];
  let closed!: () => void;
  const whole = new Promise<void>((resolve) => (closed = resolve));
  const writer = {
    ready: Promise.resolve(),
    write: async (chunk: ArrayBufferView | ArrayBuffer): Promise<void> => {
      chunks.push(ArrayBuffer.isView(chunk) ? new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength) : new Uint8Array(chunk));
    },
    close: async (): Promise<void> => closed(),
    releaseLock: (): void => {},
  };
  const readable = {
    async *[Symbol.asyncIterator](): AsyncGenerator<Uint8Array> {
      await whole;
      const inflated = inflateSync(Buffer.concat(chunks));
      yield new Uint8Array(inflated.buffer, inflated.byteOffset, inflated.byteLength);
    },
  };
  return { writable: { getWriter: () => writer }, readable } as unknown as DecompressionStream;
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
