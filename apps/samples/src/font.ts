import { existsSync } from "node:fs";
import { join } from "node:path";

/** The CJK faces a sample is drawn with: a TrueType collection file and the postscript name inside it. */
export interface CjkFace {
  readonly file: string;
  readonly postscriptName: string;
}

export interface CjkFonts {
  readonly regular: CjkFace;
  readonly bold: CjkFace;
}

// Debian's fonts-noto-cjk installs here; YUSUAN_NOTO_CJK_DIR points elsewhere on other systems.
const DEFAULT_DIR = "/usr/share/fonts/opentype/noto";

/** Thrown when the Noto CJK collections are missing, with the package that provides them. */
export class MissingFontError extends Error {
  constructor(path: string) {
    super(`Noto CJK font not found at ${path}. Install the Debian/Ubuntu package fonts-noto-cjk ` +
      "(apt-get install fonts-noto-cjk) or set YUSUAN_NOTO_CJK_DIR to the folder holding Noto*CJK-*.ttc.");
    this.name = "MissingFontError";
  }
}

/**
 * Locates the Noto Sans or Serif CJK collections (simplified-Chinese faces).
 * @example findCjkFonts("serif").regular.postscriptName // "NotoSerifCJKsc-Regular"
 */
export function findCjkFonts(family: "sans" | "serif", dir = process.env["YUSUAN_NOTO_CJK_DIR"] ?? DEFAULT_DIR): CjkFonts {
  const name = family === "sans" ? "Sans" : "Serif";
  const face = (weight: "Regular" | "Bold"): CjkFace => {
    const file = join(dir, `Noto${name}CJK-${weight}.ttc`);
    if (!existsSync(file)) throw new MissingFontError(file);
    return { file, postscriptName: `Noto${name}CJKsc-${weight}` };
  };
  return { regular: face("Regular"), bold: face("Bold") };
}
