import type {
  AmountUnit,
  BudgetDocument,
  BudgetTable,
  BudgetUnit,
  CodeResolution,
  ExtractedDocument,
  ExtractedTable,
  Finding,
  LineItem,
  PerformanceTarget,
  ProcurementItem,
  TableKind,
} from "@yusuan/schema";
import type { Classifier } from "./classifier.js";
import { compact, isTotalLabel, labelKey, splitUnitCode } from "./labels.js";
import { normalizeTableRows } from "./normalize-table.js";
import type { RowIdentity } from "./measure-identities.js";
import { readProcurement } from "./procurement.js";
import { unitsNamedInProse } from "./rows/unit-names.js";
import { readPerformanceTargets } from "./performance-targets.js";
import { moneyOfPerformanceTable } from "./performance-money.js";
import { withParents } from "./rows/hierarchy.js";
import { checkDocument } from "./checks/index.js";
import { checkClaims, readClaims } from "./claims/index.js";
import { isEconomicTable, isTwoSided, tableKind } from "./table-kind.js";
import { printsBothSides } from "./columns.js";
import { withMeanings } from "./canonical-measure.js";
import { headlineFigures } from "./headline-figures.js";
import { governmentEconomicCodes } from "./cross-codes.js";
import { cleanDepartment, departmentFromTables, docKindFromTitles, fiscalYearFromTitles, tableNumber } from "./document-identity.js";

/** 表6 and 表8 are not amount tables: their content is structured apart (绩效目标, 政府采购). */
const STRUCTURED: ReadonlySet<TableKind> = new Set(["项目绩效目标表", "整体绩效目标表", "政府采购表"]);

export interface NormalizeOptions {
  sha256: string;
  classifier: Classifier;
}

function unitOf(text: string | null): AmountUnit | null {
  if (!text) return null;
  if (/万元/.test(text)) return "万元";
  return /元/.test(text) ? "元" : null;
}

/** The unit most tables state, for tables that state none. */
function documentUnit(tables: readonly ExtractedTable[]): AmountUnit {
  const counts = new Map<AmountUnit, number>();
  for (const t of tables) {
    const u = unitOf(t.unitText);
    if (u) counts.set(u, (counts.get(u) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? "万元";
}

/**
 * Units the document names: beside a 6-digit unit code on rows without a 科目 code (表1-1 lists every
 * unit), or as the rows of a table listing 单位名称 with no 科目 column at all (收入总体情况表 by unit).
 */
function printedUnits(tables: readonly ExtractedTable[]): Map<string, BudgetUnit> {
  const units = new Map<string, BudgetUnit>();
  const leaf = (c: ExtractedTable["columns"][number]) => compact(c.path.at(-1) ?? "");
  for (const t of tables) {
    const codeCol = t.columns.findIndex((c) => /^(单位代码|单位编码|单位编号)$/.test(leaf(c)));
    const labelCol = t.columns.findIndex((c) => /单位名称|^项目$/.test(leaf(c)));
    if (labelCol < 0) continue;
    const subjectCols = t.columns.flatMap((c, i) => (i !== labelCol && i !== codeCol && /^(类|款|项)$|科目|编码|代码/.test(leaf(c)) ? [i] : []));
    const listing = codeCol < 0 && subjectCols.length === 0 && /^(预算)?(单位|部门)(（单位）|\(单位\))?名称$/.test(leaf(t.columns[labelCol]!));
    for (const r of t.rows) {
      const code = codeCol < 0 ? "" : compact(r.cells[codeCol]?.text ?? "");
      const name = compact(r.cells[labelCol]?.text ?? "");
      const coded = subjectCols.some((i) => compact(r.cells[i]?.text ?? "") !== "");
      if (/^\d{6,}$/.test(code) && name && !coded) units.set(labelKey(name), { code, name });
      else if (listing && name && !isTotalLabel(name)) {
        // "106_长沙市公安局": a unit code printed before the name
        const { code: printedCode, own } = splitUnitCode(name);
        if (!units.has(labelKey(own))) units.set(labelKey(own), { code: printedCode, name: own });
      }
    }
  }
  return units;
}

/** Resolves a row's codes; project rows (表3-2) print a project name, not the name of their 项. */
function resolveRow(item: LineItem, year: number | null, classifier: Classifier, namesPrinted: boolean): LineItem {
  const printed = namesPrinted ? item.label : "";
  const resolve = (system: "func" | "econ_dept" | "econ_gov", code: string | null): CodeResolution | null =>
    code ? classifier.resolve(system, code, printed, year) : null;
  // 政府预算支出经济分类 codes are 5xx, 部门预算支出经济分类 codes 3xx
  const econSystem = item.econCode?.startsWith("5") ? "econ_gov" : "econ_dept";
  return { ...item, func: resolve("func", item.funcCode), econ: resolve(econSystem, item.econCode) };
}

/** Rows printing a 政府经济 code beside their 部门经济 one keep it, resolved against the registry. */
function withGovernmentCodes(table: ExtractedTable, rows: LineItem[], year: number | null, classifier: Classifier): LineItem[] {
  const codes = governmentEconomicCodes(table, rows);
  return rows.map((r, i) => {
    const gov = codes[i];
    return gov ? { ...r, econGovCode: gov.code, econGov: classifier.resolve("econ_gov", gov.code, gov.name, year) } : r;
  });
}

/** Findings for printed names that differ from the registry (only where the registry is sure). */
function codeFindings(table: BudgetTable): Finding[] {
  const out: Finding[] = [];
  for (const row of table.rows)
    for (const r of [row.func, row.econ]) {
      if (!r || r.status === "matched" || r.status === "local_extension") continue;
      const code = r.status === "name_differs" ? "name_differs" : r.status === "unknown_code" ? "unknown_code" : "code_name_inconsistent";
      out.push({
        code,
        severity: r.status === "inconsistent" ? "warning" : "info",
        message:
          r.status === "name_differs"
            ? `${r.code} is printed as ${r.printedName}, officially ${r.officialName}`
            : r.status === "unknown_code"
              ? `${r.code} ${r.printedName} is not in the ${r.edition ?? "registry"} edition`
              : `${r.code} is printed as ${r.printedName}, which is the name of ${r.suggestedCode}`,
        tableNo: table.tableNo,
        page: row.page,
        expected: r.officialName,
        actual: r.printedName,
      });
    }
  return out;
}

/** "2019年部门预算公开表附后": the prose of a file whose tables are published as another file. */
const TABLES_ELSEWHERE = /[^。，；\s]{0,12}(公开表|预算表|表格)[^。，；]{0,8}(附后|另行公开|另册|单独公开)/;

/**
 * A document with text but not one amount read from it says so: a warning, since a 情况说明 published
 * apart from its tables is such a document too (and then the finding quotes it).
 */
function amountsMissing(doc: BudgetDocument): Finding[] {
  if (doc.tables.some((t) => t.rows.some((r) => r.amounts.length > 0))) return [];
  const elsewhere = doc.prose.map((p) => TABLES_ELSEWHERE.exec(p.text.replace(/\s+/g, ""))?.[0]).find(Boolean);
  return [
    {
      code: "table_not_found",
      severity: "warning",
      message: elsewhere
        ? `no budget table in its ${doc.pageCount} pages: the text says the tables are published apart (“${elsewhere}”)`
        : `no amount could be read from its ${doc.pageCount} pages of text: no budget table was recognised`,
      tableNo: null,
      page: null,
      expected: null,
      actual: null,
    },
  ];
}

/**
 * Turns what extraction read into a typed budget document: table kinds, units of amounts, row kinds,
 * codes resolved against the registry of the document's year, and every check of
 * the document against itself (sums, tables against each other, prose against tables) as findings.
 * @example const doc = normalizeDocument(extracted, { sha256, classifier: registryClassifier() });
 */
export function normalizeDocument(extracted: ExtractedDocument, options: NormalizeOptions): BudgetDocument {
  const { classifier } = options;
  const titles = extracted.tables.map((t) => t.title);
  const year = extracted.meta.fiscalYear ?? fiscalYearFromTitles(titles);
  const docKind = extracted.meta.docKind ?? docKindFromTitles(titles);
  const defaultUnit = documentUnit(extracted.tables);
  const units = printedUnits(extracted.tables);
  const unitNames = new Set([...units.keys(), ...unitsNamedInProse(extracted.prose).map(labelKey)]);
  const department = cleanDepartment(extracted.meta.department) ?? departmentFromTables(extracted.tables);
  const findings: Finding[] = [...extracted.findings];
  const procurement: ProcurementItem[] = [];
  const performanceTargets: PerformanceTarget[] = [];
  const identities = new Map<BudgetTable, RowIdentity[]>();
  const structuredRows: BudgetTable[] = [];
  const tables: BudgetTable[] = extracted.tables.map((t) => {
    const kind = tableKind(t.title, t.columns.map((c) => c.path));
    const ctx = {
      kind,
      economic: isEconomicTable(kind, t.title),
      year,
      classifier,
      unitNames,
      title: t.title,
      department,
    };
    const none = { rows: [], measures: [], identities: [], findings: [] };
    const rowsRead = kind === "政府采购表" || !STRUCTURED.has(kind) ? normalizeTableRows(t, ctx) : none;
    const items = kind === "政府采购表" ? readProcurement(t) : [];
    // a 政府采购 table printed by 功能 code and fund (烟台), with no item to structure, is an amount table
    const byCode = kind === "政府采购表" && items.length === 0 && rowsRead.rows.some((r) => r.funcCode !== null && r.amounts.length > 0);
    const money = kind === "整体绩效目标表" ? withParents(moneyOfPerformanceTable(t)) : [];
    const normalized =
      money.length > 0
        ? { rows: money, measures: [...new Set(money.flatMap((r) => r.amounts.map((a) => a.measure)))], identities: [], findings: [] }
        : STRUCTURED.has(kind) && !byCode
          ? none
          : rowsRead;
    procurement.push(...items);
    if (kind === "项目绩效目标表") performanceTargets.push(...readPerformanceTargets(t));
    findings.push(...normalized.findings);
    const numbered = tableNumber(t.tableNo, t.title);
    const read: BudgetTable = {
      tableNo: numbered.printed,
      title: t.title,
      kind,
      amountUnit: unitOf(t.unitText) ?? defaultUnit,
      pages: t.pages,
      empty: t.empty,
      measures: normalized.measures,
      rows: withGovernmentCodes(t, normalized.rows.map((r) => resolveRow(r, year, classifier, kind !== "一般公共预算项目支出表")), year, classifier),
      notes: t.notes,
      number: numbered.number,
    };
    const twoSided = isTwoSided(kind) || printsBothSides(t.columns);
    const meaningOf = { kind, fiscalYear: year, basis: /决算/.test(docKind ?? "") ? ("决算" as const) : ("预算" as const) };
    const table = withMeanings(read, t.columns, t.rows, twoSided, meaningOf);
    // a 政府采购 table's rows stay out of the facts (its items are structured apart), its printed 合计 is a headline
    if (kind === "政府采购表" && !byCode) structuredRows.push(withMeanings({ ...read, rows: rowsRead.rows }, t.columns, t.rows, twoSided, meaningOf));
    findings.push(...codeFindings(table));
    if (normalized.identities) identities.set(table, normalized.identities);
    return table;
  });
  const doc: BudgetDocument = {
    fileName: extracted.fileName,
    sha256: options.sha256,
    fiscalYear: year,
    region: extracted.meta.region,
    department,
    docKind,
    pageCount: extracted.pageCount,
    edition: classifier.editionFor(year),
    pages: extracted.pages,
    units: [...units.values()],
    tables,
    performanceTargets,
    procurement,
    prose: extracted.prose,
    claims: readClaims(extracted.prose),
    findings,
  };
  doc.findings.push(...checkDocument(doc, (t) => identities.get(t)), ...checkClaims(doc, doc.claims), ...amountsMissing(doc));
  doc.headlines = headlineFigures(doc, structuredRows);
  return doc;
}
