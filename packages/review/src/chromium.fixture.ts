import { existsSync } from "node:fs";
import { delimiter, join } from "node:path";
import { createCanvas, loadImage } from "@napi-rs/canvas";
import puppeteer, { type Browser } from "puppeteer-core";

/** Debian's chromium (apt-get install chromium), or one found on the PATH. */
function chromiumPath(): string | null {
  const dirs = ["/usr/bin", ...(process.env.PATH ?? "").split(delimiter)];
  return dirs.map((d) => join(d, "chromium")).find((p) => existsSync(p)) ?? null;
}

/**
 * Why the report cannot be opened in a browser here, or null when it can. Where CI is set its absence is an
 * error (.ci/run installs chromium): the browser test must never go green by skipping.
 * @example describe.skipIf(chromiumMissing())("in Chromium", () => { … })
 */
export function chromiumMissing(): string | null {
  if (chromiumPath()) return null;
  const why = "chromium not found: apt-get install chromium";
  if (process.env.CI) throw new Error(`CI is set but ${why}`);
  console.warn(`${why}: the browser tests are skipped`);
  return why;
}

/**
 * Headless Chromium from the system, driven over the DevTools protocol (no browser is downloaded).
 * @example const browser = await launchChromium(); try { … } finally { await browser.close() }
 */
export function launchChromium(): Promise<Browser> {
  // root in a container: Chromium's sandbox needs user namespaces it may not have, and /dev/shm may be tiny
  return puppeteer.launch({ executablePath: chromiumPath()!, headless: true, args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars"] });
}

/**
 * How much a PNG's pixels differ from one another: the standard deviation of their grey level, 0–255.
 * A blank (or single-coloured) picture is 0; a page of text is well above 20.
 * @example expect(await pixelSpread(await page.screenshot())).toBeGreaterThan(20);
 */
export async function pixelSpread(png: Uint8Array): Promise<number> {
  const image = await loadImage(Buffer.from(png));
  const canvas = createCanvas(image.width, image.height);
  const context = canvas.getContext("2d");
  context.drawImage(image, 0, 0);
  const { data } = context.getImageData(0, 0, image.width, image.height);
  let sum = 0;
  let squares = 0;
  const n = data.length / 4;
  for (let i = 0; i < data.length; i += 4) {
    const grey = 0.299 * data[i]! + 0.587 * data[i + 1]! + 0.114 * data[i + 2]!;
    sum += grey;
    squares += grey * grey;
  }
  const mean = sum / n;
  return Math.sqrt(Math.max(0, squares / n - mean * mean));
}
