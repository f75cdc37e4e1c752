import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
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
