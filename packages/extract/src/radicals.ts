/**
 * Some fonts map ordinary ideographs to the Kangxi Radicals and CJK Radicals Supplement blocks
 * (⻔ for 门, ⽀ for 支). Text must compare equal to what a reader sees, so these are mapped back.
 */
const SUPPLEMENT_PAIRS =
  "⺁厂⺇几⺌小⺍小⺒巳⺓幺⺔彐⺖忄⺗心⺘扌⺙攵⺛旡⺝月⺞歹⺟母⺠民⺡氵⺢氺⺣灬⺤爫⺥爫⺦丬⺧牛⺨犭⺩王⺪疋⺫罒⺬示⺭礻⺮竹⺯糹⺰纟⺱罓⺲罒⺳网⺶羊⺷羊⺹耂⺺肀⺻聿⺼肉⺽臼⺾艹⺿艹⻀艹⻁虎⻂衤⻃襾⻄西⻅见⻆角⻇角⻈讠⻉贝⻊足⻋车⻌辶⻍辶⻎辶⻏阝⻐钅⻑長⻒镸⻓长⻔门⻕阝⻖阝⻗雨⻘青⻙韦⻚页⻛风⻜飞⻝食⻞食⻟食⻠饣⻡饣⻢马⻣骨⻤鬼⻥鱼⻦鸟⻧卤⻨麦⻩黄⻪黾⻫齐⻬齐⻭齿⻮齿⻯龙⻰龙⻱龟⻲龟⻳龟";
/** Kangxi radicals whose compatibility form is the traditional character where simplified text means another. */
const KANGXI_OVERRIDES = "⼾户⿈黄⾨门⾧长⾴页⾵风⾶飞⾺马⿂鱼⿃鸟⿆麦⿒齿⿓龙⿔龟⾞车⾙贝⾔言⾒见";

function pairs(s: string): Map<string, string> {
  const chars = [...s];
  const map = new Map<string, string>();
  for (let i = 0; i + 1 < chars.length; i += 2) map.set(chars[i]!, chars[i + 1]!);
  return map;
}

const SUPPLEMENT = pairs(SUPPLEMENT_PAIRS);
const KANGXI = pairs(KANGXI_OVERRIDES);

/**
 * The ideograph a radical code point stands for; any other character unchanged.
 * @example unifyRadical("⽀"); // "支"
 */
export function unifyRadical(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp >= 0x2e80 && cp <= 0x2eff) return SUPPLEMENT.get(ch) ?? ch;
  if (cp >= 0x2f00 && cp <= 0x2fdf) return KANGXI.get(ch) ?? ch.normalize("NFKC");
  return ch;
}
