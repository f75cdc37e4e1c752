import type { BudgetDocument, BudgetTable, Claim, Finding, LineItem } from "@yusuan/schema";
import { labelKey } from "../labels.js";
import { discrepancy } from "../checks/finding-for.js";
import { principalTables } from "../checks/principal-tables.js";
import { toUnits } from "../checks/money.js";
import { amountOf } from "../checks/within-table.js";

interface TableFigure {
  value: number;
  table: BudgetTable;
  row: LineItem;
  what: string;
}

const rowWhere = (t: BudgetTable | undefined, test: (r: LineItem) => boolean) => t?.rows.find(test);
const total = (t: BudgetTable | undefined) => rowWhere(t, (r) => r.rowKind === "total" && r.side === null);
const sideKey = (r: LineItem) => labelKey(r.label);

function figure(t: BudgetTable | undefined, row: LineItem | undefined, measure: string, what: string): TableFigure | null {
  if (!t || !row || !row.amounts.some((a) => a.measure === measure)) return null;
  return { value: amountOf(row, measure), table: t, row, what: `${t.tableNo ? `表${t.tableNo}` : t.title} ${what}` };
}

type Principal = ReturnType<typeof principalTables>;

/** Where the tables print the number a prose subject names; none where we cannot tell. */
function lookup(tables: Principal, subject: string): TableFigure[] {
  const s = subject.replace(/[“”"]/g, "");
  const one = lookupOne(tables, s);
  if (one) return [one];
  // A 类 named in the prose may restate any table that prints it: 表1 (all money), 表2 (财政拨款),
  // 表3 (一般公共预算), or one column of them (项目支出 of 公共安全支出): any of those is right.
  const key = labelKey(s);
  const rowsOf = (t: BudgetTable | undefined) => (t?.rows ?? []).filter((r) => r.side !== "income" && r.rowKind === "class" && sideKey(r) === key);
  return [tables.t1, tables.t2, tables.t12, tables.t3].flatMap((t) =>
    rowsOf(t).flatMap((r) => r.amounts.map((a) => figure(t, r, a.measure, `${sideKey(r)} ${a.measure}`)).filter((f): f is TableFigure => f !== null)),
  );
}

/** A subject (quotes removed) that names one particular figure of the principal tables. */
function lookupOne({ t1, t12, t2, t3, t31, t33 }: Principal, s: string): TableFigure | null {
  if (/财政拨款收支(预算)?总(数|预算)/.test(s))
    return figure(t2, rowWhere(t2, (r) => r.side === "expense" && /^本年支出(合计)?$/.test(sideKey(r))), "合计", "本年支出 合计");
  if (/收支(预算)?总(数|预算)$|^收入预算$|收入预算总数/.test(s))
    return figure(t1, rowWhere(t1, (r) => r.side === "income" && /收入总计$/.test(sideKey(r))), "预算数", "收入总计");
  if (/^支出预算$|支出预算总数/.test(s))
    return figure(t1, rowWhere(t1, (r) => r.side === "expense" && /支出总计$/.test(sideKey(r))), "预算数", "支出总计");
  if (/一般公共预算当年拨款$/.test(s)) {
    const row = total(t3);
    const measure = t3?.measures.find((m) => /当年/.test(m)) ?? "合计";
    return figure(t3, row, measure, `合计 ${measure}`);
  }
  if (/一般公共预算基本支出$/.test(s)) return figure(t31, total(t31), "合计", "合计");
  if (/^(基本支出|项目支出)$/.test(s)) return figure(t12, total(t12), s, `合计 ${s}`);
  if (/^(人员经费|公用经费)$/.test(s)) return figure(t31, total(t31), s, `合计 ${s}`);
  if (/三公经费.*预算|三公经费财政拨款/.test(s)) return figure(t33, total(t33), "合计", "合计");
  if (/^本?年?一般公共预算拨款收入$/.test(s))
    return figure(t1, rowWhere(t1, (r) => r.side === "income" && r.rowKind === "item" && /^一般公共预算拨款收入$/.test(sideKey(r))), "预算数", "一般公共预算拨款收入");
  return null;
}

/**
 * Compares what the prose (情况说明) says with what the tables print, and the prose's own 比上年增减 arithmetic.
 * @example checkClaims(doc, readClaims(doc.prose)) // prose_mismatch 294.82 vs 表2 294.28 in the 乐山 document
 */
export function checkClaims(doc: BudgetDocument, claims: readonly Claim[]): Finding[] {
  const findings: Finding[] = [];
  const tables = principalTables(doc);
  for (const claim of claims) {
    if (claim.subject === "增减" || claim.subject === "上年数" || claim.unit === "%") continue;
    const candidates = lookup(tables, claim.subject).filter((f) => f.table.amountUnit === claim.unit);
    if (candidates.some((f) => f.value === toUnits(claim.value))) continue;
    const found = candidates[0];
    if (!found) continue;
    findings.push(
      ...discrepancy({
        code: "prose_mismatch",
        message: `the prose (p.${claim.page}) says ${claim.subject} ${claim.value} ${claim.unit}; ${found.what} (p.${found.row.page}) prints ${fromValue(found.value)}`,
        tableNo: found.table.tableNo,
        page: claim.page,
        printed: toUnits(claim.value),
        expected: found.value,
      }, "warning"),
    );
  }
  // 比上年增减: this year − last year = the change the sentence states.
  const bySentence = new Map<string, Claim[]>();
  for (const c of claims) bySentence.set(`${c.page}|${c.sentence}`, [...(bySentence.get(`${c.page}|${c.sentence}`) ?? []), c]);
  for (const group of bySentence.values()) {
    const change = group.find((c) => c.subject === "增减");
    const previous = group.find((c) => c.subject === "上年数");
    const current = group.find((c) => c !== change && c !== previous && c.unit === change?.unit);
    if (!change || !previous || !current) continue;
    findings.push(
      ...discrepancy({
        code: "prose_mismatch",
        message: `the prose (p.${change.page}) says ${current.subject} ${current.value} is ${change.value} more than last year's ${previous.value}`,
        tableNo: null,
        page: change.page,
        printed: toUnits(change.value),
        expected: toUnits(current.value) - toUnits(previous.value),
      }, "warning"),
    );
  }
  for (const group of bySentence.values()) findings.push(...checkShares(group));
  return findings;
}

/**
 * "基本支出 166.48 万元，占 56.57%；项目支出 127.8 万元，占 43.43%": each share against its amount over the base,
 * at the precision printed. The base is the sum of the shared amounts when the shares add up to 100%,
 * otherwise the sentence's first amount that states no share (its total).
 */
function checkShares(sentence: readonly Claim[]): Finding[] {
  const shares = sentence.filter((c) => c.unit === "%");
  if (shares.length === 0) return [];
  const amounts = sentence.filter((c) => c.unit !== "%" && c.subject !== "增减" && c.subject !== "上年数");
  // a share is read right after the amount it is of (several may share one subject: 支出 …, 占 0.5%；支出 …)
  const amountOfShare = (share: Claim) => {
    const before = sentence[sentence.indexOf(share) - 1];
    return before && before.unit !== "%" && before.subject === share.subject ? before : undefined;
  };
  const total = shares.reduce((s, c) => s + Number(c.value), 0);
  const shared = shares.map(amountOfShare);
  const unshared = amounts.find((a) => !shares.some((s) => s.subject === a.subject));
  const base =
    Math.abs(total - 100) <= 0.1 * shares.length && shared.every(Boolean)
      ? shared.reduce((s, c) => s + toUnits(c!.value), 0)
      : unshared
        ? toUnits(unshared.value)
        : 0;
  if (base === 0) return [];
  return shares.flatMap((share) => {
    const amount = amountOfShare(share);
    if (!amount) return [];
    const decimals = share.value.split(".")[1]?.length ?? 0;
    const expected = (toUnits(amount.value) / base) * 100;
    if (Math.abs(Number(share.value) - expected) <= 10 ** -decimals + 1e-9) return [];
    return [
      {
        code: "prose_mismatch" as const,
        severity: "warning" as const,
        message: `the prose (p.${share.page}) says ${share.subject} ${amount.value} ${amount.unit} is ${share.value}% of ${fromValue(base)}, which is ${expected.toFixed(decimals)}%`,
        tableNo: null,
        page: share.page,
        expected: expected.toFixed(decimals),
        actual: share.value,
      },
    ];
  });
}

const fromValue = (units: number) => (units / 10_000).toFixed(2);
