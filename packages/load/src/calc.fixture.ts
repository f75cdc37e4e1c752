import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";
import ExcelJS from "exceljs";

/**
 * Why LibreOffice Calc cannot open CSV files for a test here, or null when it can. Where CI is set its
 * absence is an error (.ci/run installs it): the spreadsheet check must never go green by skipping.
 * @example describe.skipIf(calcMissing())("in a spreadsheet", () => { … })
 */
export function calcMissing(): string | null {
  try {
    execFileSync("soffice", ["--version"], { stdio: "pipe" });
    return null;
  } catch {
    const why = "soffice (LibreOffice Calc) not found: apt-get install libreoffice-calc";
    if (process.env.CI) throw new Error(`CI is set but ${why}`);
    console.warn(`${why}: the spreadsheet tests are skipped`);
    return why;
  }
}

/**
 * Opens CSV files as an analyst's Calc does, set to Chinese (zh-CN, where 1-2 reads as a date) with special
 * numbers (dates, times) detected like Excel, saves each as XLSX and reads the first sheet back.
 * @example const [facts] = await openInCalc(["out/facts.csv"]); facts.getRow(2).getCell(4).text
 */
export async function openInCalc(csvs: readonly string[]): Promise<ExcelJS.Worksheet[]> {
  const dir = mkdtempSync(join(tmpdir(), "yusuan-calc-"));
  try {
    // comma, double quote, UTF-8, from line 1, standard cells, zh-CN, quoted fields not forced to text, detect special numbers
    const filter = "CSV:44,34,76,1,,2052,false,true";
    // a profile of its own: another soffice running (a person's, a parallel test) would take the request over
    const profile = `-env:UserInstallation=${pathToFileURL(join(dir, "profile")).href}`;
    execFileSync("soffice", [profile, "--headless", `--infilter=${filter}`, "--convert-to", "xlsx", "--outdir", dir, ...csvs], { stdio: "pipe", timeout: 120_000 });
    return await Promise.all(
      csvs.map(async (csv) => {
        const book = new ExcelJS.Workbook();
        await book.xlsx.readFile(join(dir, basename(csv).replace(/\.csv$/, ".xlsx")));
        return book.worksheets[0]!;
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
