import { z } from "zod";
import { BBox, PageNumber } from "./geometry.js";
import { Finding } from "./finding.js";
import { TextSource } from "./layout.js";

/** One table cell as printed: text with line wraps joined, where it sits. */
export const Cell = z.object({
  text: z.string(),
  page: PageNumber,
  bbox: BBox,
  /** read by OCR: the engine's lowest confidence in any of its characters (0..1); absent for the text layer */
  confidence: z.number().min(0).max(1).optional(),
});
export type Cell = z.infer<typeof Cell>;

/**
 * A leaf column of a table: its header path from the top header row down to the leaf, each part
 * with white space removed (e.g. ["项目", "科目编码", "类"] or ["当年财政拨款预算安排", "小计"]).
 * Two-sided tables (表1, 表2) start the path with the side: ["收入", "预算数"], ["支出", "项目"].
 */
export const Column = z.object({
  path: z.array(z.string()),
  x0: z.number(),
  x1: z.number(),
});
export type Column = z.infer<typeof Column>;

/** One body row, cells aligned with the table's columns (null where the cell is blank). */
export const ExtractedRow = z.object({
  cells: z.array(Cell.nullable()),
  page: PageNumber,
});
export type ExtractedRow = z.infer<typeof ExtractedRow>;

/**
 * A table as a grid of cell text, stitched over pages, before any meaning is given to it.
 * @example { tableNo: "1-2", title: "部门支出总表", pages: [7], unitText: "万元", columns, rows, empty: false, notes: [] }
 */
export const ExtractedTable = z.object({
  /** the printed number without 表/公开/附表, e.g. "1-2", "01"; null where none is printed */
  tableNo: z.string().nullable(),
  /** the printed title, white space removed, e.g. "部门支出总表" or "2025年部门支出预算总表" */
  title: z.string(),
  pages: z.array(PageNumber).min(1),
  /** what the 金额单位/单位 line says, e.g. "万元" or "元"; null where nothing is printed */
  unitText: z.string().nullable(),
  /** the 部门/单位 line printed above the table, e.g. "达州市人力资源和社会保障信息管理中心" */
  entityText: z.string().nullable(),
  columns: z.array(Column),
  rows: z.array(ExtractedRow),
  /** printed as empty: 此表无数据 / 本表无数据 / 无 … 预算 */
  empty: z.boolean(),
  /** 备注 / 注 lines printed with the table */
  notes: z.array(z.string()),
});
export type ExtractedTable = z.infer<typeof ExtractedTable>;

export const DocKind = z.enum(["部门预算", "单位预算", "部门决算", "单位决算"]);
export type DocKind = z.infer<typeof DocKind>;

/** What the cover, titles and headers say about the document. */
export const DocumentMeta = z.object({
  title: z.string().nullable(),
  fiscalYear: z.number().int().nullable(),
  region: z.string().nullable(),
  department: z.string().nullable(),
  docKind: DocKind.nullable(),
});
export type DocumentMeta = z.infer<typeof DocumentMeta>;

/** A stretch of prose under one heading (第一部分 概况, 第三部分 情况说明, …). */
export const ProseSection = z.object({
  heading: z.string(),
  page: PageNumber,
  text: z.string(),
});
export type ProseSection = z.infer<typeof ProseSection>;

export const PageInfo = z.object({
  page: PageNumber,
  width: z.number(),
  height: z.number(),
  rotation: z.number().int(),
  /** number of non-blank characters in the text layer: 0 on a scanned page */
  textChars: z.number().int().nonnegative(),
  /** where its text was read: the text layer, or OCR of its picture (a page without a text layer) */
  source: TextSource.default("pdf"),
});
export type PageInfo = z.infer<typeof PageInfo>;

/** Everything extraction read from one PDF. */
export const ExtractedDocument = z.object({
  fileName: z.string(),
  pageCount: z.number().int().nonnegative(),
  meta: DocumentMeta,
  pages: z.array(PageInfo),
  tables: z.array(ExtractedTable),
  prose: z.array(ProseSection),
  findings: z.array(Finding),
});
export type ExtractedDocument = z.infer<typeof ExtractedDocument>;
