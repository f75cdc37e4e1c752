import { Canvas } from "./canvas.js";
import { drawBlocks, drawContents, drawTitlePage } from "./draw-prose.js";
import { drawTable } from "./draw-table.js";
import type { CjkFonts } from "./font.js";
import type { SampleDocument } from "./model.js";
import { gridTable } from "./table-content.js";

const NUMERALS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五", "十六"];

export interface RenderedDocument {
  readonly pdf: Buffer;
  readonly pageCount: number;
  /** 1-based pages of each table, keyed by table number. */
  readonly tablePages: ReadonlyMap<string, readonly number[]>;
}

function footerText(style: SampleDocument["style"]["page_number"], page: number): string {
  if (style === "di-ye") return `第 ${page} 页`;
  if (style === "dash") return `- ${page} -`;
  return String(page);
}

/**
 * Lays out a whole disclosure: cover, 目录, the four parts, one table per page (or more).
 * @example const { pdf, tablePages } = await renderDocument(doc, findCjkFonts("serif"));
 */
export async function renderDocument(doc: SampleDocument, fonts: CjkFonts): Promise<RenderedDocument> {
  // Dated to the start of the fiscal year so the bytes do not depend on when the samples are made.
  const canvas = new Canvas(fonts, { title: `${doc.department}${doc.fiscal_year}年${doc.doc_kind}`, date: new Date(Date.UTC(doc.fiscal_year, 0, 1)) });
  const year = `${doc.fiscal_year}年`;
  const parts = [
    { title: `第一部分 ${doc.department}概况`, entries: doc.overview.filter((b) => b.kind === "heading").map((b) => b.text) },
    { title: `第二部分 ${doc.department}${year}${doc.doc_kind}表`, entries: doc.tables.map((t, i) => `${NUMERALS[i] ?? i + 1}、${t.title}（表${t.table_no}）`) },
    { title: `第三部分 ${doc.department}${year}${doc.doc_kind}情况说明`, entries: doc.explanation.filter((b) => b.kind === "heading").map((b) => b.text) },
    { title: "第四部分 名词解释", entries: [] },
  ];
  drawTitlePage(canvas, [doc.department, `${year}${doc.doc_kind}`], 26);
  drawContents(canvas, parts);
  drawBlocks(canvas, parts[0]?.title ?? "", doc.overview);
  drawTitlePage(canvas, [parts[1]?.title ?? ""], 20);
  const tablePages = new Map<string, readonly number[]>();
  for (const table of doc.tables) {
    const frame = {
      label: doc.style.table_label.replace("{no}", table.table_no).replace("{words}", NUMERALS[Number(table.table_no) - 1] ?? table.table_no),
      title: table.title,
      order: doc.style.frame ?? "label-first",
      org: { prefix: table.org_prefix ?? doc.style.org_prefix, name: table.org_name ?? doc.department, apart: doc.style.org_apart ?? false },
      unit: table.amount_unit === "元" ? "单位：元" : `金额单位：${table.amount_unit}`,
      landscape: doc.style.landscape.includes(table.table_no),
      continuation: table.continuation ?? "header",
    };
    tablePages.set(table.table_no, drawTable(canvas, table.rules ?? doc.style.rules, frame, gridTable(doc, table)));
  }
  drawBlocks(canvas, parts[2]?.title ?? "", doc.explanation);
  drawBlocks(canvas, parts[3]?.title ?? "", doc.glossary);
  const pageCount = canvas.page;
  const pdf = await canvas.finish((page) => footerText(doc.style.page_number, page - 1), 2, doc.style.running_header);
  return { pdf, pageCount, tablePages };
}
