import { z } from "zod";
import { BBox, PageNumber } from "./geometry.js";
import { DocKind, ProseSection, PageInfo } from "./extracted.js";
import { Finding } from "./finding.js";
import { HeadlineFigure, Meaning } from "./meaning.js";

/**
 * What a table is, the same across provinces' templates (表1 部门收支总表, 部门收支预算总表 and
 * 收支预算总表 are all 部门收支总表). The printed number and title are kept beside it.
 */
export const TableKind = z.enum([
  "部门收支总表", // 表1
  "部门收入总表", // 表1-1
  "部门支出总表", // 表1-2
  "财政拨款收支总表", // 表2
  "财政拨款支出经济分类表", // 表2-1
  "一般公共预算支出表", // 表3 (功能分类)
  "一般公共预算基本支出表", // 表3-1 (经济分类)
  "一般公共预算项目支出表", // 表3-2
  "一般公共预算三公经费表", // 表3-3
  "政府性基金支出表", // 表4
  "政府性基金三公经费表", // 表4-1
  "国有资本经营支出表", // 表5
  "项目绩效目标表", // 表6
  "整体绩效目标表", // 表7
  "政府采购表", // 表8
  "机关运行经费表", // 一般公共预算机关运行经费支出预算表
  "财政拨款支出表", // 财政拨款支出预算表（功能科目）
  "财政拨款基本支出表", // 财政拨款基本支出预算表（经济科目）
  "财政拨款上年结转支出表", // 财政拨款上年结转资金支出表
  "一般公共预算支出经济分类表", // 一般公共预算支出 按经济分类 (all of it, not 基本支出 only)
  "一般公共预算基本支出功能分类表", // 一般公共预算基本支出 按功能分类
  "部门基本支出表", // 基本支出预算表 of every fund (部门预算基本支出预算表)
  "部门项目支出表", // 项目支出预算表 of every fund, 专项业务经费支出表
  "其他",
]);
export type TableKind = z.infer<typeof TableKind>;

export const AmountUnit = z.enum(["元", "万元"]);
export type AmountUnit = z.infer<typeof AmountUnit>;

/** A decimal exactly as printed, thousands separators removed: "1234.56", "-3.00", "0". */
export const Decimal = z.string().regex(/^-?\d+(\.\d+)?$/);
export type Decimal = z.infer<typeof Decimal>;

/** 功能分类 (3/5/7 digits) or 经济分类 (3/5/7 digits) code as digits only. */
export const Code = z.string().regex(/^\d{3}(\d{2}){0,2}$/);
export type Code = z.infer<typeof Code>;

export const ClassificationSystem = z.enum(["func", "econ_dept", "econ_gov", "revenue"]);
export type ClassificationSystem = z.infer<typeof ClassificationSystem>;

export const ResolutionStatus = z.enum([
  "matched", // code known, printed name is the official one
  "name_differs", // code known, printed name differs (both kept)
  "unknown_code", // code not in the edition used
  "unlisted", // code not in the official list we hold, but printed with a name by documents in the database (its registry entry)
  "local_extension", // 7-digit local sub-code under an official 款 (3010201 under 30102)
  "inconsistent", // the printed name belongs to another code of the same parent
]);
export type ResolutionStatus = z.infer<typeof ResolutionStatus>;

/** A row's code resolved against the registry edition of the document's year. */
export const CodeResolution = z.object({
  system: ClassificationSystem,
  code: Code,
  officialName: z.string().nullable(),
  printedName: z.string(),
  /** 类 and 款 ancestors (the code itself where it is one) */
  classCode: Code,
  kuanCode: Code.nullable(),
  status: ResolutionStatus,
  /** the code the printed name belongs to, when status is "inconsistent" */
  suggestedCode: Code.nullable(),
  edition: z.number().int().nullable(),
});
export type CodeResolution = z.infer<typeof CodeResolution>;

/** One printed amount of a row, under one column. */
export const Amount = z.object({
  /** the leaf column header as printed, white space removed, e.g. "基本支出" */
  measure: z.string(),
  value: Decimal,
  page: PageNumber,
  bbox: BBox,
  /** the cell exactly as printed ("1,234.50"); absent where the amount was not read from a cell */
  printed: z.string().optional(),
  /** read by OCR: the engine's lowest confidence in any of its characters (0..1); absent for the text layer */
  confidence: z.number().min(0).max(1).optional(),
  /** the canonical dimensions of the amount (see meaning.ts) */
  meaning: Meaning.optional(),
});
export type Amount = z.infer<typeof Amount>;

export const RowKind = z.enum(["total", "unit", "class", "item"]);
export type RowKind = z.infer<typeof RowKind>;

/**
 * One row of a budget table with its meaning: what kind of row, which unit and codes, its amounts.
 * @example { rowIndex: 3, rowKind: "item", label: "事业运行", funcCode: "2080150", amounts: [{ measure: "合计", value: "473.77", … }] }
 */
export const LineItem = z.object({
  rowIndex: z.number().int().nonnegative(),
  rowKind: RowKind,
  /** department / unit subtotal rows, 表3-2 项-name group rows */
  level: z.enum(["department", "unit", "project_group"]).nullable(),
  /** two-sided tables (表1, 表2) */
  side: z.enum(["income", "expense"]).nullable(),
  /** 表2 income sub-rows repeat their labels under 本年收入 / 上年结转 */
  section: z.string().nullable(),
  /** the row label as printed, line wraps joined, white space removed */
  label: z.string(),
  unitCode: z.string().nullable(),
  funcCode: Code.nullable(),
  econCode: Code.nullable(),
  func: CodeResolution.nullable(),
  econ: CodeResolution.nullable(),
  page: PageNumber,
  amounts: z.array(Amount),
  /** the 政府预算支出经济分类 code (5xx) printed beside the 部门 one (econCode, 3xx) on the same row, and its resolution */
  econGovCode: Code.nullable().optional(),
  econGov: CodeResolution.nullable().optional(),
  /**
   * The rowIndex of the row this one is printed under (a 项 under its 款, an item under its unit or
   * numbered heading, a unit under 合计); null for rows under none (合计 itself, two-sided tables).
   */
  parent: z.number().int().nonnegative().nullable(),
  /** printed as a part of its parent (其中：…): shown for detail, need not add up to it */
  ofWhich: z.boolean(),
});
export type LineItem = z.infer<typeof LineItem>;

/** A table with meaning: kind, unit of amounts, measures and typed rows. */
export const BudgetTable = z.object({
  tableNo: z.string().nullable(),
  title: z.string(),
  kind: TableKind,
  amountUnit: AmountUnit,
  pages: z.array(PageNumber).min(1),
  empty: z.boolean(),
  /** the leaf column headers that carry amounts, in printed order */
  measures: z.array(z.string()),
  rows: z.array(LineItem),
  notes: z.array(z.string()),
  /** the table's number normalized: 表一, 公开01表, 一、 and 5 are all "1", "1", "1", "5"; null where none is printed */
  number: z.string().nullable().optional(),
});
export type BudgetTable = z.infer<typeof BudgetTable>;

/** 表6: one indicator of one project's 绩效目标. */
export const PerformanceTarget = z.object({
  unit: z.string(),
  project: z.string(),
  budget: Decimal.nullable(),
  goal: z.string(),
  level1: z.string(),
  level2: z.string(),
  level3: z.string(),
  /** ≥ ≤ ＝ 定性 … as printed */
  operator: z.string(),
  value: z.string(),
  measureUnit: z.string(),
  weight: z.string(),
  direction: z.string(),
  page: PageNumber,
});
export type PerformanceTarget = z.infer<typeof PerformanceTarget>;

/** 表8: one 政府采购 item. */
export const ProcurementItem = z.object({
  unit: z.string(),
  project: z.string(),
  item: z.string(),
  itemCode: z.string().nullable(),
  quantity: z.string().nullable(),
  amount: Decimal.nullable(),
  sme: z.string().nullable(),
  micro: z.string().nullable(),
  prison: z.string().nullable(),
  disabled: z.string().nullable(),
  page: PageNumber,
  /** 采购品目大类 the item is printed under (一、货物A), where the table prints one */
  category: z.string().nullable().optional(),
});
export type ProcurementItem = z.infer<typeof ProcurementItem>;

/** A number stated in the prose (情况说明), to be compared with the tables. */
export const Claim = z.object({
  /** what the sentence says the number is, e.g. "收支预算总数", "一般公共预算拨款收入" */
  subject: z.string(),
  value: Decimal,
  unit: z.enum(["元", "万元", "%"]),
  page: PageNumber,
  sentence: z.string(),
});
export type Claim = z.infer<typeof Claim>;

export const BudgetUnit = z.object({ code: z.string().nullable(), name: z.string() });
export type BudgetUnit = z.infer<typeof BudgetUnit>;

/** One document with meaning: the contract between normalize and load. */
export const BudgetDocument = z.object({
  fileName: z.string(),
  sha256: z.string(),
  fiscalYear: z.number().int().nullable(),
  region: z.string().nullable(),
  department: z.string().nullable(),
  docKind: DocKind.nullable(),
  pageCount: z.number().int().nonnegative(),
  /** registry edition the codes were resolved against */
  edition: z.number().int().nullable(),
  pages: z.array(PageInfo),
  units: z.array(BudgetUnit),
  tables: z.array(BudgetTable),
  performanceTargets: z.array(PerformanceTarget),
  procurement: z.array(ProcurementItem),
  prose: z.array(ProseSection),
  claims: z.array(Claim),
  findings: z.array(Finding),
  /** the document's headline figures (document_summary), each from the cell or sentence that prints it */
  headlines: z.array(HeadlineFigure).optional(),
});
export type BudgetDocument = z.infer<typeof BudgetDocument>;
