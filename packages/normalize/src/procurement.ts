import type { ExtractedTable, ProcurementItem } from "@yusuan/schema";
import { parseAmount } from "./amount.js";
import { compact } from "./labels.js";

/** Which column of 表8 holds what, found by its header words. */
const COLUMNS: ReadonlyArray<readonly [keyof ProcurementItem, RegExp]> = [
  ["item", /采购品目|品目/],
  ["quantity", /数量/],
  ["amount", /金额|预算/],
  ["micro", /小型|微型/],
  ["sme", /中小企业/],
  ["prison", /监狱/],
  ["disabled", /残疾人/],
  ["project", /项目名称|单位名称/],
];

/**
 * Reads 表8 政府采购预算表: unit rows ("101001-青禾市教育局（本级）" with the unit total) open a unit, item rows
 * (采购品目 printed) become procurement items under it.
 * @example readProcurement(table8)[0] // { unit: "101001-…", project: "…-教育信息化建设", item: "A02010104-台式计算机", amount: "60.00", … }
 */
export function readProcurement(table: ExtractedTable): ProcurementItem[] {
  const index = new Map<keyof ProcurementItem, number>();
  table.columns.forEach((c, i) => {
    const leaf = compact(c.path.join("/"));
    const found = COLUMNS.find(([key, re]) => !index.has(key) && re.test(leaf));
    if (found) index.set(found[0], i);
  });
  const items: ProcurementItem[] = [];
  let unit = "";
  for (const row of table.rows) {
    const text = (key: keyof ProcurementItem) => {
      const i = index.get(key);
      return i === undefined ? "" : compact(row.cells[i]?.text ?? "");
    };
    const label = text("project");
    const item = text("item");
    if (!item) {
      if (label && !/^(合计|总计)$/.test(label)) unit = label;
      continue;
    }
    const amount = parseAmount(text("amount"));
    items.push({
      unit,
      project: label,
      item,
      itemCode: /^([A-Z]\d+)/.exec(item)?.[1] ?? null,
      quantity: text("quantity") || null,
      amount: amount.kind === "amount" ? amount.value : null,
      sme: text("sme") || null,
      micro: text("micro") || null,
      prison: text("prison") || null,
      disabled: text("disabled") || null,
      page: row.page,
    });
  }
  return items;
}
