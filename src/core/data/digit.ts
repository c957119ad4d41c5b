/**
 * A drawn stroke prepared the way MNIST digits were: the ink's bounding box scaled (aspect kept)
 * to fit 20×20 with area averaging, then placed in 28×28 so its centre of mass sits at the centre.
 * Input and output are intensities in [0, 1], row-major, ink = 1 (white digit on black, as MNIST).
 */
import { DIGIT_SIDE } from '../datasets';

const BOX = 20;

/** `null` when nothing is drawn. */
export function preprocessDigit(
  ink: Float32Array,
  width: number,
  height: number,
): Float32Array | null {
  const box = inkBounds(ink, width, height);
  if (!box) return null;
  const w = box.x1 - box.x0;
  const h = box.y1 - box.y0;
  const scale = BOX / Math.max(w, h);
  const tw = Math.max(1, Math.round(w * scale));
  const th = Math.max(1, Math.round(h * scale));
  const small = resampleArea(ink, width, box, tw, th);

  let mass = 0;
  let mx = 0;
  let my = 0;
  for (let y = 0; y < th; y++) {
    for (let x = 0; x < tw; x++) {
      const v = small[y * tw + x] as number;
      mass += v;
      mx += v * (x + 0.5);
      my += v * (y + 0.5);
    }
  }
  const centre = DIGIT_SIDE / 2;
  const clampOffset = (o: number, size: number) => Math.min(DIGIT_SIDE - size, Math.max(0, o));
  const ox = clampOffset(Math.round(centre - mx / mass), tw);
  const oy = clampOffset(Math.round(centre - my / mass), th);

  const out = new Float32Array(DIGIT_SIDE * DIGIT_SIDE);
  for (let y = 0; y < th; y++) {
    for (let x = 0; x < tw; x++) {
      out[(y + oy) * DIGIT_SIDE + x + ox] = small[y * tw + x] as number;
    }
  }
  return out;
}

interface Box {
  x0: number;
  y0: number;
  /** Exclusive. */
  x1: number;
  y1: number;
}

function inkBounds(ink: Float32Array, width: number, height: number): Box | null {
  let x0 = width;
  let y0 = height;
  let x1 = 0;
  let y1 = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if ((ink[y * width + x] as number) > 0) {
        x0 = Math.min(x0, x);
        y0 = Math.min(y0, y);
        x1 = Math.max(x1, x + 1);
        y1 = Math.max(y1, y + 1);
      }
    }
  }
  return x1 > x0 ? { x0, y0, x1, y1 } : null;
}

/** Each target pixel is the mean of the source area it covers, fractional edges weighted. */
function resampleArea(
  ink: Float32Array,
  width: number,
  box: Box,
  tw: number,
  th: number,
): Float32Array {
  const sx = (box.x1 - box.x0) / tw;
  const sy = (box.y1 - box.y0) / th;
  const out = new Float32Array(tw * th);
  for (let ty = 0; ty < th; ty++) {
    const ya = box.y0 + ty * sy;
    const yb = ya + sy;
    for (let tx = 0; tx < tw; tx++) {
      const xa = box.x0 + tx * sx;
      const xb = xa + sx;
      let sum = 0;
      for (let y = Math.floor(ya); y < Math.ceil(yb); y++) {
        const wy = Math.min(yb, y + 1) - Math.max(ya, y);
        for (let x = Math.floor(xa); x < Math.ceil(xb); x++) {
          const wx = Math.min(xb, x + 1) - Math.max(xa, x);
          sum += wx * wy * (ink[y * width + x] as number);
        }
      }
      out[ty * tw + tx] = sum / (sx * sy);
    }
  }
  return out;
}
