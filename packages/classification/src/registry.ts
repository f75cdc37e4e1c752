import { ClassificationSystem } from "@yusuan/schema";
import { validIn, type RegistryEntry } from "./entry.js";
import { normalizeName, sameName } from "./names.js";
import { classCodeByName } from "./class-code.js";
import { resolveCode, type CodedSystem, type Resolution } from "./resolve-code.js";

/** The 政府收支分类科目 registry: every system, every edition, looked up by fiscal year. */
export class Registry {
  readonly #entries: readonly RegistryEntry[];
  readonly #byCode = new Map<string, RegistryEntry[]>();
  readonly #byParent = new Map<string, RegistryEntry[]>();

  constructor(entries: readonly RegistryEntry[]) {
    this.#entries = Object.freeze([...entries]);
    for (const e of this.#entries) {
      push(this.#byCode, `${e.system}:${e.code}`, e);
      push(this.#byParent, `${e.system}:${e.parentCode ?? ""}`, e);
    }
  }

  /**
   * Every entry of every system and edition, sorted by system, code and edition (for SQLite).
   * @example loadClassification(db, loadRegistry().entries()) // @yusuan/load
   */
  entries(): readonly RegistryEntry[] {
    return this.#entries;
  }

  /**
   * The entry of a code under the name valid in a fiscal year (null: the newest edition), or null
   * when the code is not known then.
   * @example loadRegistry().lookup("func", "20805", 2019)?.name // "行政事业单位离退休"
   */
  lookup(system: ClassificationSystem, code: string, year: number | null): RegistryEntry | null {
    return this.#byCode.get(`${system}:${code}`)?.find((e) => validIn(e, year)) ?? null;
  }

  /**
   * Every edition of a code (its names over the years), oldest first.
   * @example loadRegistry().editions("func", "20805").map((e) => e.name) // ["行政事业单位离退休", "行政事业单位养老支出"]
   */
  editions(system: ClassificationSystem, code: string): readonly RegistryEntry[] {
    return this.#byCode.get(`${system}:${code}`) ?? [];
  }

  /**
   * The known 类 › 款 › 项 chain ending at a code (ancestors the registry lacks are left out).
   * @example loadRegistry().path("func", "2080505", 2025).map((e) => e.code) // ["208", "20805", "2080505"]
   */
  path(system: ClassificationSystem, code: string, year: number | null): RegistryEntry[] {
    const prefixes = [3, 5, 7].filter((n) => n <= code.length).map((n) => code.slice(0, n));
    return prefixes.map((c) => this.lookup(system, c, year)).filter((e): e is RegistryEntry => e !== null);
  }

  /**
   * The entries directly under a code (or the 类 when `parentCode` is null) valid in a fiscal year.
   * @example loadRegistry().children("econ_dept", "303", 2025).length // 12
   */
  children(system: ClassificationSystem, parentCode: string | null, year: number | null): RegistryEntry[] {
    return (this.#byParent.get(`${system}:${parentCode ?? ""}`) ?? []).filter((e) => validIn(e, year));
  }

  /**
   * Entries whose name contains the text (after {@link normalizeName}), exact names first; all editions
   * unless a fiscal year is given.
   * @example loadRegistry().searchByName("公务接待费", 2025).map((e) => e.code) // ["30217", "50206"]
   */
  searchByName(text: string, year?: number): RegistryEntry[] {
    const needle = normalizeName(text);
    if (needle === "") return [];
    const hits = this.#entries.filter(
      (e) => (year === undefined || validIn(e, year)) && normalizeName(e.name).includes(needle),
    );
    const rank = (e: RegistryEntry) => (sameName(text, e.name) ? 0 : 1);
    return hits.sort(
      (a, b) =>
        rank(a) - rank(b) ||
        systemRank(a) - systemRank(b) ||
        a.level - b.level ||
        a.code.localeCompare(b.code),
    );
  }

  /**
   * The code whose name (valid in the year) is the given one, among one system and optionally one
   * level; null when none or several codes carry it.
   * @example loadRegistry().codeByName("revenue", "七、上年结转", 2025) // "R11"
   */
  codeByName(system: ClassificationSystem, name: string, year: number | null, level?: 1 | 2 | 3): string | null {
    const codes = new Set(
      this.#entries
        .filter((e) => e.system === system && (level === undefined || e.level === level) && validIn(e, year))
        .filter((e) => sameName(name, e.name))
        .map((e) => e.code),
    );
    return codes.size === 1 ? [...codes][0]! : null;
  }

  /**
   * The 3-digit 支出功能分类 类 code of a 类 name as printed in 表1/表2 (ordinals, wraps, spaces, a
   * name of another edition), or null.
   * @example loadRegistry().classCodeByName("八、社会保障和就业支出", 2025) // "208"
   */
  classCodeByName(name: string, year: number | null): string | null {
    return classCodeByName(this, name, year);
  }

  /**
   * Checks a printed code together with its printed name against the edition of the fiscal year.
   * @example loadRegistry().resolveCode("econ_dept", "30202", "咨询费", 2024).status // "inconsistent" (咨询费 is 30203)
   */
  resolveCode(system: CodedSystem, code: string, printedName: string, year: number | null): Resolution {
    return resolveCode(this, system, code, printedName, year);
  }
}

const systemRank = (e: RegistryEntry) => ClassificationSystem.options.indexOf(e.system);

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
