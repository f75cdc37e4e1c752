import { basename } from "node:path";
import { BudgetDocument, toFen, type Amount, type AmountUnit, type CodeResolution, type LineItem } from "@yusuan/schema";
import type { BudgetDatabase } from "./database.js";
import { replacingDocument } from "./document-names.js";
import { indexForSearch } from "./search-index.js";
import { statements, type Statements } from "./statements.js";
import { recordUnlisted, unlistedEntries, withUnlistedCodes } from "./unlisted-codes.js";

export interface LoadOptions {
  /** re-load a document whose content (sha256) is already loaded, replacing its rows */
  readonly replace?: boolean;
  /** a changed file supersedes the versions loaded under the same file name; by default they are kept beside it */
  readonly supersede?: boolean;
  /** when the load happened (default: now); stored as ISO 8601 */
  readonly loadedAt?: Date;
  /** the path the file was read from, recorded among the document's names (default: its file name) */
  readonly sourcePath?: string;
}

export interface LoadResult {
  readonly documentId: number;
  /** "skipped": the same sha256 was already loaded and `replace` was not asked for; "replaced": it or an older version was */
  readonly action: "inserted" | "replaced" | "skipped";
  readonly facts: number;
}

/**
 * Writes one document in a single transaction: everything or, if anything throws, nothing of it.
 * @example const { action, facts } = loadDocument(db, budgetDocument, { replace: true });
 */
export function loadDocument(db: BudgetDatabase, input: BudgetDocument, options: LoadOptions = {}): LoadResult {
  // Checked here too: a malformed value must never reach the database as a plausible number.
  const printed = BudgetDocument.parse(input);
  if (!printed.sha256) throw new Error(`${printed.fileName}: a document is loaded under its sha256, and this one has none`);
  const st = statements(db);
  const fileName = basename(printed.fileName);
  const write = db.transaction((): LoadResult => {
    // codes the official list lacks resolve to the names documents in the database print for them
    const { doc, created } = withUnlistedCodes(printed, unlistedEntries(db));
    const same = st.findBySha.get(doc.sha256);
    if (same?.status === "loaded" && !options.replace) return { documentId: same.id, action: "skipped", facts: 0 };
    const others = options.supersede ? st.findOtherVersion.all(fileName, doc.sha256) : [];
    for (const other of others) st.deleteDocument.run(other.id);
    const sourcePath = options.sourcePath ?? doc.fileName;
    const documentId = replacingDocument(st, same?.id, () => insertDocument(st, doc, fileName, sourcePath, options.loadedAt ?? new Date()), sourcePath);
    // earlier failures of this file are history once it loads
    const failures = st.deleteFailuresOf.run(fileName).changes;
    const facts = insertTables(st, documentId, doc);
    insertContent(st, documentId, doc);
    indexForSearch(db, documentId);
    if (doc.fiscalYear !== null) recordUnlisted(db, created, fileName, doc.fiscalYear);
    const counts = { error: 0, warning: 0, info: 0 };
    for (const f of doc.findings) counts[f.severity]++;
    st.finishDocument.run({
      id: documentId,
      table_count: doc.tables.length,
      fact_count: facts,
      error_count: counts.error,
      warning_count: counts.warning,
      info_count: counts.info,
    });
    return { documentId, action: same || others.length > 0 || failures > 0 ? "replaced" : "inserted", facts };
  });
  return write.immediate();
}

function insertDocument(st: Statements, doc: BudgetDocument, fileName: string, sourcePath: string, loadedAt: Date): number {
  const { lastInsertRowid } = st.insertDocument.run({
    file_name: fileName,
    source_path: sourcePath,
    sha256: doc.sha256,
    status: "loaded",
    error: null,
    fiscal_year: doc.fiscalYear,
    region: doc.region,
    department: doc.department,
    doc_kind: doc.docKind,
    page_count: doc.pageCount,
    edition: doc.edition,
    loaded_at: loadedAt.toISOString(),
    ocr_pages: doc.pages.filter((p) => p.source === "ocr").length,
  });
  const documentId = Number(lastInsertRowid);
  for (const p of doc.pages) {
    st.insertPage.run({ document_id: documentId, page: p.page, width: p.width, height: p.height, rotation: p.rotation, text_chars: p.textChars, source: p.source });
  }
  doc.units.forEach((u, ordinal) =>
    st.insertUnit.run({ document_id: documentId, ordinal, unit_code: u.code, unit_name: u.name }),
  );
  return documentId;
}

/** Inserts the tables, their rows and amounts, and the codes they print; returns the number of amounts. */
function insertTables(st: Statements, documentId: number, doc: BudgetDocument): number {
  let facts = 0;
  doc.tables.forEach((t, tableIndex) => {
    const tableId = Number(
      st.insertTable.run({
        document_id: documentId,
        table_index: tableIndex,
        table_no: t.tableNo,
        title: t.title,
        table_kind: t.kind,
        amount_unit: t.amountUnit,
        pages: t.pages.join(","),
        first_page: t.pages[0]!,
        empty: t.empty ? 1 : 0,
        measures: JSON.stringify(t.measures),
        notes: JSON.stringify(t.notes),
        table_number: t.number ?? null,
      }).lastInsertRowid,
    );
    for (const row of t.rows) {
      const lineItemId = Number(st.insertLineItem.run({ table_id: tableId, ...lineItemColumns(row) }).lastInsertRowid);
      row.amounts.forEach((a, ordinal) => {
        st.insertAmount.run({
          line_item_id: lineItemId,
          ordinal,
          measure: a.measure,
          amount_text: a.value,
          amount: decimalToNumber(a.value),
          page: a.page,
          bbox: JSON.stringify(a.bbox),
          ...meaningColumns(a, t.amountUnit),
          source: a.confidence === undefined ? "pdf" : "ocr",
          ocr_confidence: a.confidence ?? null,
        });
        facts++;
      });
      for (const seen of codesSeen(row)) st.upsertCodeSeen.run({ document_id: documentId, table_no: t.tableNo, page: row.page, ...seen });
    }
  });
  return facts;
}

/** The exact amount in 分 and the canonical dimensions of one amount (NULL where normalize gave none). */
function meaningColumns(a: Amount, unit: AmountUnit): Record<string, string | number | bigint | null> {
  const m = a.meaning;
  const flag = (b: boolean | undefined) => (b === undefined ? null : b ? 1 : 0);
  return {
    printed: a.printed ?? null,
    amount_fen: toFen(a.value, unit),
    side: m?.side ?? null,
    period: m?.period ?? null,
    basis: m?.basis ?? null,
    fund: m?.fund ?? null,
    use: m?.use ?? null,
    item: m?.item ?? null,
    of_which: flag(m?.ofWhich),
    aggregate: flag(m?.aggregate),
  };
}

function lineItemColumns(row: LineItem): Record<string, string | number | null> {
  return {
    row_index: row.rowIndex,
    row_kind: row.rowKind,
    level: row.level,
    side: row.side,
    section: row.section,
    label: row.label,
    unit_code: row.unitCode,
    func_code: row.funcCode,
    econ_code: row.econCode,
    func_name: row.func?.officialName ?? null,
    func_class: row.func?.classCode ?? null,
    func_kuan: row.func?.kuanCode ?? null,
    func_status: row.func?.status ?? null,
    econ_system: row.econ?.system ?? (row.econCode ? econSystemOf(row.econCode) : null),
    econ_name: row.econ?.officialName ?? null,
    econ_class: row.econ?.classCode ?? null,
    econ_kuan: row.econ?.kuanCode ?? null,
    econ_status: row.econ?.status ?? null,
    page: row.page,
    econ_gov_code: row.econGovCode ?? null,
    econ_gov_name: row.econGov?.officialName ?? null,
    econ_gov_status: row.econGov?.status ?? null,
    parent_row: row.parent,
    of_which: row.ofWhich ? 1 : 0,
  };
}

/** 政府预算支出经济分类 codes start with 5 (501 …), 部门预算支出经济分类 codes with 3 (301 …). */
function econSystemOf(code: string): string {
  return code.startsWith("5") ? "econ_gov" : "econ_dept";
}

function codesSeen(row: LineItem): Record<string, string | null>[] {
  const seen = (system: string, code: string | null, r: CodeResolution | null) =>
    code === null
      ? []
      : [{ system, code, printed_name: r?.printedName ?? row.label, official_name: r?.officialName ?? null, status: r?.status ?? null }];
  return [
    ...seen(row.func?.system ?? "func", row.funcCode, row.func),
    ...seen(row.econ?.system ?? (row.econCode ? econSystemOf(row.econCode) : "econ_dept"), row.econCode, row.econ),
    ...seen("econ_gov", row.econGovCode ?? null, row.econGov ?? null),
  ];
}

function insertContent(st: Statements, documentId: number, doc: BudgetDocument): void {
  doc.findings.forEach((f, ordinal) =>
    st.insertIssue.run({
      document_id: documentId,
      ordinal,
      table_no: f.tableNo,
      rule: f.code,
      severity: f.severity,
      message: f.message,
      expected: f.expected,
      actual: f.actual,
      page: f.page,
    }),
  );
  doc.claims.forEach((c, ordinal) =>
    st.insertClaim.run({
      document_id: documentId,
      ordinal,
      subject: c.subject,
      amount_text: c.value,
      amount: decimalToNumber(c.value),
      unit: c.unit,
      page: c.page,
      sentence: c.sentence,
    }),
  );
  doc.performanceTargets.forEach((p, ordinal) =>
    st.insertTarget.run({
      document_id: documentId,
      ordinal,
      unit: p.unit,
      project: p.project,
      budget_text: p.budget,
      budget: p.budget === null ? null : decimalToNumber(p.budget),
      goal: p.goal,
      level1: p.level1,
      level2: p.level2,
      level3: p.level3,
      operator: p.operator,
      value: p.value,
      measure_unit: p.measureUnit,
      weight: p.weight,
      direction: p.direction,
      page: p.page,
    }),
  );
  doc.procurement.forEach((p, ordinal) =>
    st.insertProcurement.run({
      document_id: documentId,
      ordinal,
      unit: p.unit,
      project: p.project,
      item: p.item,
      item_code: p.itemCode,
      quantity: p.quantity,
      amount_text: p.amount,
      amount: p.amount === null ? null : decimalToNumber(p.amount),
      sme: p.sme,
      micro: p.micro,
      prison: p.prison,
      disabled: p.disabled,
      page: p.page,
      category: p.category ?? null,
    }),
  );
  for (const h of doc.headlines ?? [])
    st.insertHeadline.run({
      document_id: documentId,
      figure: h.name,
      amount_wan_text: h.wan,
      amount_fen: toFen(h.wan, "万元"),
      printed: h.printed,
      unit: h.unit,
      source: h.source,
      table_no: h.tableNo,
      title: h.title,
      page: h.page,
    });
  doc.prose.forEach((p, ordinal) =>
    st.insertProse.run({ document_id: documentId, ordinal, heading: p.heading, page: p.page, text: p.text }),
  );
}

function decimalToNumber(text: string): number {
  const n = Number(text);
  if (!Number.isFinite(n)) throw new Error(`not a finite decimal: ${JSON.stringify(text)}`);
  return n;
}
