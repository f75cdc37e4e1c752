import { parseCsv } from "@yusuan/classification";
import type { Department, DepartmentEvidence, DepartmentLink, DepartmentOverride } from "@yusuan/schema";

/**
 * The same department across documents, recognized by what the documents print, conservatively: two documents
 * are linked only when their names say the same organisation of the same region (全称 or 简称, with or without
 * 本级/汇总, its 部门预算 or the 单位预算 of its own unit). The same name in two regions, or a region printed so
 * short that it fits two, is never linked; a user's override decides instead.
 */

/** A printed name taken apart: the region as its parts (上海市 › 普陀区) and the organisation's own name (司法局). */
interface ReadName {
  /** the name as printed, without spaces */
  printed: string;
  /** without decoration: 本级, 汇总, （部门） */
  plain: string;
  regionParts: string[];
  /** the organisation's name without its region, short forms written one way */
  body: string;
  /** what was taken off or rewritten, in words, for the link's reason */
  notes: string[];
}

const DECORATION = /(?:[（(](?:本级|汇总|部门|单位|机关)[）)]|本级|汇总)$/;
// the parts regionOf (extract) reads a region as: 省 or 自治区, 市, 县 or 区 or 旗
const REGION_PART = /.+?(?:自治区|省|市|县|区|旗)/g;
/** 全称 → the 简称 documents print for it, so both read the same. */
const SHORT_FORMS: ReadonlyArray<readonly [RegExp, string]> = [
  [/人民代表大会常务委员会/, "人大常委会"],
  [/人民政府/, "政府"],
];

const squeeze = (s: string) => s.replace(/\s+/g, "").replace(/\(/g, "（").replace(/\)/g, "）");

function readName(printed: string, region: string | null): ReadName {
  const name = squeeze(printed);
  const notes: string[] = [];
  let plain = name;
  for (let m = DECORATION.exec(plain); m; m = DECORATION.exec(plain)) {
    notes.push(`printed with ${m[0]}`);
    plain = plain.slice(0, -m[0].length);
  }
  const own = region ? squeeze(region) : null;
  // 中共江苏省委办公厅 and 江苏省委办公厅 are one organisation: the party prefix stands before the region
  const withoutParty = plain.replace(/^(?:中共|中国共产党)/, "");
  if (withoutParty !== plain) notes.push(`printed with ${plain.slice(0, plain.length - withoutParty.length)}`);
  const regionText = own && withoutParty.startsWith(own) ? own : null;
  let body = regionText ? withoutParty.slice(regionText.length) : withoutParty;
  for (const [full, short] of SHORT_FORMS)
    if (full.test(body)) {
      notes.push(`${short} is short for ${full.source}`);
      body = body.replace(full, short);
    }
  return { printed: name, plain, regionParts: regionText?.match(REGION_PART) ?? [], body, notes };
}

const isSuffix = (short: readonly string[], long: readonly string[]) =>
  short.length <= long.length && short.every((p, i) => p === long[long.length - short.length + i]);

interface Read {
  evidence: DepartmentEvidence;
  name: ReadName;
  scope: "部门" | "单位";
}

/** The 3-digit department code a 部门 document's unit codes share (133 of 133001, 133002), or a 单位's own code. */
function codeOf(r: Read): string | null {
  const codes = r.evidence.units.map((u) => u.code).filter((c): c is string => !!c && /^\d{6,}$/.test(c));
  if (r.scope === "单位") return codes.length === 1 ? codes[0]! : null;
  const prefixes = new Set(codes.map((c) => c.slice(0, 3)));
  return prefixes.size === 1 ? [...prefixes][0]! : null;
}

/** Which document names a department best: the longest region, a 部门 document, the latest year, a 预算, then the file name. */
function canonicalFirst(a: Read, b: Read): number {
  return (
    b.name.regionParts.length - a.name.regionParts.length ||
    (a.scope === "部门" ? 0 : 1) - (b.scope === "部门" ? 0 : 1) ||
    (b.evidence.fiscalYear ?? 0) - (a.evidence.fiscalYear ?? 0) ||
    (a.evidence.docKind?.endsWith("决算") ? 1 : 0) - (b.evidence.docKind?.endsWith("决算") ? 1 : 0) ||
    a.evidence.fileName.localeCompare(b.evidence.fileName)
  );
}

/** Why a document belongs with the department's first document, in words. */
function reasonFor(r: Read, first: Read): string {
  if (r === first) return `printed ${r.name.printed}${r.name.regionParts.length ? ` (region ${r.name.regionParts.join("")})` : ""}`;
  const said: string[] = [];
  const shorter = first.name.regionParts.slice(0, first.name.regionParts.length - r.name.regionParts.length);
  if (shorter.length) said.push(`${r.name.printed} prints the region without ${shorter.join("")}`);
  said.push(...r.name.notes.filter((n) => !first.name.notes.includes(n)));
  if (r.scope === "单位" && first.scope === "部门") said.push("the 单位 document of the department's own unit");
  const [code, firstCode] = [codeOf(r), codeOf(first)];
  if (code && firstCode && code.slice(0, 3) === firstCode.slice(0, 3)) said.push(`unit code ${firstCode.slice(0, 3)} printed by both`);
  return `same organisation as ${first.evidence.fileName}: ${said.length ? said.join("; ") : "same name and region"}`;
}

export interface DepartmentMatch {
  readonly departments: Department[];
  /** documents linked to no department, with the reason (no name printed) */
  readonly unlinked: DepartmentLink[];
  /** overrides naming a document that is not loaded */
  readonly unmatchedOverrides: DepartmentOverride[];
}

/**
 * Links documents to departments by what they print, then applies the user's overrides (which always win).
 * @example matchDepartments([{ documentId: 1, fileName: "a.pdf", department: "上海市普陀区司法局", region: "上海市普陀区", … },
 *   { documentId: 2, fileName: "b.pdf", department: "普陀区司法局", region: "普陀区", … }]).departments.length // 1
 */
export function matchDepartments(documents: readonly DepartmentEvidence[], overrides: readonly DepartmentOverride[] = []): DepartmentMatch {
  const unlinked: DepartmentLink[] = [];
  const reads: Read[] = [];
  for (const evidence of documents) {
    if (!evidence.department?.trim()) unlinked.push({ documentId: evidence.documentId, reason: "no department name printed" });
    else
      reads.push({ evidence, name: readName(evidence.department, evidence.region), scope: evidence.docKind?.startsWith("单位") ? "单位" : "部门" });
  }
  const clusters = new Map<string, Read[]>();
  const notes = new Map<Read, string>();
  for (const [body, same] of groupBy(reads, (r) => r.name.body)) {
    const chains = same.map((r) => r.name.regionParts);
    const maximal = uniqueChains(chains.filter((c) => c.length > 0 && !chains.some((o) => o.length > c.length && isSuffix(c, o))));
    for (const r of same) {
      const fits = maximal.filter((m) => r.name.regionParts.length > 0 && isSuffix(r.name.regionParts, m));
      if (fits.length === 1) push(clusters, `${fits[0]!.join("")}|${body}`, r);
      else {
        // no region, or a short one that fits several: this document stands alone until a user says otherwise
        push(clusters, `document|${r.evidence.fileName}|${r.evidence.documentId}`, r);
        notes.set(r, fits.length > 1
          ? `${r.name.printed} may be ${fits.map((f) => f.join("") + body).join(" or ")}: linked to none (add an override)`
          : `${r.name.printed} prints no region: linked to no other document (add an override)`);
      }
    }
  }
  const departments = new Map<string, Department>();
  for (const [key, members] of clusters) {
    const sorted = [...members].sort(canonicalFirst);
    const first = sorted[0]!;
    departments.set(key, {
      key,
      name: first.name.plain,
      region: first.name.regionParts.join("") || first.evidence.region,
      kind: sorted.some((r) => r.scope === "部门") ? "部门" : "单位",
      code: codeOf(first) ?? sorted.map(codeOf).find((c) => c !== null) ?? null,
      parentKey: null,
      names: namesOf(sorted),
      links: sorted.map((r) => ({ documentId: r.evidence.documentId, reason: notes.get(r) ?? reasonFor(r, first) })),
    });
  }
  assignParents(departments, clusters);
  const unmatchedOverrides = applyOverrides(departments, documents, overrides);
  return {
    departments: [...departments.values()].filter((d) => d.links.length > 0).sort((a, b) => a.key.localeCompare(b.key)),
    unlinked,
    unmatchedOverrides,
  };
}

/** Every name a department was printed under: its documents' names and the 本级 unit their unit lists give it. */
function namesOf(members: readonly Read[]): string[] {
  const names = new Set(members.map((r) => r.name.printed));
  for (const r of members)
    for (const u of r.evidence.units) if (readName(u.name, r.evidence.region).body === r.name.body) names.add(squeeze(u.name));
  return [...names];
}

/** A 单位 listed by name in a 部门 document of its region belongs under that department. */
function assignParents(departments: Map<string, Department>, clusters: Map<string, Read[]>): void {
  for (const [key, department] of departments) {
    if (department.kind !== "单位") continue;
    const own = clusters.get(key)![0]!;
    for (const [parentKey, members] of clusters) {
      if (parentKey === key || departments.get(parentKey)!.kind !== "部门") continue;
      const lists = members.some(
        (p) =>
          p.scope === "部门" &&
          isSuffix(own.name.regionParts, p.name.regionParts) &&
          p.evidence.units.some((u) => readName(u.name, p.evidence.region).body === own.name.body),
      );
      if (lists) {
        department.parentKey = parentKey;
        break;
      }
    }
  }
}

/** Moves each overridden document to the department printed under the override's name, or to a new one of that name. */
function applyOverrides(departments: Map<string, Department>, documents: readonly DepartmentEvidence[], overrides: readonly DepartmentOverride[]): DepartmentOverride[] {
  const unmatched: DepartmentOverride[] = [];
  for (const o of overrides) {
    const evidence = documents.find((d) => d.fileName === o.document);
    if (!evidence) {
      unmatched.push(o);
      continue;
    }
    for (const d of departments.values()) d.links = d.links.filter((l) => l.documentId !== evidence.documentId);
    const wanted = squeeze(o.department);
    const target =
      [...departments.values()].find((d) => d.name === wanted || d.names.includes(wanted)) ??
      departments.set(`override|${wanted}`, {
        key: `override|${wanted}`,
        name: wanted,
        region: evidence.region,
        kind: evidence.docKind?.startsWith("单位") ? "单位" : "部门",
        code: null,
        parentKey: null,
        names: [wanted],
        links: [],
      }).get(`override|${wanted}`)!;
    target.links.push({ documentId: evidence.documentId, reason: `override (${o.source}): ${o.document} → ${o.department}` });
  }
  return unmatched;
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) push(groups, key(item), item);
  return groups;
}

function push<T>(map: Map<string, T[]>, key: string, item: T): void {
  const list = map.get(key);
  if (list) list.push(item);
  else map.set(key, [item]);
}

function uniqueChains(chains: readonly string[][]): string[][] {
  return [...new Map(chains.map((c) => [c.join("›"), c])).values()];
}

/** The columns of an overrides file, in order. */
const OVERRIDE_HEADER = ["document", "department"] as const;

/**
 * Reads an overrides CSV (UTF-8, optional BOM): a header `document,department` (an optional third column `note`
 * is kept for the reader, not used), then one line per correction. Fields may be quoted ("a,b").
 * @example parseDepartmentOverrides("document,department\nb.pdf,普陀区司法局\n", "fix.csv") // [{ document: "b.pdf", department: "普陀区司法局", source: "fix.csv line 2" }]
 */
export function parseDepartmentOverrides(text: string, source: string): DepartmentOverride[] {
  if (!text.replace(/^\uFEFF/, "").trim()) return [];
  const [header = [], ...rows] = parseCsv(text);
  if (header[0] !== OVERRIDE_HEADER[0] || header[1] !== OVERRIDE_HEADER[1])
    throw new Error(`${source}: the first line must be the header ${OVERRIDE_HEADER.join(",")} (it is ${JSON.stringify(header.join(","))})`);
  return rows.flatMap((fields, i) => {
    const [document = "", department = ""] = fields.map((f) => f.trim());
    if (!document && !department) return [];
    if (!document || !department) throw new Error(`${source} line ${i + 2}: a document and a department are both needed (${JSON.stringify(fields.join(","))})`);
    return [{ document, department, source: `${source} line ${i + 2}` }];
  });
}

/**
 * The overrides file with one more correction (replacing an earlier one for the same document), as CSV text.
 * @example withDepartmentOverride("", { document: "b.pdf", department: "普陀区司法局" }) // "document,department\nb.pdf,普陀区司法局\n"
 */
export function withDepartmentOverride(text: string, override: { document: string; department: string }): string {
  const kept = parseCsv(text).slice(1).filter((fields) => fields.some((f) => f.trim()) && fields[0]?.trim() !== override.document);
  const line = (fields: readonly string[]) => fields.map((f) => (/[",\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(",");
  return [OVERRIDE_HEADER, ...kept, [override.document, override.department]].map(line).join("\n") + "\n";
}
