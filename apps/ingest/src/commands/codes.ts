import { loadRegistry, type RegistryEntry } from "@yusuan/classification";
import { codesSeen, figureSources, unlistedEntries, UNLISTED, type BudgetDatabase } from "@yusuan/load";
import { headlineOf, wordMeaning, type WordMeaning } from "@yusuan/normalize";
import { openForReading } from "../read-database.js";

const SYSTEM_NAMES: Record<string, string> = {
  func: "支出功能分类",
  econ_dept: "部门预算支出经济分类",
  econ_gov: "政府预算支出经济分类",
  revenue: "收入",
};

const line = (e: RegistryEntry) =>
  `${e.code} ${e.name}  [${SYSTEM_NAMES[e.system] ?? e.system}, ${["", "类", "款", "项"][e.level]}, ${e.source}${e.validFrom || e.validTo ? `, ${e.validFrom ?? "…"}–${e.validTo ?? ""}` : ""}]`;

const where = (tableNo: string | null, page: number | null) => `${tableNo ? `表${tableNo} ` : ""}p.${page}`;

/** How the documents print a code: each printed name, then each document printing it with its own table and page. */
function printedForms(db: BudgetDatabase, code: string, out: NodeJS.WritableStream): void {
  const seen = codesSeen(db, code);
  out.write(seen.length ? "as printed in the documents:\n" : "not printed in any document of this database\n");
  for (const form of seen) {
    out.write(`  ${form.printedName}  (${form.documents.length} document${form.documents.length > 1 ? "s" : ""})\n`);
    for (const d of form.documents) {
      // a differing name is this document's, judged against its own edition
      const judged = d.status && d.status !== "matched" ? `  ${d.status}${d.officialName ? `: the registry says ${d.officialName}` : ""}` : "";
      out.write(`    ${d.document} ${where(d.tableNo, d.page)}${judged}\n`);
    }
  }
}

/** What a money word means in the canonical columns, and with a database each document's figure and where it was printed. */
function canonicalAnswer(query: string, meaning: WordMeaning, db: BudgetDatabase | null, out: NodeJS.WritableStream): void {
  const columns = (["fund", "use", "item"] as const).filter((k) => meaning[k]).map((k) => `${k} = '${meaning[k]}'`);
  const figure = headlineOf(meaning);
  out.write(`${query}: the canonical ${columns.join(", ")} in facts${figure ? `; ${figure} in document_summary (万元)` : ""}\n`);
  if (!db || !figure) return;
  for (const f of figureSources(db, figure)) {
    const who = `${f.document}${f.department ? ` (${f.department}${f.fiscalYear ? ` ${f.fiscalYear}` : ""})` : ""}`;
    out.write(
      f.wan === null
        ? `  ${who}: not printed\n`
        : `  ${who}: ${f.wan} 万元, printed ${f.printed} ${f.unit} in ${f.source === "table" ? `${where(f.tableNo, f.page)} ${f.title ?? ""}`.trimEnd() : `the prose, p.${f.page}`}\n`,
    );
  }
}

/** `yusuan codes`: a code → its name, path and editions (and how documents printed it); a name → candidate codes; a money word → its canonical meaning. */
export async function codesCommand(query: string, options: { year?: number; db?: string }): Promise<void> {
  const registry = loadRegistry();
  const year = options.year ?? null;
  const out = process.stdout;
  const q = query.replace(/\s+/g, "");
  const db = options.db ? openForReading(options.db) : null;
  try {
    if (/^\d{3}(\d{2}){0,2}$/.test(q)) {
      const systems = (["func", "econ_dept", "econ_gov"] as const).filter((s) => registry.editions(s, q).length > 0);
      // a code the official list lacks may be an entry the database's documents made (kind unlisted)
      const unlisted = db ? [...unlistedEntries(db).values()].filter((e) => e.code === q) : [];
      for (const e of unlisted) out.write(`${e.code} ${e.name}  [${SYSTEM_NAMES[e.system] ?? e.system}, ${UNLISTED}: ${e.note ?? "printed by documents, not in the official list we hold"}]\n`);
      if (systems.length === 0 && unlisted.length === 0) out.write(`${q}: not in the registry${q.length === 7 && q.startsWith("3") ? " (a 7-digit local economic sub-code?)" : ""}\n`);
      for (const system of systems) {
        const entry = registry.lookup(system, q, year);
        out.write(entry ? `${line(entry)}\n  ${registry.path(system, q, year).map((e) => `${e.code} ${e.name}`).join(" › ")}\n` : `${q}: not valid in ${year}\n`);
        const editions = registry.editions(system, q);
        if (editions.length > 1) for (const e of editions) out.write(`  edition: ${line(e)}\n`);
        const children = registry.children(system, q, year);
        if (children.length) out.write(`  ${children.length} sub-codes: ${children.slice(0, 12).map((c) => `${c.code} ${c.name}`).join("; ")}${children.length > 12 ? " …" : ""}\n`);
      }
      if (db) printedForms(db, q, out);
      return;
    }
    const meaning = wordMeaning(q);
    if (meaning) canonicalAnswer(q, meaning, db, out);
    const found = registry.searchByName(q, year ?? undefined);
    if (found.length === 0 && !meaning) out.write(`no code is named like “${query}”\n`);
    if (found.length && meaning) out.write("codes named like it:\n");
    for (const e of found.slice(0, 30)) out.write(`${line(e)}\n`);
    if (found.length > 30) out.write(`… ${found.length - 30} more\n`);
  } finally {
    db?.close();
  }
}
