/**
 * Weight quantization in the TensorFlow.js weights-manifest convention, so a quantized export loads
 * with `tf.loadLayersModel` unchanged: float16 bit patterns, or uint8 affine per tensor
 * (value = q · scale + min). Pure arithmetic, no tfjs.
 */

export const WEIGHT_FORMATS = ['fp32', 'fp16', 'int8'] as const;
export type WeightFormat = (typeof WEIGHT_FORMATS)[number];

export const BYTES_PER_VALUE: Record<WeightFormat, number> = { fp32: 4, fp16: 2, int8: 1 };

export interface AffineUint8 {
  data: Uint8Array;
  scale: number;
  min: number;
}

/** Maps [min, max] of the tensor onto 0…255; the round-trip error is at most scale / 2. */
export function quantizeUint8(values: Float32Array): AffineUint8 {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (values.length === 0) min = max = 0;
  // A constant tensor (a zero bias) needs no steps: every code decodes to min.
  const scale = max > min ? (max - min) / 255 : 1;
  const data = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    data[i] = Math.min(255, Math.max(0, Math.round(((values[i] as number) - min) / scale)));
  }
  return { data, scale, min };
}

export function dequantizeUint8({ data, scale, min }: AffineUint8): Float32Array {
  const out = new Float32Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = (data[i] as number) * scale + min;
  return out;
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** IEEE 754 half precision, rounded to nearest even; overflow becomes ±Infinity. */
export function toFloat16Bits(values: Float32Array): Uint16Array {
  const out = new Uint16Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = halfBits(values[i] as number);
  return out;
}

function halfBits(value: number): number {
  f32[0] = value;
  const x = u32[0] as number;
  const sign = (x >>> 16) & 0x8000;
  const exponent = (x >>> 23) & 0xff;
  const mantissa = x & 0x7fffff;
  if (exponent === 0xff) return sign | 0x7c00 | (mantissa ? 0x200 : 0);
  // Re-biased exponent: float32 bias 127, float16 bias 15.
  const e = exponent - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    // Subnormal half (or zero): shift the mantissa, with its implicit 1, into place.
    if (e < -10) return sign;
    const m = mantissa | 0x800000;
    const shift = 14 - e;
    return sign | roundShift(m, shift);
  }
  // A carry out of the mantissa bumps the exponent, which is still the right encoding.
  return sign | ((e << 10) + roundShift(mantissa, 13));
}

/** `m >> shift`, rounded to nearest with ties to even. */
function roundShift(m: number, shift: number): number {
  const kept = m >>> shift;
  const rest = m - kept * 2 ** shift;
  const half = 2 ** (shift - 1);
  return rest > half || (rest === half && (kept & 1) === 1) ? kept + 1 : kept;
}

export function fromFloat16Bits(bits: Uint16Array): Float32Array {
  const out = new Float32Array(bits.length);
  for (let i = 0; i < bits.length; i++) {
    const h = bits[i] as number;
    const sign = h & 0x8000 ? -1 : 1;
    const exponent = (h >>> 10) & 0x1f;
    const mantissa = h & 0x3ff;
    out[i] =
      exponent === 0
        ? sign * mantissa * 2 ** -24
        : exponent === 0x1f
          ? mantissa
            ? Number.NaN
            : sign * Infinity
          : sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
  }
  return out;
}
