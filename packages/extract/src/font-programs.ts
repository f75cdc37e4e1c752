/**
 * How many bytes of embedded font programs a PDF carries, read from its raw bytes without parsing it.
 *
 * pdf.js turns every embedded font program into an OpenType font as it first meets it, in plain JS arrays:
 * 60–100 bytes of heap for each byte of program, all at once. Reading a document with 3.6 MB of font programs
 * peaks at ~350 MB, against 150–170 MB for the usual disclosure; nothing else about a text PDF moves its peak
 * as much. So this is what a batch can know of a file's memory before reading it.
 *
 * A font program is a stream, and a stream is never inside an object stream: its dictionary is always plain
 * in the file, even when the PDF is encrypted (only strings and stream data are). A font program's
 * dictionary has keys no other stream has: /Length1 (TrueType, Type 1) or /Subtype /Type1C, /CIDFontType0C or
 * /OpenType (FontFile3). Each one counts with its stored (compressed) length: the bytes from `stream` to `endstream`.
 * @example embeddedFontBytes(readFileSync("a.pdf")) // 3_570_000
 */
export function embeddedFontBytes(pdf: Uint8Array): number {
  // searched in place: a batch scans every file before reading it, and strings of them would fill the heap
  const bytes = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  const markers = [...occurrences(bytes, "/Length1"), ...[...occurrences(bytes, "/Subtype")].filter((at) => namesFontProgram(bytes, at))];
  let total = 0;
  const counted = new Set<number>();
  for (const at of markers) {
    const data = streamAfter(bytes, at);
    // both markers may sit in one dictionary; a stream is counted once
    if (data === null || counted.has(data.start)) continue;
    counted.add(data.start);
    total += data.end - data.start;
  }
  return total;
}

/** Where `key` occurs as a whole name (not the start of a longer one). */
function* occurrences(bytes: Buffer, key: string): Generator<number> {
  for (let at = bytes.indexOf(key, 0, "latin1"); at >= 0; at = bytes.indexOf(key, at + key.length, "latin1"))
    if (!isNameChar(bytes[at + key.length])) yield at;
}

/** PDF names end at white space or a delimiter. */
const isNameChar = (byte: number | undefined): boolean => byte !== undefined && byte > 0x20 && !"()<>[]{}/%".includes(String.fromCharCode(byte));

/** The subtypes of FontFile3, which hold font programs, at the /Subtype key at `at`. */
function namesFontProgram(bytes: Buffer, at: number): boolean {
  let value = at + "/Subtype".length;
  while (bytes[value] !== undefined && bytes[value]! <= 0x20) value++;
  return ["/Type1C", "/CIDFontType0C", "/OpenType"].some(
    (name) => bytes.toString("latin1", value, value + name.length) === name && !isNameChar(bytes[value + name.length]),
  );
}

/** A stream dictionary is at most a few hundred bytes: a marker further from `stream` is not in one. */
const DICTIONARY_REACH = 2048;

/** Where the data of the stream whose dictionary holds position `at` starts and ends, or null where `at` is not in a stream's dictionary. */
function streamAfter(bytes: Buffer, at: number): { start: number; end: number } | null {
  const keyword = bytes.indexOf("stream", at, "latin1");
  if (keyword < 0 || keyword - at > DICTIONARY_REACH) return null;
  // an object ending first means the marker was in a dictionary of no stream
  if (bytes.subarray(at, keyword).includes("endobj", 0, "latin1")) return null;
  // the keyword is followed by CRLF or LF, then the data
  let start = keyword + "stream".length;
  if (bytes[start] === 0x0d) start++;
  if (bytes[start] === 0x0a) start++;
  let end = bytes.indexOf("endstream", start, "latin1");
  if (end < 0) return null;
  // and the end-of-line before `endstream` is not part of the data
  if (bytes[end - 1] === 0x0a) end--;
  if (bytes[end - 1] === 0x0d) end--;
  return { start, end };
}
