import type { Mask } from './raster.js';

/** RGB colour, 0–255 each. */
export type Rgb = readonly [number, number, number];

/** An RGB image to draw on. */
export class Canvas {
  readonly rgb: Uint8Array;

  constructor(
    readonly width: number,
    readonly height: number,
    background: Rgb,
  ) {
    this.rgb = new Uint8Array(width * height * 3);
    this.fillRect(0, 0, width, height, background);
  }

  /** Fills a rectangle (whole pixels) with a colour. */
  fillRect(x: number, y: number, w: number, h: number, color: Rgb): void {
    const [x0, x1] = [Math.max(0, x), Math.min(this.width, x + w)];
    const [y0, y1] = [Math.max(0, y), Math.min(this.height, y + h)];
    if (x0 >= x1 || y0 >= y1) return;
    // One row pixel by pixel, then copied: a full-page fill is 4 million pixels.
    const first = (y0 * this.width + x0) * 3;
    for (let xx = x0; xx < x1; xx++) this.rgb.set(color, (y0 * this.width + xx) * 3);
    for (let yy = y0 + 1; yy < y1; yy++) this.rgb.copyWithin((yy * this.width + x0) * 3, first, first + (x1 - x0) * 3);
  }

  /** Paints `color` through a mask whose top-left corner is at (left, top). */
  paint(mask: Mask, left: number, top: number, color: Rgb): void {
    for (const { y, coverage } of mask.rows()) {
      const cy = top + y;
      if (cy < 0 || cy >= this.height) continue;
      for (let x = 0; x < mask.width; x++) {
        const a = coverage[x]!;
        const cx = left + x;
        if (a === 0 || cx < 0 || cx >= this.width) continue;
        const at = (cy * this.width + cx) * 3;
        for (let k = 0; k < 3; k++) this.rgb[at + k] = Math.round(this.rgb[at + k]! + (color[k]! - this.rgb[at + k]!) * a);
      }
    }
  }
}
