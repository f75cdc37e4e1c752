import type { LineItem } from "@yusuan/schema";

/**
 * A hand-made row for specifications: an uncoded item with the given label, amounts and overrides.
 * @example lineItem("合计", [], { rowKind: "total" })
 */
export const lineItem = (label: string, amounts: LineItem["amounts"], over: Partial<LineItem> = {}): LineItem => ({
  rowIndex: 0,
  rowKind: "item",
  level: null,
  side: null,
  section: null,
  label,
  unitCode: null,
  funcCode: null,
  econCode: null,
  func: null,
  econ: null,
  page: 3,
  amounts,
  parent: null,
  ofWhich: false,
  ...over,
});
