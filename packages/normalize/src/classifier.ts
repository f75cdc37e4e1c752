import type { ClassificationSystem, Code, CodeResolution } from "@yusuan/schema";

/**
 * What normalization needs to know of the 政府收支分类科目: names of codes in the document's year,
 * the 类 code of a 类 name (表1/表2 print names only), and a code+name verdict.
 * @example classifier.classCodeByName("八、社会保障和就业支出", 2025) // "208"
 */
export interface Classifier {
  officialName(system: ClassificationSystem, code: Code, year: number | null): string | null;
  classCodeByName(label: string, year: number | null): Code | null;
  /** the one code directly under `parent` (a 类 when null) whose name is the label, else null */
  childCodeByName(system: "func" | "econ_dept", parent: Code | null, label: string, year: number | null): Code | null;
  resolve(system: ClassificationSystem, code: Code, printedName: string, year: number | null): CodeResolution;
  /** the registry edition used for a fiscal year */
  editionFor(year: number | null): number | null;
}
