import type { Finding } from "@yusuan/schema";

/**
 * The scripts a Chinese budget disclosure is printed in: ASCII and Latin-1, general punctuation, number forms,
 * circled numbers, box drawing and shapes, CJK radicals, symbols and punctuation, enclosed CJK, the common CJK
 * ideographs, compatibility ideographs and forms, full-width forms. A damaged font or ToUnicode map turns text
 * into characters from anywhere else (࣏㜭、ⴞ㕆⸱ for 功能科目编码).
 */
const EXPECTED: readonly (readonly [number, number])[] = [
  [0x20, 0x7e], [0xa0, 0xff], [0x2000, 0x206f], [0x2100, 0x218f], [0x2190, 0x23ff], [0x2460, 0x27bf],
  [0x2e80, 0x2fdf], [0x3000, 0x303f], [0x3200, 0x33ff], [0x4e00, 0x9fff], [0xf900, 0xfaff], [0xfe30, 0xfe4f],
  [0xff00, 0xffef],
];

/** Words every budget disclosure prints on most pages of text: text without any of them is not read right. */
const BUDGET_WORDS = /预算|支出|收入|合计|项目|部门|单位|科目|金额|经费|财政|公开|功能|经济|分类|拨款|基本|说明|资金|年度/g;

const expected = (cp: number): boolean => EXPECTED.some(([from, to]) => cp >= from && cp <= to);

/** What the text of one page is made of. */
export interface TextSample {
  readonly page: number;
  /** characters other than white space */
  readonly chars: number;
  /** characters outside the expected scripts */
  readonly foreign: number;
  /** ideographs (CJK unified) */
  readonly ideographs: number;
  /** occurrences of budget words */
  readonly words: number;
  /** a few foreign characters, to show what the damage looks like */
  readonly example: string;
  /** text-showing operators on the page: text drawn, whether or not it decodes */
  readonly drawn: number;
}

/**
 * Measures the text a page shows (its text items' strings, in reading order), drawn by `drawn` text operators.
 * @example sampleText(3, ["功能科目编码", "合计"], 2) // { page: 3, chars: 8, foreign: 0, ideographs: 8, words: 1, example: "", drawn: 2 }
 */
export function sampleText(page: number, strings: Iterable<string>, drawn: number): TextSample {
  let chars = 0;
  let foreign = 0;
  let ideographs = 0;
  let example = "";
  let joined = "";
  for (const s of strings) {
    joined += s;
    for (const ch of s) {
      const cp = ch.codePointAt(0)!;
      if (cp <= 0x20 || /\s/.test(ch)) continue;
      chars++;
      if (cp >= 0x4e00 && cp <= 0x9fff) ideographs++;
      else if (!expected(cp)) {
        foreign++;
        if (example.length < 12) example += ch;
      }
    }
  }
  return { page, chars, foreign, ideographs, words: joined.match(BUDGET_WORDS)?.length ?? 0, example, drawn };
}

/** A page with less text than this says too little to judge (a cover, a page number). */
const ENOUGH = 40;
/** Beyond this share of foreign characters a page's text is not what it shows (real disclosures: under 1%). */
const FOREIGN_SHARE = 0.2;
/** Fewer budget words than one per this many ideographs is text mapped to the wrong ideographs (real: one per 10–25). */
const WORDS_PER = 500;

/**
 * The finding for a document whose text does not read as what its pages show, or none: an error where over
 * a fifth of a page's characters are outside the expected scripts, or where many ideographs hardly ever
 * spell a budget word (glyphs mapped to the wrong ideographs); a warning where a few characters are.
 * @example unreadableText(pages.map((p) => sampleText(p.page, p.strings))) // [{ code: "garbled_text", … }]
 */
export function unreadableText(samples: readonly TextSample[]): Finding[] {
  const judged = samples.filter((s) => s.chars >= ENOUGH);
  const foreign = judged.filter((s) => s.foreign > FOREIGN_SHARE * s.chars);
  const ideographs = judged.reduce((n, s) => n + s.ideographs, 0);
  const words = judged.reduce((n, s) => n + s.words, 0);
  let message: string | null = null;
  if (foreign.length > 0) {
    const chars = foreign.reduce((n, s) => n + s.chars, 0);
    const share = Math.round((100 * foreign.reduce((n, s) => n + s.foreign, 0)) / chars);
    message =
      `the text of ${foreign.length} of ${samples.length} pages is unreadable: ${share}% of its characters are outside the Chinese ` +
      `and Latin scripts (${foreign[0]!.example}…), a damaged font or ToUnicode map; pages ${pageList(foreign)}`;
  } else if (ideographs >= 200 && words * WORDS_PER < ideographs) {
    message =
      `the text is unreadable: ${ideographs} Chinese characters on ${judged.length} pages spell a budget word (预算, 支出, 合计 …) ` +
      `${words === 0 ? "nowhere" : `only ${words} times`}, a damaged font or ToUnicode map`;
  }
  if (message) return [{ code: "garbled_text", severity: "error", message, tableNo: null, page: (foreign[0] ?? judged[0])?.page ?? null, expected: null, actual: null }];
  return [...silentPages(samples), ...strayCharacters(samples)];
}

/** Text operators on a page with no character at all: more than a few spaces drawn, less than real text. */
const DRAWN = 20;

/**
 * Pages that draw text which decodes to nothing: not a scan (there is no text layer to OCR over, but text),
 * so never "needs OCR". An error where no page decodes, a warning where only some do not.
 */
function silentPages(samples: readonly TextSample[]): Finding[] {
  const silent = samples.filter((s) => s.chars === 0 && s.drawn >= DRAWN);
  if (!silent.length) return [];
  const none = samples.every((s) => s.chars === 0);
  return [
    {
      code: "garbled_text",
      severity: none ? "error" : "warning",
      message: `${none ? "the text is unreadable: " : ""}${silent.length} page(s) draw text that decodes to no character, a damaged font or ToUnicode map; pages ${pageList(silent)}`,
      tableNo: null,
      page: silent[0]!.page,
      expected: null,
      actual: null,
    },
  ];
}

/** Pages that read but hold a few characters no disclosure prints: labels damaged here and there (a flipped byte). */
function strayCharacters(samples: readonly TextSample[]): Finding[] {
  const odd = samples.filter((s) => s.foreign > 0);
  if (!odd.length) return [];
  const count = odd.reduce((n, s) => n + s.foreign, 0);
  return [
    {
      code: "garbled_text",
      severity: "warning",
      message: `${count} character(s) on ${odd.length} page(s) are of no script a disclosure is printed in (${odd[0]!.example}): labels there may be damaged; pages ${pageList(odd)}`,
      tableNo: null,
      page: odd[0]!.page,
      expected: null,
      actual: null,
    },
  ];
}

const pageList = (samples: readonly TextSample[]): string =>
  samples.length > 8 ? `${samples.slice(0, 8).map((s) => s.page).join(", ")} …` : samples.map((s) => s.page).join(", ");
