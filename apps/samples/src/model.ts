/** The structured inputs in apps/samples/data/*.json: a document's text, tables and how to draw them. */

export type RowKind = "total" | "unit" | "class" | "item";

/** One printed table row, in the corpus truth format (amounts as printed, without separators). */
export interface TruthRow {
  readonly row_kind: RowKind;
  readonly label: string;
  readonly unit_code: string | null;
  readonly func_code: string | null;
  readonly econ_code: string | null;
  readonly level?: "department" | "unit" | "project_group";
  readonly side?: "income" | "expense";
  readonly role?: string;
  readonly section?: string;
  readonly values: Readonly<Record<string, string>>;
  /** Index of the row this one is printed under (one-sided tables; absent on 合计 rows). */
  readonly parent?: number;
  /** Printed as a part of its parent (其中：…): shown for detail, not added into it. */
  readonly of_which?: boolean;
}

/** Which part of a row a key (non-amount) header column shows. */
export type KeyField =
  | "func_class" | "func_kuan" | "func_xiang"
  | "econ_class" | "econ_kuan"
  | "code" | "label" | "income_label" | "expense_label";

/**
 * A header cell; leaves are columns. A leaf without `key` carries the amount column named by its label, or by
 * `column` where its label repeats under several parents (预算数 | 决算数 under each 三公 item).
 */
export interface HeaderNode {
  readonly label: string;
  readonly key?: KeyField;
  readonly column?: string;
  readonly side?: "income" | "expense";
  readonly children?: readonly HeaderNode[];
}

/**
 * whole-codes: each row prints its whole code (function or economic) in the 类, 款 or 项 column of its length;
 * named: label-only rows (projects, 三公 lines) with a code on unit rows only;
 * two-up: two economic-code lists side by side under the same header printed twice (a 决算's 基本支出: 人员经费 |
 * 公用经费), the rows up to the first 合计 row on the left, the others on the right, both 合计 rows on the last line.
 */
export type TableLayout = "two-sided" | "unit" | "func" | "whole-codes" | "econ" | "named" | "two-up" | "performance" | "procurement";

/** What a continuation page repeats above the rows: the column header, also the 部门/单位 line, or nothing. */
export type Continuation = "header" | "org-and-header" | "nothing";

export interface SampleTable {
  readonly table_no: string;
  readonly title: string;
  readonly amount_unit: "万元" | "元";
  readonly empty: boolean;
  readonly columns: readonly string[];
  readonly layout: TableLayout;
  readonly header: readonly HeaderNode[];
  readonly rows: readonly TruthRow[];
  /** Organisation named on the 部门：… line when it differs from the document's department. */
  readonly org_name?: string;
  /** Overrides the document's style for this table. */
  readonly org_prefix?: string;
  readonly rules?: "filled" | "stroked" | "none";
  readonly continuation?: Continuation;
  readonly notes?: readonly string[];
  readonly empty_note?: { readonly text: string; readonly inside: boolean };
  readonly see?: "performance_targets" | "procurement";
  readonly unit_budgets?: Readonly<Record<string, string>>;
  readonly unit_totals?: Readonly<Record<string, string>>;
  readonly derived?: string;
}

export interface PerformanceTarget {
  readonly unit: string;
  readonly project: string;
  readonly budget: string;
  readonly goal: string;
  readonly level1: string;
  readonly level2: string;
  readonly level3: string;
  readonly operator: string;
  readonly value: string;
  readonly measure_unit: string;
  readonly weight: string;
  readonly direction: string;
}

export interface ProcurementItem {
  readonly unit: string;
  readonly project: string;
  readonly item: string;
  readonly quantity: string;
  readonly amount: string;
  readonly sme: string;
  readonly micro: string;
  readonly prison: string;
  readonly disabled: string;
}

export interface Block {
  readonly kind: "heading" | "subheading" | "paragraph";
  readonly text: string;
}

/** How a document looks: the renderer's choices, varied between samples on purpose. */
export interface SampleStyle {
  /** filled: borders as thin filled rectangles; stroked: lines; none: columns by white space only. */
  readonly rules: "filled" | "stroked" | "none";
  readonly font: "sans" | "serif";
  readonly page_number: "di-ye" | "dash" | "plain";
  /** Label line above each table, `{no}` replaced by the table number, `{words}` by it in words (五, 十二). */
  readonly table_label: string;
  /** label-first: 表N, then the title; title-first: the title, then the label under it. */
  readonly frame?: "label-first" | "title-first";
  readonly org_prefix: string;
  /** The 部门： prefix and the name printed as two separate text items. */
  readonly org_apart?: boolean;
  /** Printed at the top of every page. */
  readonly running_header?: string;
  /** Tables printed on landscape pages. */
  readonly landscape: readonly string[];
}

export interface SampleDocument {
  readonly name: string;
  readonly fiscal_year: number;
  readonly region: string;
  readonly department: string;
  /** Printed in the department row of multi-unit tables. */
  readonly department_code?: string;
  readonly doc_kind: "部门预算" | "单位预算" | "部门决算";
  readonly synthetic: boolean;
  readonly seed_source?: string;
  readonly amount_unit: "万元" | "元";
  readonly thousands_separators: boolean;
  readonly style: SampleStyle;
  readonly units: readonly { readonly unit_code: string; readonly unit_name: string }[];
  readonly overview: readonly Block[];
  readonly explanation: readonly Block[];
  readonly glossary: readonly Block[];
  readonly tables: readonly SampleTable[];
  readonly performance_targets: readonly PerformanceTarget[];
  readonly procurement: readonly ProcurementItem[];
  readonly known_discrepancies: readonly unknown[];
  readonly quirks: readonly string[];
}
