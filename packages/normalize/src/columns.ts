import type { Column } from "@yusuan/schema";

/** What a column holds, decided from its printed header path. */
export type ColumnRole =
  | { role: "label" }
  | { role: "unitCode" }
  | { role: "code"; part: "class" | "kuan" | "xiang" | "joined" }
  | { role: "amount"; measure: string }
  | { role: "other" };

export interface ColumnInfo {
  index: number;
  side: "income" | "expense" | null;
  role: ColumnRole;
}

const norm = (s: string) => s.replace(/\s+/g, "").replace(/\(/g, "（").replace(/\)/g, "）");

const LABEL = /^(项目|项目名称|单位名称（科目）|单位名称|科目名称|科目|名称|单位名称（项目）|功能分类科目名称|经济分类科目名称|支出功能分类科目名称|部门经济分类科目名称|收入项目|支出项目|项目（科目）|科目名称（单位名称）)$/;
const UNIT_CODE = /^(单位代码|单位编码|单位编号|代码)$/;
const JOINED_CODE = /^(科目编码|科目代码|编码|功能分类科目编码|经济分类科目编码|支出功能分类科目编码|部门经济分类科目编码|功能科目编码|经济科目编码)$/;
const TEXT_COLUMNS = /^(序号|单位|备注|说明|项目类别|项目类型|采购品目|采购目录)$/;

function sideOf(path: readonly string[]): "income" | "expense" | null {
  const top = norm(path[0] ?? "");
  if (/^收入/.test(top)) return "income";
  if (/^支出/.test(top)) return "expense";
  return null;
}

function roleOf(path: readonly string[]): ColumnRole {
  const leaf = norm(path[path.length - 1] ?? "");
  const parent = norm(path[path.length - 2] ?? "");
  if (leaf === "类") return { role: "code", part: "class" };
  if (leaf === "款") return { role: "code", part: "kuan" };
  if (leaf === "项" && /编码|代码|科目/.test(parent)) return { role: "code", part: "xiang" };
  if (leaf === "项") return { role: "code", part: "xiang" };
  if (UNIT_CODE.test(leaf)) return { role: "unitCode" };
  if (JOINED_CODE.test(leaf)) return { role: "code", part: "joined" };
  if (LABEL.test(leaf)) return { role: "label" };
  if (TEXT_COLUMNS.test(leaf) || leaf === "") return { role: "other" };
  return { role: "amount", measure: leaf };
}

/**
 * Gives every leaf column a side (表1/表2) and a role: label, unit code, code part or amount measure.
 * @example describeColumns([{ path: ["项目", "科目编码", "类"], x0: 0, x1: 20 }])[0].role // { role: "code", part: "class" }
 */
export function describeColumns(columns: readonly Column[]): ColumnInfo[] {
  const infos = columns.map((c, index) => ({ index, side: sideOf(c.path), role: roleOf(c.path.map(norm)) }));
  // A table without any label column keeps its first text column as label (some templates print no 项目 header).
  if (!infos.some((c) => c.role.role === "label")) {
    const first = infos.find((c) => c.role.role === "other" || c.role.role === "amount");
    if (first && first.role.role === "other") first.role = { role: "label" };
  }
  return infos;
}
