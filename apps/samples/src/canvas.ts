import PDFDocument from "pdfkit";
import type { CjkFonts } from "./font.js";

export type Rules = "filled" | "stroked" | "none";

export interface PageBox {
  readonly width: number;
  readonly height: number;
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

const A4: readonly [number, number] = [595.28, 841.89];
const MARGIN = { side: 48, top: 50, bottom: 56 };
const RULE = 0.5;

// Breaks between CJK characters, but keeps runs of Latin letters, digits and number punctuation whole.
const TOKEN = /[A-Za-z0-9.,%\-/+()（）]+|./gsu;
// Closing punctuation never starts a line (it may overhang the column slightly instead).
const CLOSING = new Set([..."。，、；：？！）》”’」"]);

/**
 * A PDF being drawn at absolute positions: pages, one-line text, wrapping and table rules.
 * @example const c = new Canvas(fonts, { title: "x", date: new Date(0) }); c.newPage(false); c.text("合计", 50, 50, 9);
 */
export class Canvas {
  readonly doc: PDFKit.PDFDocument;
  private pageCount = 0;
  box: PageBox = { width: 0, height: 0, left: 0, right: 0, top: 0, bottom: 0 };

  constructor(fonts: CjkFonts, meta: { readonly title: string; readonly date: Date }) {
    // Fixed dates make the file ID and bytes reproducible; pages are buffered so footers can be added last.
    this.doc = new PDFDocument({
      autoFirstPage: false,
      bufferPages: true,
      compress: true,
      info: { Title: meta.title, Creator: "yusuan apps/samples", Producer: "PDFKit", CreationDate: meta.date, ModDate: meta.date },
    });
    this.doc.registerFont("regular", fonts.regular.file, fonts.regular.postscriptName);
    this.doc.registerFont("bold", fonts.bold.file, fonts.bold.postscriptName);
  }

  /** 1-based number of the current page. */
  get page(): number {
    return this.pageCount;
  }

  newPage(landscape: boolean): PageBox {
    const [w, h] = landscape ? [A4[1], A4[0]] : A4;
    this.doc.addPage({ size: [w, h], margin: 0 });
    this.pageCount += 1;
    this.box = { width: w, height: h, left: MARGIN.side, right: w - MARGIN.side, top: MARGIN.top, bottom: h - MARGIN.bottom };
    return this.box;
  }

  widthOf(text: string, size: number, bold = false): number {
    return this.doc.font(bold ? "bold" : "regular").fontSize(size).widthOfString(text);
  }

  /** Draws one line with its top at y; align positions it inside [x, x + width]. */
  text(text: string, x: number, y: number, size: number, opts: { bold?: boolean; align?: "left" | "center" | "right"; width?: number } = {}): void {
    if (text === "") return;
    const bold = opts.bold ?? false;
    const w = this.widthOf(text, size, bold);
    const width = opts.width ?? w;
    const dx = opts.align === "center" ? (width - w) / 2 : opts.align === "right" ? width - w : 0;
    this.doc.font(bold ? "bold" : "regular").fontSize(size).text(text, x + dx, y, { lineBreak: false });
  }

  /** Greedy line breaking to a width; an explicit "\n" forces a break. */
  wrap(text: string, width: number, size: number, bold = false): string[] {
    const lines: string[] = [];
    for (const paragraph of text.split("\n")) {
      let line = "";
      for (const token of paragraph.match(TOKEN) ?? []) {
        if (line !== "" && !CLOSING.has(token) && this.widthOf(line + token, size, bold) > width) {
          lines.push(line);
          line = token.trimStart();
        } else {
          line += token;
        }
      }
      lines.push(line);
    }
    return lines;
  }

  /** A cell border in the document's rule style. */
  cellBorder(rules: Rules, x: number, y: number, w: number, h: number): void {
    if (rules === "filled") {
      const d = this.doc.fillColor("black");
      d.rect(x, y, w, RULE).fill();
      d.rect(x, y + h - RULE, w, RULE).fill();
      d.rect(x, y, RULE, h).fill();
      d.rect(x + w - RULE, y, RULE, h).fill();
    } else if (rules === "stroked") {
      this.doc.lineWidth(RULE).strokeColor("black").rect(x, y, w, h).stroke();
    }
  }

  /** Writes a footer on every page from `from` on (1-based) and the running header on every page, then closes the document. */
  finish(footer: (page: number) => string, from: number, runningHeader = ""): Promise<Buffer> {
    const range = this.doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i += 1) {
      const page = i + 1;
      this.doc.switchToPage(i);
      const width = this.doc.page.width;
      this.text(runningHeader, 0, 24, 9, { align: "center", width });
      if (page >= from) this.text(footer(page), 0, this.doc.page.height - 36, 9, { align: "center", width });
    }
    const chunks: Buffer[] = [];
    this.doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    const done = new Promise<Buffer>((resolve) => this.doc.on("end", () => resolve(Buffer.concat(chunks))));
    this.doc.end();
    return done;
  }
}
