import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createDeflate } from "node:zlib";
import PDFDocument from "pdfkit";

/** Writes a PDF made with pdfkit: `draw` fills the one page; options pass encryption. */
function pdf(path: string, draw: (doc: PDFKit.PDFDocument) => void, options: PDFKit.PDFDocumentOptions = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: "A4", ...options, info: { CreationDate: new Date(0) } });
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => {
      writeFileSync(path, Buffer.concat(chunks));
      resolve();
    });
    doc.on("error", reject);
    draw(doc);
    doc.end();
  });
}

/**
 * The bad inputs a real batch meets, made fresh in `dir` beside one good sample PDF:
 * empty, not a PDF, truncated, password-protected, image-only (no text layer), owner-password only.
 * @example const files = await makeBadInputs(tmp, "data/samples/dazhou_rsxxzx_2025_sample.pdf");
 */
export async function makeBadInputs(dir: string, goodPdf: string) {
  const files = {
    good: join(dir, "good.pdf"),
    empty: join(dir, "empty.pdf"),
    notPdf: join(dir, "notes.pdf"),
    truncated: join(dir, "truncated.pdf"),
    encrypted: join(dir, "encrypted.pdf"),
    scanned: join(dir, "scanned.pdf"),
    ownerOnly: join(dir, "owner-only.pdf"),
  };
  copyFileSync(goodPdf, files.good);
  writeFileSync(files.empty, "");
  writeFileSync(files.notPdf, "部门预算公开\n这不是 PDF 文件\n");
  const bytes = readFileSync(goodPdf);
  writeFileSync(files.truncated, bytes.subarray(0, Math.floor(bytes.length / 3)));
  await pdf(files.encrypted, (d) => d.text("budget 2025"), { userPassword: "secret", ownerPassword: "owner" });
  await pdf(files.scanned, (d) => d.rect(50, 50, 400, 600).fillColor("#888").fill());
  await pdf(files.ownerOnly, (d) => d.text("budget 2025: an owner password restricts printing only"), {
    ownerPassword: "owner",
    permissions: { printing: "lowResolution" },
  });
  return files;
}

/**
 * A PDF of `pages` pages, each with one line of text: long, but nothing in it is wrong.
 * @example await makeLongPdf(join(tmp, "long.pdf"), 3000)
 */
export function makeLongPdf(path: string, pages: number): Promise<void> {
  return pdf(path, (d) => {
    for (let i = 1; i <= pages; i++) {
      if (i > 1) d.addPage();
      d.text(`page ${i} of ${pages}`);
    }
  });
}

/** `megabytes` of spaces deflated to about a thousandth of that: small on disk, huge once decoded. */
async function deflatedSpaces(megabytes: number): Promise<Buffer> {
  const deflate = createDeflate({ level: 9 });
  const parts: Buffer[] = [];
  deflate.on("data", (c: Buffer) => parts.push(c));
  const done = new Promise((resolve) => deflate.on("end", resolve));
  const spaces = Buffer.alloc(1024 * 1024, 0x20);
  for (let i = 0; i < megabytes; i++) deflate.write(spaces);
  deflate.end();
  await done;
  return Buffer.concat(parts);
}

/** A stream object: its dictionary entries (besides /Length) and its bytes. */
const streamObject = (entries: string, bytes: Buffer): Buffer =>
  Buffer.concat([Buffer.from(`<< /Length ${bytes.length} ${entries} >>\nstream\n`, "latin1"), bytes, Buffer.from("\nendstream", "latin1")]);

/**
 * A one-page PDF whose content stream inflates to `megabytes` (a "zip bomb" in PDF form).
 * @example await makeInflatingPdf(join(tmp, "bomb.pdf"), 1024)
 */
export async function makeInflatingPdf(path: string, megabytes: number): Promise<void> {
  writeOnePagePdf(path, "/Contents 4 0 R /Resources << >>", streamObject("/Filter /FlateDecode", await deflatedSpaces(megabytes)));
}

/**
 * A one-page PDF with a line of text and a grey picture of `megabytes` pixels once inflated: a scan or a
 * photo in a disclosure, harmless as long as nobody decodes it.
 * @example await makeLargeImagePdf(join(tmp, "photo.pdf"), 1024)
 */
export async function makeLargeImagePdf(path: string, megabytes: number): Promise<void> {
  const content = Buffer.from("BT /F1 12 Tf 72 760 Td (a page with a picture) Tj ET q 495 0 0 600 50 100 cm /Im1 Do Q", "latin1");
  writeOnePagePdf(
    path,
    "/Contents 4 0 R /Resources << /Font << /F1 5 0 R >> /XObject << /Im1 6 0 R >> >>",
    streamObject("", content),
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    streamObject(`/Type /XObject /Subtype /Image /Width 1024 /Height ${megabytes * 1024} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode`, await deflatedSpaces(megabytes)),
  );
}

/**
 * A one-page PDF whose page carries an array nested `depth` levels deep ([[[…]]]): a parser that recurses
 * per level runs out of stack.
 * @example makeNestedPdf(join(tmp, "nested.pdf"), 100_000)
 */
export function makeNestedPdf(path: string, depth: number): void {
  writeOnePagePdf(path, `/Resources << >> /Nested ${"[".repeat(depth)}${"]".repeat(depth)}`);
}

/** Writes a one-page A4 PDF: catalog 1, pages 2, the page 3 with `pageEntries`, then `objects` from 4 on. */
function writeOnePagePdf(path: string, pageEntries: string, ...objects: (string | Buffer)[]): void {
  writeRawPdf(path, [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] ${pageEntries} >>`,
    ...objects,
  ]);
}

/** Writes a PDF of numbered objects (1 is the catalog) with a correct cross-reference table. */
function writeRawPdf(path: string, objects: (string | Buffer)[]): void {
  const chunks: Buffer[] = [Buffer.from("%PDF-1.4\n", "latin1")];
  const offsets: number[] = [];
  let length = chunks[0]!.length;
  const push = (b: Buffer) => {
    chunks.push(b);
    length += b.length;
  };
  objects.forEach((o, i) => {
    offsets.push(length);
    push(Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, "latin1"), typeof o === "string" ? Buffer.from(o, "latin1") : o, Buffer.from("\nendobj\n", "latin1")]));
  });
  const xref = offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("");
  push(Buffer.from(`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`, "latin1"));
  writeFileSync(path, Buffer.concat(chunks));
}

/**
 * A copy of `source` in which the first two page objects swap numbers (`7 0 obj` ↔ `11 0 obj`, numbers of
 * one length so every offset stays right): each page's body sits under the other's number and pdf.js, after
 * rebuilding the cross-reference, rejects a promise nobody awaits.
 * @example swapPageObjects("data/samples/a.pdf", join(tmp, "swapped.pdf"))
 */
export function swapPageObjects(source: string, path: string): void {
  const text = readFileSync(source).toString("latin1");
  const pages = [...text.matchAll(/(?<=^|[\r\n])(\d+) 0 obj\s*<<\s*\/Type \/Page\b(?!s)/g)].map((m) => m[1]!);
  const [a, b] = pages.filter((n) => n.length === pages[pages.length - 1]!.length).slice(-2);
  if (!a || !b) throw new Error(`${source}: no two page objects with numbers of one length`);
  const swapped = text.replace(new RegExp(`(?<=^|[\\r\\n])(${a}|${b}) 0 obj`, "g"), (_, n: string) => `${n === a ? b : a} 0 obj`);
  writeFileSync(path, Buffer.from(swapped, "latin1"));
}
