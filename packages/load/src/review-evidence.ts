import type { BBox } from "@yusuan/schema";
import type { BudgetDatabase } from "./database.js";
import { issuesStatement, type ReportedIssue } from "./validation-report.js";

/** One document of a batch as a reviewer sees it first: what became of it and what it holds. */
export interface ReviewedDocument {
  readonly id: number;
  readonly fileName: string;
  readonly sha256: string | null;
  /** every path the content was found under (document_names), the first one first */
  readonly sourcePaths: readonly string[];
  readonly status: "loaded" | "failed" | "needs_ocr";
  /** why it was not loaded */
  readonly error: string | null;
  readonly department: string | null;
  readonly fiscalYear: number | null;
  readonly docKind: string | null;
  readonly pageCount: number | null;
  readonly tableCount: number;
  readonly factCount: number;
  /** the findings, errors first, then warnings, then notes, each in the order they were found */
  readonly findings: readonly ReportedIssue[];
}

/** A page as extraction viewed it: cells' bboxes are in these coordinates (top-left origin, y down). */
export interface ReviewedPage {
  readonly page: number;
  readonly width: number;
  readonly height: number;
  readonly rotation: number;
}

/** One extracted amount with where it was printed: the cell a reviewer checks against the page. */
export interface ReviewedCell {
  /** the amount's id (amounts.id): stable for a database, so pages and links can name it */
  readonly id: number;
  readonly tableNo: string | null;
  readonly tableTitle: string;
  readonly amountUnit: "元" | "万元";
  readonly rowIndex: number;
  readonly label: string;
  readonly measure: string;
  /** the digits as printed, without separators (`1234.50`) */
  readonly amountText: string;
  readonly page: number;
  readonly bbox: BBox;
}

/** A document's pages and cells, for drawing the cells over the pages. */
export interface DocumentEvidence {
  readonly pages: readonly ReviewedPage[];
  /** in reading order: table, row, column */
  readonly cells: readonly ReviewedCell[];
}

/**
 * Every document of a database with its findings, ordered by file name (then content), for a review of the batch.
 * @example for (const d of reviewedDocuments(db)) console.log(d.fileName, d.status, d.findings.length);
 */
export function reviewedDocuments(db: BudgetDatabase): ReviewedDocument[] {
  const docs = db
    .prepare<[], Omit<ReviewedDocument, "sourcePaths" | "findings"> & { sourcePath: string }>(
      `SELECT id, file_name AS fileName, sha256, source_path AS sourcePath, status, error, department, fiscal_year AS fiscalYear,
         doc_kind AS docKind, page_count AS pageCount, table_count AS tableCount, fact_count AS factCount
       FROM documents ORDER BY file_name, sha256, id`,
    )
    .all();
  const namesOf = db.prepare<[number], string>("SELECT source_path FROM document_names WHERE document_id = ? ORDER BY source_path").pluck();
  const findingsOf = issuesStatement(db);
  return docs.map(({ sourcePath, ...d }) => ({
    ...d,
    sourcePaths: [...new Set([sourcePath, ...namesOf.all(d.id)])],
    findings: findingsOf.all(d.id),
  }));
}

/**
 * The pages of a document as extraction viewed them, and every amount it extracted with its page and bbox.
 * @example const { pages, cells } = documentEvidence(db, 1); cells[0] // { id: 1, tableNo: "1", page: 5, bbox: [244.6, 151.5, 291.2, 159.5], … }
 */
export function documentEvidence(db: BudgetDatabase, documentId: number): DocumentEvidence {
  const pages = db
    .prepare<[number], ReviewedPage>("SELECT page, width, height, rotation FROM pages WHERE document_id = ? ORDER BY page")
    .all(documentId);
  const cells = db
    .prepare<[number], Omit<ReviewedCell, "bbox"> & { bbox: string }>(
      `SELECT a.id, t.table_no AS tableNo, t.title AS tableTitle, t.amount_unit AS amountUnit, li.row_index AS rowIndex, li.label,
         a.measure, a.amount_text AS amountText, a.page, a.bbox
       FROM amounts a JOIN line_items li ON li.id = a.line_item_id JOIN budget_tables t ON t.id = li.table_id
       WHERE t.document_id = ? ORDER BY t.table_index, li.row_index, a.ordinal`,
    )
    .all(documentId)
    .map((c) => ({ ...c, bbox: JSON.parse(c.bbox) as BBox }));
  return { pages, cells };
}
