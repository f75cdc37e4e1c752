import { HeadlineName } from "@yusuan/schema";
import { WIDE_VIEWS } from "./migrations.js";

/**
 * What the exports hold: one definition per file/sheet/resource, shared by CSV, XLSX and the
 * Frictionless data package so the three never disagree on columns, types or row order.
 */

/**
 * `decimal`: an amount as printed (exact text, e.g. "-12.50"), written as a bare number;
 * `number`: a computed REAL (rollups); `string` keeps codes such as 001001 as text.
 */
export type FieldType = "string" | "integer" | "number" | "decimal" | "boolean" | "datetime";

export interface ExportField {
  readonly name: string;
  readonly type: FieldType;
  readonly description?: string;
}

export interface ExportDefinition {
  readonly name: string;
  readonly title: string;
  readonly fields: readonly ExportField[];
  /** selects exactly `fields`, in a deterministic order */
  readonly sql: string;
  readonly primaryKey?: readonly string[];
  readonly foreignKeys?: readonly { fields: readonly string[]; resource: string; reference: readonly string[] }[];
}

const s = (name: string, description?: string): ExportField => ({ name, type: "string", ...(description ? { description } : {}) });
const i = (name: string, description?: string): ExportField => ({ name, type: "integer", ...(description ? { description } : {}) });
const num = (name: string, description?: string): ExportField => ({ name, type: "number", ...(description ? { description } : {}) });
const dec = (name: string, description?: string): ExportField => ({ name, type: "decimal", ...(description ? { description } : {}) });

const select = (fields: readonly ExportField[], from: string): string =>
  `SELECT ${fields.map((f) => f.name).join(", ")} FROM ${from}`;

const documentFields = [
  i("id"), s("file_name"), s("source_path"), s("sha256"), s("status", "loaded, failed or needs_ocr"),
  s("error", "why the document was not loaded"),
  s("reread_error", "why the last re-read of loaded content failed (--force): the loaded version was kept"), i("fiscal_year"), s("region"), s("department"), s("doc_kind"),
  i("page_count"), i("edition", "classification edition the codes were resolved against"), i("table_count"),
  i("fact_count"), i("error_count"), i("warning_count"), i("info_count"),
  { name: "clean", type: "boolean", description: "loaded without any error-severity issue" } as const,
  { name: "loaded_at", type: "datetime" } as const,
  i("department_id", "the department the document is linked to (departments.csv)"), s("department_link", "why it is linked to it, or to none"),
] as const satisfies readonly ExportField[];

const factFields = [
  s("document", "file base name"), i("fiscal_year"), s("department"),
  s("table_no", "printed table number, empty where none is printed"), s("table_kind"), s("unit_code"),
  s("func_code", "支出功能分类 code, digits only"), s("econ_code", "经济分类 code, digits only"), s("label"),
  s("measure", "column header as printed"), dec("amount", "as printed, thousands separators removed"),
  s("amount_unit", "元 or 万元"), i("page", "1-based PDF page"), i("row_index"), s("row_kind"),
  i("document_id"), i("table_id"), i("line_item_id"), i("amount_id"),
  s("amount_text", "the cell exactly as printed, thousands separators kept"),
  i("amount_fen", "the amount in 分 (0.01 元): exact, sums across documents stay exact"),
  num("amount_wan", "the amount in 万元"),
  s("doc_kind", "预算 or 决算"), s("scope", "部门 or 单位"), s("table_number", "table number normalized (表一, 01 and 1 are 1)"),
  s("side", "income or expense"), s("period", "current, previous, change, change_pct or execution_pct (a 决算's 完成率, a percentage)"), s("basis", "预算, 调整预算 or 决算"),
  s("fund", "source of the money: total, 一般公共预算, 政府性基金 …"), s("use", "total, 基本支出, 人员经费, 公用经费, 项目支出 …"),
  s("item", "三公 items, 会议费, 培训费, 机关运行经费, 政府采购"),
  { name: "of_which", type: "boolean", description: "a part printed beside its whole: never add it to its siblings" },
  { name: "aggregate", type: "boolean", description: "a 合计/小计/总计 column or row" },
  s("econ_gov_code", "政府预算支出经济分类 code printed beside the 部门 one (econ_code)"),
] as const satisfies readonly ExportField[];

/** The headline figures of document_summary, one number column each. */
const headlineFields = HeadlineName.options.map((h) => num(h, "万元, empty where the document prints none"));

const summaryFields: readonly ExportField[] = [
  s("document"), s("doc_kind", "预算 or 决算"), s("scope", "部门 or 单位"), i("fiscal_year"), s("department"), s("region"),
  ...headlineFields,
  i("document_id"),
];

const departmentLinkFields = [
  i("department_id"), s("department", "the department's name (the fullest its documents print)"), s("region"), s("kind", "部门 or 单位"),
  i("document_id"), s("document"), i("fiscal_year"), s("doc_kind"), s("printed_name", "the name the document prints"),
  s("reason", "the evidence for the link (or why there is none), or the override that made it"),
] as const satisfies readonly ExportField[];

const yearOverYearFields = [
  s("department"), s("region"), i("fiscal_year"), s("scope", "部门 or 单位"), s("table_kind"), s("fund"), s("use"),
  s("code_system", "func (功能分类) or econ (经济分类)"), s("code"), s("label", "the row's name as printed"),
  num("current_wan", "this year's budget, 万元"), num("previous_wan", "the previous year's budget, 万元: from its own document when loaded, else as this document prints it"),
  num("change_wan", "current − previous, 万元"), num("change_pct", "change as a percentage of previous"),
  s("previous_source", "previous_document (the previous year's budget document) or printed_previous (this document's 上年 column); empty: none"),
  num("printed_previous_wan", "the 上年 amount this document prints, 万元, whatever the source above"),
  s("document"), s("previous_document"), i("department_id"), i("document_id"),
] as const satisfies readonly ExportField[];

const budgetExecutionFields = [
  s("department"), s("region"), i("fiscal_year"), s("scope", "部门 or 单位"), s("line", "func (a 功能 code) or item (三公 and its items, 机关运行经费)"),
  s("func_code"), s("item"), s("fund"), s("use"), s("label"),
  num("budget_initial_wan", "年初预算, 万元: as the 决算 prints it, else the budget document's"), num("budget_adjusted_wan", "调整预算, 万元, where the 决算 prints it"),
  num("final_wan", "决算, 万元"), num("execution_rate", "决算 as a percentage of the adjusted budget (of the initial one where none is printed)"),
  s("budget_source", "final_document (the 决算's own budget columns) or budget_document (the year's budget document)"),
  num("budget_document_wan", "the budget document's amount, 万元, for comparison"),
  s("document", "the 决算 document"), s("budget_document"), i("department_id"), i("document_id"),
] as const satisfies readonly ExportField[];

const peerFields: readonly ExportField[] = [
  s("region"), i("fiscal_year"), s("doc_kind", "预算 or 决算"), s("scope", "部门 or 单位"), s("department"),
  ...headlineFields,
  num("personnel_share", "人员经费 as a percentage of 基本支出"), num("region_expense_share", "支出总计 as a percentage of the peers' (same region, year, kind and scope)"),
  i("peers", "documents of the same region, year, kind and scope"), s("document"), s("printed_department", "the name the document prints"),
  i("department_id"), i("document_id"),
];

const rollupFields = (code: string): readonly ExportField[] => [
  s("document"), i("fiscal_year"), s("department"), s("table_no"), s("table_kind"), s("measure"), s("amount_unit"),
  s("level", "class (类) or kuan (款)"), s(code), num("amount"), i("item_count"),
];

const classificationFields = [
  s("system", "func, econ_dept, econ_gov, revenue, …"), s("code"), s("name"), i("level"), s("parent_code"),
  i("valid_from", "first edition (fiscal year) of this name, empty = unbounded"),
  i("valid_to", "last edition of this name, empty = unbounded"), s("source"), s("ref"), s("note"),
] as const satisfies readonly ExportField[];

const toDocuments = [{ fields: ["document_id"], resource: "documents", reference: ["id"] }] as const;

const wideFields = (columns: readonly string[]): readonly ExportField[] => [
  s("document"), i("fiscal_year"), s("department"), s("table_no"), s("amount_unit"), i("row_index"), s("row_kind"), s("level"),
  s("side"), s("section"), s("label"), s("unit_code"), s("func_code"), s("econ_code"), i("page", "1-based PDF page"),
  ...columns.map((c) => num(c, "current year, in amount_unit; empty where the row prints none")),
  s("amounts", "every amount of the row as printed: JSON {header: amount}"), i("document_id"), i("table_id"), i("line_item_id"),
];

/** One export per wide view: a row per printed row of one kind of table, a column per canonical fund, use or item. */
const wideExports = WIDE_VIEWS.map(({ view, kind, columns }): ExportDefinition => {
  const fields = wideFields(columns);
  return {
    name: view,
    title: `${kind}: one row per printed row, a column per fund, use or item (current year)`,
    fields,
    sql: `SELECT ${fields.map((f) => `"${f.name}"`).join(", ")} FROM ${view} ORDER BY document, document_id, table_id, row_index`,
    primaryKey: ["line_item_id"],
    foreignKeys: toDocuments,
  };
});

export const EXPORTS: readonly ExportDefinition[] = Object.freeze([
  {
    name: "facts",
    title: "One row per printed amount of every loaded document",
    fields: factFields,
    sql: `SELECT ${factFields.map((f) => (f.name === "amount" ? "amount_decimal AS amount" : f.name)).join(", ")}
          FROM facts ORDER BY document, document_id, table_index, row_index, ordinal`,
    primaryKey: ["amount_id"],
    foreignKeys: [
      ...toDocuments,
      { fields: ["table_id"], resource: "budget_tables", reference: ["id"] },
      { fields: ["line_item_id"], resource: "line_items", reference: ["id"] },
    ],
  },
  {
    name: "document_summary",
    title: "One row per loaded document: its headline figures in 万元 (document_summary_sources says where each was printed)",
    fields: summaryFields,
    sql: `${select(summaryFields, "document_summary")} ORDER BY document, document_id`,
    primaryKey: ["document_id"],
    foreignKeys: toDocuments,
  },
  {
    name: "document_summary_sources",
    title: "Where each headline figure was printed: table and page, or the prose's page",
    fields: [
      s("document"), s("figure"), num("amount_wan", "万元"), s("printed", "as printed"),
      s("unit", "the unit it was printed in"), s("source", "table or prose"), s("table_no"), s("title", "table title or prose heading"),
      i("page", "1-based PDF page"), i("document_id"),
    ],
    sql: `SELECT document, figure, amount_wan, printed, unit, source, table_no, title, page, document_id
          FROM document_summary_sources ORDER BY document, document_id, figure`,
    foreignKeys: toDocuments,
  },
  {
    name: "departments",
    title: "One row per department or unit: its region, code, parent and every name its documents print",
    fields: [
      i("id"), s("name"), s("region"), s("kind", "部门 or 单位"), s("code", "unit code (prefix) its documents print"), i("parent_id", "the department listing this unit"),
      s("names", "every name printed for it, separated by ｜"), i("documents", "documents linked to it"), s("key", "region|name without region: the same id from run to run"),
    ],
    sql: `SELECT p.id, p.name, p.region, p.kind, p.code, p.parent_id,
            (SELECT group_concat(name, '｜') FROM (SELECT name FROM department_names WHERE department_id = p.id ORDER BY name)) AS names,
            (SELECT count(*) FROM documents WHERE department_id = p.id) AS documents, p.key
          FROM departments p ORDER BY p.region, p.name, p.id`,
    primaryKey: ["id"],
  },
  {
    name: "department_links",
    title: "Each loaded document, the department it is linked to and why",
    fields: departmentLinkFields,
    sql: `${select(departmentLinkFields, "department_links")} ORDER BY region, department, fiscal_year, document, document_id`,
    primaryKey: ["document_id"],
    foreignKeys: toDocuments,
  },
  {
    name: "year_over_year",
    title: "Each department's budget per 功能 and 经济 code against the previous year's, with the change",
    fields: yearOverYearFields,
    sql: `${select(yearOverYearFields, "year_over_year")} ORDER BY department, department_id, fiscal_year, scope, document_id, table_kind, fund, use, code_system, code`,
    foreignKeys: toDocuments,
  },
  {
    name: "budget_execution",
    title: "预算执行: each 决算 against its budget per 功能 code and use, 三公 and 机关运行经费, with the execution rate",
    fields: budgetExecutionFields,
    sql: `${select(budgetExecutionFields, "budget_execution")} ORDER BY department, department_id, fiscal_year, scope, document_id, line, func_code, item, fund, use`,
    foreignKeys: toDocuments,
  },
  {
    name: "peer_summary",
    title: "Per region and year: every department's headline figures side by side (万元)",
    fields: peerFields,
    sql: `${select(peerFields, "peer_summary")} ORDER BY region, fiscal_year, doc_kind, scope, department, document_id`,
    primaryKey: ["document_id"],
    foreignKeys: toDocuments,
  },
  {
    name: "documents",
    title: "Every document seen, loaded or not, with its status and issue counts",
    fields: documentFields,
    sql: `SELECT ${documentFields
      .map((f) => (f.name === "clean" ? "(status = 'loaded' AND error_count = 0) AS clean" : f.name))
      .join(", ")} FROM documents ORDER BY file_name, sha256`,
    primaryKey: ["id"],
  },
  {
    name: "document_names",
    title: "Every name a document's content was found under (copies of one file are one document)",
    fields: [i("document_id"), s("file_name"), s("source_path")],
    sql: "SELECT document_id, file_name, source_path FROM document_names ORDER BY document_id, source_path",
    primaryKey: ["document_id", "source_path"],
    foreignKeys: toDocuments,
  },
  {
    name: "units",
    title: "Budget units (单位) each document lists",
    fields: [i("document_id"), s("document"), i("ordinal"), s("unit_code"), s("unit_name")],
    sql: `SELECT u.document_id, d.file_name AS document, u.ordinal, u.unit_code, u.unit_name
          FROM units u JOIN documents d ON d.id = u.document_id ORDER BY d.file_name, d.id, u.ordinal`,
    foreignKeys: toDocuments,
  },
  {
    name: "budget_tables",
    title: "The tables of each document",
    fields: [
      i("id"), i("document_id"), s("document"), i("table_index"), s("table_no"), s("title"), s("table_kind"),
      s("amount_unit"), s("pages", "comma-separated PDF pages"), i("first_page"),
      { name: "empty", type: "boolean" }, s("measures", "JSON array of the amount columns"),
      s("table_number", "table number normalized (表一, 01 and 1 are 1)"),
    ],
    sql: `SELECT t.id, t.document_id, d.file_name AS document, t.table_index, t.table_no, t.title, t.table_kind,
            t.amount_unit, t.pages, t.first_page, t.empty, t.measures, t.table_number
          FROM budget_tables t JOIN documents d ON d.id = t.document_id ORDER BY d.file_name, d.id, t.table_index`,
    primaryKey: ["id"],
    foreignKeys: toDocuments,
  },
  {
    name: "line_items",
    title: "Every table row with its codes and their resolution",
    fields: [
      i("id"), i("table_id"), s("document"), s("table_no"), i("row_index"), s("row_kind"), s("level"), s("side"),
      s("section"), s("label"), s("unit_code"), s("func_code"), s("econ_code"), s("func_name"), s("func_class"),
      s("func_kuan"), s("func_status"), s("econ_system"), s("econ_name"), s("econ_class"), s("econ_kuan"),
      s("econ_status"), i("page"),
    ],
    sql: `SELECT li.id, li.table_id, d.file_name AS document, t.table_no, li.row_index, li.row_kind, li.level,
            li.side, li.section, li.label, li.unit_code, li.func_code, li.econ_code, li.func_name, li.func_class,
            li.func_kuan, li.func_status, li.econ_system, li.econ_name, li.econ_class, li.econ_kuan, li.econ_status,
            li.page
          FROM line_items li JOIN budget_tables t ON t.id = li.table_id JOIN documents d ON d.id = t.document_id
          ORDER BY d.file_name, d.id, t.table_index, li.row_index`,
    primaryKey: ["id"],
    foreignKeys: [{ fields: ["table_id"], resource: "budget_tables", reference: ["id"] }],
  },
  {
    name: "validation_issues",
    title: "Findings of extraction, classification and consistency checks",
    fields: [
      i("document_id"), s("document"), i("ordinal"), s("table_no"), s("rule"), s("severity"), s("message"),
      s("expected"), s("actual"), i("page"),
    ],
    sql: `SELECT v.document_id, d.file_name AS document, v.ordinal, v.table_no, v.rule, v.severity, v.message,
            v.expected, v.actual, v.page
          FROM validation_issues v JOIN documents d ON d.id = v.document_id ORDER BY d.file_name, d.id, v.ordinal`,
    foreignKeys: toDocuments,
  },
  {
    name: "codes_seen",
    title: "Every (code, printed name, document) met at ingest",
    fields: [
      i("document_id"), s("document"), s("system"), s("code"), s("printed_name"), s("official_name"), s("status"),
      s("table_no", "first table printing it"), i("page", "first page printing it"), i("occurrences"),
    ],
    sql: `SELECT c.document_id, d.file_name AS document, c.system, c.code, c.printed_name, c.official_name, c.status,
            c.table_no, c.page, c.occurrences
          FROM codes_seen c JOIN documents d ON d.id = c.document_id
          ORDER BY d.file_name, d.id, c.system, c.code, c.printed_name`,
    foreignKeys: toDocuments,
  },
  {
    name: "classification",
    title: "政府收支分类科目 registry entries",
    fields: classificationFields,
    sql: `${select(classificationFields, "classification")} ORDER BY system, code, valid_from NULLS FIRST`,
  },
  {
    name: "performance_targets",
    title: "项目绩效目标 (表6) indicators",
    fields: [
      i("document_id"), s("document"), i("ordinal"), s("unit"), s("project"), dec("budget"), s("goal"), s("level1"),
      s("level2"), s("level3"), s("operator"), s("value"), s("measure_unit"), s("weight"), s("direction"), i("page"),
    ],
    sql: `SELECT p.document_id, d.file_name AS document, p.ordinal, p.unit, p.project, p.budget_text AS budget, p.goal,
            p.level1, p.level2, p.level3, p.operator, p.value, p.measure_unit, p.weight, p.direction, p.page
          FROM performance_targets p JOIN documents d ON d.id = p.document_id ORDER BY d.file_name, d.id, p.ordinal`,
    foreignKeys: toDocuments,
  },
  {
    name: "procurement",
    title: "政府采购 (表8) items",
    fields: [
      i("document_id"), s("document"), i("ordinal"), s("unit"), s("project"), s("item"), s("item_code"),
      s("quantity"), dec("amount"), s("sme"), s("micro"), s("prison"), s("disabled"), i("page"),
      s("category", "采购品目大类 the item is printed under, where printed"),
    ],
    sql: `SELECT p.document_id, d.file_name AS document, p.ordinal, p.unit, p.project, p.item, p.item_code,
            p.quantity, p.amount_text AS amount, p.sme, p.micro, p.prison, p.disabled, p.page, p.category
          FROM procurement p JOIN documents d ON d.id = p.document_id ORDER BY d.file_name, d.id, p.ordinal`,
    foreignKeys: toDocuments,
  },
  {
    name: "claims",
    title: "Numbers stated in the prose (情况说明)",
    fields: [i("document_id"), s("document"), i("ordinal"), s("subject"), dec("amount"), s("unit"), i("page"), s("sentence")],
    sql: `SELECT c.document_id, d.file_name AS document, c.ordinal, c.subject, c.amount_text AS amount, c.unit, c.page,
            c.sentence
          FROM claims c JOIN documents d ON d.id = c.document_id ORDER BY d.file_name, d.id, c.ordinal`,
    foreignKeys: toDocuments,
  },
  {
    name: "func_rollup",
    title: "Leaf amounts summed by 功能分类 类 and 款, per table and measure",
    fields: rollupFields("func_code"),
    sql: `${select(rollupFields("func_code"), "func_rollup")} ORDER BY document, table_no, table_kind, measure, func_code`,
  },
  {
    name: "econ_rollup",
    title: "Leaf amounts summed by 经济分类 类 and 款, per table and measure",
    fields: rollupFields("econ_code"),
    sql: `${select(rollupFields("econ_code"), "econ_rollup")} ORDER BY document, table_no, table_kind, measure, econ_code`,
  },
  ...wideExports,
]);
