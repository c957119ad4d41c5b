/**
 * NumPy's `.npy` and `.npz` formats, written: what `numpy.load` reads without pickle. An `.npz` is
 * a zip of `.npy` files (stored, not deflated: the weights barely compress). Format:
 * numpy.org/doc/stable/reference/generated/numpy.lib.format.html (version 1.0).
 */
import { type Zippable, zipSync } from 'fflate';

export interface NpyArray {
  shape: readonly number[];
  data: Float32Array | Int32Array;
}

const MAGIC = [0x93, ...'NUMPY'.split('').map((c) => c.charCodeAt(0)), 1, 0];

/** One array as an `.npy` file: little-endian float32 or int32, C order. */
export function npy({ shape, data }: NpyArray): Uint8Array {
  const size = shape.reduce((a, b) => a * b, 1);
  if (size !== data.length) {
    throw new Error(`An array of shape [${shape.join(', ')}] cannot hold ${data.length} values.`);
  }
  const descr = data instanceof Float32Array ? '<f4' : '<i4';
  const dims = shape.length === 1 ? `${shape[0]},` : shape.join(', ');
  const dict = `{'descr': '${descr}', 'fortran_order': False, 'shape': (${dims}), }`;
  // The header, its 2-byte length and the magic end on a multiple of 64, with a newline last.
  const unpadded = MAGIC.length + 2 + dict.length + 1;
  const header = `${dict}${' '.repeat((64 - (unpadded % 64)) % 64)}\n`;
  const out = new Uint8Array(MAGIC.length + 2 + header.length + data.byteLength);
  out.set(MAGIC, 0);
  new DataView(out.buffer).setUint16(MAGIC.length, header.length, true);
  out.set(new TextEncoder().encode(header), MAGIC.length + 2);
  // Typed arrays are little-endian on every platform a browser or Node runs on.
  out.set(
    new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
    MAGIC.length + 2 + header.length,
  );
  return out;
}

/** Named arrays as an `.npz` (`numpy.load(path)[name]`). */
export function npz(arrays: Readonly<Record<string, NpyArray>>): Uint8Array {
  const files: Zippable = {};
  for (const [name, a] of Object.entries(arrays)) files[`${name}.npy`] = [npy(a), { level: 0 }];
  return zipSync(files);
}
