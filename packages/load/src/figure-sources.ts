import type { BudgetDatabase } from "./database.js";

/** One loaded document's headline figure: its value in 万元 and where it was printed, or null where it prints none. */
export interface FigureSource {
  readonly document: string;
  readonly department: string | null;
  readonly fiscalYear: number | null;
  /** the exact decimal in 万元, null where the document prints no such figure */
  readonly wan: string | null;
  readonly printed: string | null;
  readonly unit: string | null;
  readonly source: "table" | "prose" | null;
  readonly tableNo: string | null;
  readonly title: string | null;
  readonly page: number | null;
}

/**
 * A headline figure (document_summary column) of every loaded document, with the table or prose page it was read from.
 * @example figureSources(db, "sangong_total") // [{ document: "a.pdf", wan: "6.3", tableNo: "7", page: 12, … }, …]
 */
export function figureSources(db: BudgetDatabase, figure: string): FigureSource[] {
  return db
    .prepare<[string], FigureSource>(
      `SELECT d.file_name AS document, d.department, d.fiscal_year AS fiscalYear, h.amount_wan_text AS wan, h.printed, h.unit,
         h.source, h.table_no AS tableNo, h.title, h.page
       FROM documents d LEFT JOIN headline_figures h ON h.document_id = d.id AND h.figure = ?
       WHERE d.status = 'loaded' ORDER BY d.file_name, d.id`,
    )
    .all(figure);
}
