/*
 * A small anti-aliased rasteriser: exact-area coverage by signed-area
 * accumulation (the method of font-rs). Every edge adds, per pixel it
 * crosses, the area it sweeps; a running sum along each row then gives the
 * coverage. Overlapping contours of one direction add up and are clamped to
 * full, so glyphs whose outlines overlap (common in static instances of
 * variable fonts) fill as the non-zero rule would.
 *
 * Only arithmetic on doubles, in a fixed order: the same shapes give the same
 * pixels on every machine.
 */

/** A coverage mask the size of what is drawn into it. */
export class Mask {
  private readonly acc: Float64Array;
  private readonly stride: number;

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.stride = width + 2;
    this.acc = new Float64Array(this.stride * height);
  }

  /** Adds one edge of a closed outline, in pixel coordinates (y down). */
  line(x0: number, y0: number, x1: number, y1: number): void {
    if (y0 === y1 || ![x0, y0, x1, y1].every(Number.isFinite)) return;
    let dir = 1;
    if (y0 > y1) {
      dir = -1;
      [x0, y0, x1, y1] = [x1, y1, x0, y0];
    }
    const dxdy = (x1 - x0) / (y1 - y0);
    let x = x0;
    if (y0 < 0) {
      x -= y0 * dxdy;
      y0 = 0;
    }
    const yEnd = Math.min(y1, this.height);
    const clamp = (v: number): number => Math.min(Math.max(v, 0), this.width);
    for (let y = Math.floor(y0); y < yEnd; y++) {
      const row = y * this.stride;
      const dy = Math.min(y + 1, yEnd) - Math.max(y, y0);
      const xNext = x + dxdy * dy;
      const d = dy * dir;
      const xa = clamp(Math.min(x, xNext));
      const xb = clamp(Math.max(x, xNext));
      this.span(row, xa, xb, d);
      x = xNext;
    }
  }

  /** Distributes `d` (the signed height of the edge in this row) over the pixels from xa to xb. */
  private span(row: number, xa: number, xb: number, d: number): void {
    const acc = this.acc;
    const ia = Math.floor(xa);
    const ib = Math.ceil(xb);
    if (ib <= ia + 1) {
      const mid = 0.5 * (xa + xb) - ia;
      acc[row + ia]! += d - d * mid;
      acc[row + ia + 1]! += d * mid;
      return;
    }
    const s = 1 / (xb - xa);
    const fa = xa - ia;
    const a0 = 0.5 * s * (1 - fa) * (1 - fa);
    const fb = xb - ib + 1;
    const am = 0.5 * s * fb * fb;
    acc[row + ia]! += d * a0;
    if (ib === ia + 2) {
      acc[row + ia + 1]! += d * (1 - a0 - am);
    } else {
      const a1 = s * (1.5 - fa);
      acc[row + ia + 1]! += d * (a1 - a0);
      for (let i = ia + 2; i < ib - 1; i++) acc[row + i]! += d * s;
      const a2 = a1 + (ib - ia - 3) * s;
      acc[row + ib - 1]! += d * (1 - a2 - am);
    }
    acc[row + ib]! += d * am;
  }

  /** Adds a closed polygon. */
  polygon(points: readonly (readonly [number, number])[]): void {
    for (let i = 0; i < points.length; i++) {
      const [ax, ay] = points[i]!;
      const [bx, by] = points[(i + 1) % points.length]!;
      this.line(ax, ay, bx, by);
    }
  }

  /** Coverage of pixel (x, y), 0–1, for every pixel row by row. */
  *rows(): Generator<{ y: number; coverage: Float64Array }> {
    const coverage = new Float64Array(this.width);
    for (let y = 0; y < this.height; y++) {
      let sum = 0;
      const row = y * this.stride;
      for (let x = 0; x < this.width; x++) {
        sum += this.acc[row + x]!;
        coverage[x] = Math.min(1, Math.abs(sum));
      }
      yield { y, coverage };
    }
  }
}

/** Flattens path commands (font units, y up) into a mask, at `scale` pixels per unit, origin at (ox, oy). */
export function fillPath(mask: Mask, commands: readonly PathCommand[], scale: number, ox: number, oy: number): void {
  const px = (x: number): number => ox + x * scale;
  const py = (y: number): number => oy - y * scale;
  let start: [number, number] | null = null;
  let cur: [number, number] = [0, 0];
  const to = (x: number, y: number): void => {
    mask.line(cur[0], cur[1], x, y);
    cur = [x, y];
  };
  const close = (): void => {
    if (start) to(start[0], start[1]);
  };
  for (const c of commands) {
    const a = c.args.map((v, i) => (i % 2 === 0 ? px(v) : py(v)));
    switch (c.command) {
      case 'moveTo':
        close();
        start = [a[0]!, a[1]!];
        cur = [a[0]!, a[1]!];
        break;
      case 'lineTo':
        to(a[0]!, a[1]!);
        break;
      case 'quadraticCurveTo': {
        const [x0, y0] = cur;
        const [cx, cy, x, y] = a as [number, number, number, number];
        const n = steps(x0 - 2 * cx + x, y0 - 2 * cy + y);
        for (let i = 1; i <= n; i++) {
          const t = i / n;
          const u = 1 - t;
          to(u * u * x0 + 2 * u * t * cx + t * t * x, u * u * y0 + 2 * u * t * cy + t * t * y);
        }
        break;
      }
      case 'bezierCurveTo': {
        const [x0, y0] = cur;
        const [c1x, c1y, c2x, c2y, x, y] = a as [number, number, number, number, number, number];
        const n = Math.max(steps(x0 - 2 * c1x + c2x, y0 - 2 * c1y + c2y), steps(c1x - 2 * c2x + x, c1y - 2 * c2y + y));
        for (let i = 1; i <= n; i++) {
          const t = i / n;
          const u = 1 - t;
          to(u * u * u * x0 + 3 * u * u * t * c1x + 3 * u * t * t * c2x + t * t * t * x, u * u * u * y0 + 3 * u * u * t * c1y + 3 * u * t * t * c2y + t * t * t * y);
        }
        break;
      }
      case 'closePath':
        close();
        start = null;
        break;
    }
  }
  close();
}

/** Segments for a curve whose second difference is (dx, dy): enough to keep the error well under a pixel. */
const steps = (dx: number, dy: number): number => 1 + Math.min(63, Math.floor(Math.sqrt(Math.sqrt(3 * (dx * dx + dy * dy)))));

/** One drawing command of a glyph outline, as fontkit gives it. */
export interface PathCommand {
  command: 'moveTo' | 'lineTo' | 'quadraticCurveTo' | 'bezierCurveTo' | 'closePath';
  args: number[];
}
