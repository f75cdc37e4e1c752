import { existsSync } from "node:fs";
import { loadRegistry, type RegistryEntry } from "@yusuan/classification";
import { codesSeen, openDatabase } from "@yusuan/load";
import { UsageError } from "../exit-codes.js";

const SYSTEM_NAMES: Record<string, string> = {
  func: "支出功能分类",
  econ_dept: "部门预算支出经济分类",
  econ_gov: "政府预算支出经济分类",
  revenue: "收入",
};

const line = (e: RegistryEntry) =>
  `${e.code} ${e.name}  [${SYSTEM_NAMES[e.system] ?? e.system}, ${["", "类", "款", "项"][e.level]}, ${e.source}${e.validFrom || e.validTo ? `, ${e.validFrom ?? "…"}–${e.validTo ?? ""}` : ""}]`;

/** `yusuan codes`: a code → its name, path and editions (and how documents printed it); a name → candidate codes. */
export async function codesCommand(query: string, options: { year?: number; db?: string }): Promise<void> {
  const registry = loadRegistry();
  const year = options.year ?? null;
  const out = process.stdout;
  const q = query.replace(/\s+/g, "");
  if (/^\d{3}(\d{2}){0,2}$/.test(q)) {
    const systems = (["func", "econ_dept", "econ_gov"] as const).filter((s) => registry.editions(s, q).length > 0);
    if (systems.length === 0) out.write(`${q}: not in the registry${q.length === 7 && q.startsWith("3") ? " (a 7-digit local economic sub-code?)" : ""}\n`);
    for (const system of systems) {
      const entry = registry.lookup(system, q, year);
      out.write(entry ? `${line(entry)}\n  ${registry.path(system, q, year).map((e) => `${e.code} ${e.name}`).join(" › ")}\n` : `${q}: not valid in ${year}\n`);
      const editions = registry.editions(system, q);
      if (editions.length > 1) for (const e of editions) out.write(`  edition: ${line(e)}\n`);
      const children = registry.children(system, q, year);
      if (children.length) out.write(`  ${children.length} sub-codes: ${children.slice(0, 12).map((c) => `${c.code} ${c.name}`).join("; ")}${children.length > 12 ? " …" : ""}\n`);
    }
    if (options.db) {
      if (!existsSync(options.db)) throw new UsageError(`no database at ${options.db}`);
      const db = openDatabase(options.db, { readonly: true });
      try {
        const seen = codesSeen(db, q);
        out.write(seen.length ? "as printed in the documents:\n" : "not printed in any document of this database\n");
        for (const s of seen) out.write(`  ${s.printedName}  (${s.documents} documents, e.g. ${s.example}${s.status && s.status !== "matched" ? `; ${s.status}` : ""})\n`);
      } finally {
        db.close();
      }
    }
    return;
  }
  const found = registry.searchByName(q, year ?? undefined);
  if (found.length === 0) out.write(`no code is named like “${query}”\n`);
  for (const e of found.slice(0, 30)) out.write(`${line(e)}\n`);
  if (found.length > 30) out.write(`… ${found.length - 30} more\n`);
}
