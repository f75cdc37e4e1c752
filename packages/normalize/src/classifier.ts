import type { ClassificationSystem, Code, CodeResolution } from "@yusuan/schema";

/**
 * What normalization needs to know of the 政府收支分类科目: names of codes in the document's year,
 * the 类 code of a 类 name (表1/表2 print names only), and a code+name verdict.
 * @example classifier.classCodeByName("八、社会保障和就业支出", 2025) // "208"
 */
export interface Classifier {
  officialName(system: ClassificationSystem, code: Code, year: number | null): string | null;
  classCodeByName(label: string, year: number | null): Code | null;
  resolve(system: ClassificationSystem, code: Code, printedName: string, year: number | null): CodeResolution;
  /** the registry edition used for a fiscal year */
  editionFor(year: number | null): number | null;
}
