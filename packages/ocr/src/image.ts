/**
 * A greyscale picture, one byte a pixel (0 black … 255 white), rows top to bottom: what every step
 * of OCR works on. Colour is dropped first: budget scans are black print on white paper.
 */
export interface GrayImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/** Pixels as a PDF image decodes: 1 (grey), 3 (RGB) or 4 (RGBA) bytes a pixel. */
export interface PageImage {
  width: number;
  height: number;
  channels: 1 | 3 | 4;
  data: Uint8Array | Uint8ClampedArray;
}

/**
 * The picture in grey (luma of RGB).
 * @example toGray({ width: 1, height: 1, channels: 3, data: new Uint8Array([255, 0, 0]) }).data[0] // 76
 */
export function toGray(image: PageImage): GrayImage {
  const { width, height, channels, data } = image;
  const out = new Uint8Array(width * height);
  if (channels === 1) out.set(data.subarray(0, out.length));
  else for (let i = 0, j = 0; i < out.length; i++, j += channels) out[i] = (data[j]! * 299 + data[j + 1]! * 587 + data[j + 2]! * 114) / 1000;
  return { width, height, data: out };
}

/** The pixel at (x, y) by bilinear interpolation; white outside the picture (paper). */
function sample(img: GrayImage, x: number, y: number): number {
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  if (x0 < 0 || y0 < 0 || x0 + 1 >= img.width || y0 + 1 >= img.height) return 255;
  const fx = x - x0;
  const fy = y - y0;
  const i = y0 * img.width + x0;
  const d = img.data;
  const top = d[i]! + (d[i + 1]! - d[i]!) * fx;
  const bottom = d[i + img.width]! + (d[i + img.width + 1]! - d[i + img.width]!) * fx;
  return top + (bottom - top) * fy;
}

/**
 * The picture turned by `degrees` (positive: clockwise) about its centre, same size, paper filling
 * the corners: how a scan's skew is taken out.
 * @example rotate(scan, -0.9) // a scan skewed 0.9° clockwise, straightened
 */
export function rotate(img: GrayImage, degrees: number): GrayImage {
  if (degrees === 0) return img;
  const a = (degrees * Math.PI) / 180;
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  const cx = img.width / 2;
  const cy = img.height / 2;
  const out = new Uint8Array(img.width * img.height);
  for (let y = 0; y < img.height; y++) {
    const dy = y - cy;
    for (let x = 0; x < img.width; x++) {
      const dx = x - cx;
      // the source pixel that lands here: the inverse turn
      out[y * img.width + x] = sample(img, cx + dx * cos + dy * sin, cy - dx * sin + dy * cos);
    }
  }
  return { width: img.width, height: img.height, data: out };
}

/**
 * A rectangle of the picture scaled to `width` × `height` (bilinear; area-averaged enough for the
 * modest reductions OCR makes).
 * @example resize(scan, { x: 0, y: 0, width: scan.width, height: scan.height }, 800, 1131)
 */
export function resize(img: GrayImage, from: { x: number; y: number; width: number; height: number }, width: number, height: number): GrayImage {
  const out = new Uint8Array(width * height);
  const sx = from.width / width;
  const sy = from.height / height;
  for (let y = 0; y < height; y++) {
    const srcY = from.y + (y + 0.5) * sy - 0.5;
    for (let x = 0; x < width; x++) out[y * width + x] = sample(img, from.x + (x + 0.5) * sx - 0.5, srcY);
  }
  return { width, height, data: out };
}
