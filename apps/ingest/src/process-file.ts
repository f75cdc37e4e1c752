import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { extractDocument, type ExtractOptions } from "@yusuan/extract";
import { normalizeDocument, type Classifier } from "@yusuan/normalize";
import type { BudgetDocument } from "@yusuan/schema";

/** What became of one input file: a document to load, or the reason it cannot be. */
export type FileOutcome =
  | { status: "loaded"; fileName: string; sha256: string; document: BudgetDocument }
  | { status: "failed" | "needs_ocr"; fileName: string; sha256: string; reason: string; pageCount: number | null };

/** Explains pdfjs's errors in the words a user needs (the exception names are pdfjs's own). */
function describeOpenError(error: unknown): string {
  const e = error as { name?: string; message?: string };
  const message = e?.message ?? String(error);
  // pdf.js passes the RangeError on under a name of its own; the message is what is left of it.
  if (/maximum call stack size exceeded/i.test(message)) return `malformed PDF: objects nested too deeply to read (${message})`;
  switch (e?.name) {
    case "PasswordException":
      return "password-protected: the PDF needs a password to open";
    case "InvalidPDFException":
      return `corrupt or truncated PDF: ${message}`;
    case "MissingPDFException":
      return `missing PDF: ${message}`;
    case "FormatError":
      return `malformed PDF: ${message}`;
    default:
      return `could not read the PDF: ${message}`;
  }
}

/**
 * Reads, extracts and normalizes one file, never throwing: a bad input becomes a `failed` or `needs_ocr` outcome.
 * @example const outcome = await processFile("data/samples/a.pdf", classifier);
 */
export async function processFile(
  path: string,
  classifier: Classifier,
  onPage?: (page: number, pageCount: number) => void,
  ocr: Pick<ExtractOptions, "ocr" | "onOcrPage"> = {},
): Promise<FileOutcome> {
  const fileName = basename(path);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (error) {
    return { status: "failed", fileName, sha256: "", reason: `cannot read the file: ${(error as Error).message}`, pageCount: null };
  }
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const fail = (reason: string, pageCount: number | null = null, status: "failed" | "needs_ocr" = "failed"): FileOutcome => ({
    status,
    fileName,
    sha256,
    reason,
    pageCount,
  });
  if (bytes.length === 0) return fail("empty file (0 bytes)");
  const head = Buffer.from(bytes.subarray(0, 1024)).toString("latin1");
  if (!head.includes("%PDF-")) return fail(`not a PDF: the file does not start with %PDF- (it starts with ${JSON.stringify(head.slice(0, 16))})`);
  let extracted;
  try {
    extracted = await extractDocument(bytes, { fileName, ...(onPage ? { onPage } : {}), ...ocr });
  } catch (error) {
    return fail(describeOpenError(error));
  }
  if (extracted.pageCount === 0) return fail("the PDF has no pages", 0);
  // Text that decodes to the wrong characters (or to none) would load as labels nobody printed, and codes as
  // amounts; it is no scan either, so never needs_ocr.
  const garbled = extracted.findings.find((f) => f.code === "garbled_text" && f.severity === "error");
  if (garbled) return fail(garbled.message, extracted.pageCount);
  if (extracted.pages.every((p) => p.textChars === 0))
    return fail(
      ocr.ocr === false
        ? `scanned: none of its ${extracted.pageCount} pages has a text layer; OCR is needed (it was turned off by --no-ocr)`
        : `scanned: none of its ${extracted.pageCount} pages has a text layer, and OCR could not read them (no picture on the pages, or no text in them)`,
      extracted.pageCount,
      "needs_ocr",
    );
  let document: BudgetDocument;
  try {
    document = normalizeDocument(extracted, { sha256, classifier });
  } catch (error) {
    return fail(`normalization failed: ${(error as Error).message}`, extracted.pageCount);
  }
  return { status: "loaded", fileName, sha256, document };
}
