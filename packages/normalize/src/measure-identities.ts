import type { ColumnInfo } from "./columns.js";
import { OF_WHICH } from "./canonical-measure.js";

/** One column that prints the sum of others in every row. */
export interface RowIdentity {
  total: string;
  parts: string[];
}

const TOTAL = /^(合计|小计|总计)$|.合计$/;
/** A 其中 column or row: part of another, added to nothing (the canonical meaning's of-which, one rule for both). */
export const PART_OF = OF_WHICH;

/**
 * The children of a header node that add up to its total. 其中 columns printed last repeat part of a
 * sibling and add to nothing; printed first before others (其中：基本支出 | 项目支出) it heads the
 * parts; anywhere else it is unclear which columns it covers (null).
 */
function addends(keys: readonly string[], totals: readonly string[]): string[] | null {
  const parts = keys.filter((k) => !totals.includes(k));
  const within = parts.flatMap((k, i) => (PART_OF.test(k) ? [i] : []));
  if (within.length === 0 || (within.length === 1 && within[0] === 0 && parts.length > 1)) return parts;
  const trailing = within.every((i, k) => i === parts.length - within.length + k);
  return trailing && parts.length > within.length ? parts.slice(0, -within.length) : null;
}

interface Leaf {
  path: string[];
  measure: string;
}

/** The columns that print a header node's money: itself, its own 合计/小计, or the sum of its children. */
function valueOf(leaves: readonly Leaf[], prefix: readonly string[]): string[] | null {
  const under = leaves.filter((l) => prefix.every((p, i) => l.path[i] === p));
  const self = under.find((l) => l.path.length === prefix.length);
  if (self) return [self.measure];
  const keys = [...new Set(under.map((l) => l.path[prefix.length]!))];
  const totals = keys.filter((k) => TOTAL.test(k) && under.some((l) => l.path.length === prefix.length + 1 && l.path[prefix.length] === k));
  if (totals.length === 1) return valueOf(leaves, [...prefix, totals[0]!]);
  const summed = totals.length === 0 ? addends(keys, totals) : null;
  const parts = (summed ?? []).map((k) => valueOf(leaves, [...prefix, k]));
  return summed && parts.every((p) => p !== null) ? parts.flat() : null;
}

/** Identities of one header node: its 合计/小计 column = Σ its other children, then those children's own. */
function identitiesUnder(leaves: readonly Leaf[], prefix: readonly string[]): RowIdentity[] | null {
  const under = leaves.filter((l) => l.path.length > prefix.length && prefix.every((p, i) => l.path[i] === p));
  const keys = [...new Set(under.map((l) => l.path[prefix.length]!))];
  const isLeaf = (k: string) => under.some((l) => l.path.length === prefix.length + 1 && l.path[prefix.length] === k);
  const totals = keys.filter((k) => TOTAL.test(k) && isLeaf(k));
  if (totals.length > 1) return null;
  const out: RowIdentity[] = [];
  if (totals.length === 1) {
    const total = valueOf(leaves, [...prefix, totals[0]!])![0]!;
    const parts = (addends(keys, totals) ?? []).map((k) => valueOf(leaves, [...prefix, k]));
    if (parts.length > 0 && parts.every((p) => p !== null)) out.push({ total, parts: parts.flat() as string[] });
  }
  for (const k of keys.filter((x) => !isLeaf(x))) {
    const inner = identitiesUnder(leaves, [...prefix, k]);
    if (inner === null) return null;
    out.push(...inner);
  }
  return out;
}

/**
 * Which amount column totals which, read from the header: a 合计/小计/总计 column totals the other
 * money columns (not a 完成率) printed beside it under the same header (a sub-header counting as its own 小计, or as the
 * sum of its columns); 其中 columns as {@link addends} reads them. null where the header does not say it unambiguously
 * (two total columns side by side, such as 总计 and 合计).
 * @example headerIdentities(describeColumns(columns), false) // [{ total: "合计", parts: ["小计", "项目支出"] }, { total: "小计", parts: ["人员经费", "日常公用支出"] }]
 */
export function headerIdentities(cols: readonly ColumnInfo[], twoSided: boolean): RowIdentity[] | null {
  // two-sided tables (表1, 表2) add up across the expense side only, below its 支出 header
  const leaves: Leaf[] = cols.flatMap((c) =>
    c.role.role !== "amount" || c.role.ratio || (twoSided && c.side !== "expense")
      ? []
      : [{ path: twoSided && c.path.length > 1 ? c.path.slice(1) : c.path, measure: c.role.measure }],
  );
  const measures = leaves.map((l) => l.measure);
  if (new Set(measures).size !== measures.length) return null;
  return identitiesUnder(leaves, []);
}
