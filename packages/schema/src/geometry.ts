import { z } from "zod";

/**
 * A rectangle on a page in PDF points, origin at the top-left corner of the page as displayed
 * (after /Rotate), y growing downwards: [x0, y0, x1, y1] with x0 ≤ x1 and y0 ≤ y1.
 * @example const box: BBox = [72, 100, 130.5, 112];
 */
export const BBox = z.tuple([z.number(), z.number(), z.number(), z.number()]);
export type BBox = z.infer<typeof BBox>;

/** A 1-based page number of the PDF file (not the number printed on the page). */
export const PageNumber = z.number().int().positive();
export type PageNumber = z.infer<typeof PageNumber>;
