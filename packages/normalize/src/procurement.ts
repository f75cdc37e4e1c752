import type { ExtractedTable, ProcurementItem } from "@yusuan/schema";
import { parseAmount } from "./amount.js";
import { compact } from "./labels.js";

/**
 * Which column of a 政府采购 table holds what, found by its header words: the first rule matching a
 * column wins, and a column serves one key. 采购品目大类 (江苏) is a category over the items, 总计 and
 * 合计 are the amount before any 资金来源 column.
 */
const COLUMNS: ReadonlyArray<readonly [keyof ProcurementItem, RegExp]> = [
  ["category", /大类/],
  ["item", /采购物品名称|品目名称|采购品目|采购目录|品目/],
  ["quantity", /数量/],
  ["amount", /总计|合计|总金额/],
  ["amount", /金额/],
  ["amount", /预算(数)?$/],
  ["micro", /小型|微型/],
  ["sme", /中小企业/],
  ["prison", /监狱/],
  ["disabled", /残疾人/],
  ["project", /项目名称|单位名称|专项名称|采购项目/],
];

/**
 * Reads a 政府采购 table: unit rows ("101001-青禾市教育局（本级）" with the unit total) open a unit, item rows
 * (采购品目 printed) become procurement items under it. Where a 专项名称 column names the project on a
 * row of its own above its items (江苏), that row opens the project, and 采购品目大类 rows the category.
 * @example readProcurement(table8)[0] // { unit: "101001-…", project: "…-教育信息化建设", item: "A02010104-台式计算机", amount: "60.00", … }
 */
export function readProcurement(table: ExtractedTable): ProcurementItem[] {
  const index = new Map<keyof ProcurementItem, number>();
  const taken = new Set<number>();
  for (const [key, re] of COLUMNS) {
    if (index.has(key)) continue;
    const i = table.columns.findIndex((c, j) => !taken.has(j) && re.test(compact(c.path.join("/"))));
    if (i < 0) continue;
    index.set(key, i);
    taken.add(i);
  }
  const projectRows = /专项名称|采购项目/.test(compact(table.columns[index.get("project") ?? -1]?.path.join("/") ?? ""));
  const items: ProcurementItem[] = [];
  let unit = "";
  let project = "";
  let category: string | null = null;
  for (const row of table.rows) {
    const text = (key: keyof ProcurementItem) => {
      const i = index.get(key);
      return i === undefined ? "" : compact(row.cells[i]?.text ?? "");
    };
    const label = text("project");
    const item = text("item");
    // a 合计 printed in the 采购目录 column (西安) totals the items, it is none
    if (/^(合计|总计)$/.test(item)) continue;
    if (!item) {
      if (text("category") && !/^(合计|总计)$/.test(text("category"))) category = text("category");
      if (label && !/^(合计|总计)$/.test(label)) {
        if (projectRows) project = label;
        else unit = label;
      }
      continue;
    }
    const amount = parseAmount(text("amount"));
    items.push({
      unit,
      project: label || project,
      item,
      itemCode: /^([A-Z]\d+)/.exec(item)?.[1] ?? null,
      quantity: text("quantity") || null,
      amount: amount.kind === "amount" ? amount.value : null,
      sme: text("sme") || null,
      micro: text("micro") || null,
      prison: text("prison") || null,
      disabled: text("disabled") || null,
      page: row.page,
      category,
    });
  }
  return items;
}
