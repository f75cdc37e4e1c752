import { loadRegistry, sameName, type Registry } from "@yusuan/classification";
import type { ClassificationSystem, CodeResolution } from "@yusuan/schema";
import type { Classifier } from "./classifier.js";

/**
 * The classifier normalization uses, backed by the project's registry in data/classification.
 * An empty printed name (表3-2 projects print a project name, not their 项's) resolves the code alone.
 * @example const classifier = createClassifier(); classifier.classCodeByName("卫生健康支出", 2025) // "210"
 */
export function createClassifier(registry: Registry = loadRegistry()): Classifier {
  return {
    officialName: (system, code, year) => registry.lookup(system, code, year)?.name ?? null,
    classCodeByName: (label, year) => registry.classCodeByName(label, year),
    childCodeByName(system, parent, label, year) {
      const codes = new Set(registry.children(system, parent, year).filter((e) => sameName(label, e.name)).map((e) => e.code));
      return codes.size === 1 ? [...codes][0]! : null;
    },
    editionFor: (year) => year,
    resolve(system: ClassificationSystem, code, printedName, year): CodeResolution {
      if (system === "revenue") throw new Error("revenue items carry no 科目 code to resolve");
      const name = printedName || registry.lookup(system, code, year)?.name || "";
      const { nameConfirmed: _confirmed, ...resolution } = registry.resolveCode(system, code, name, year);
      return { ...resolution, printedName };
    },
  };
}
