/**
 * The IDX format of the original MNIST and Fashion-MNIST files (yann.lecun.com/exdb/mnist):
 * two zero bytes, a type byte (0x08: unsigned bytes, the only type these sets use), the number
 * of dimensions, each dimension as a big-endian uint32, then the data in row-major order.
 */
export interface IdxArray {
  dims: number[];
  data: Uint8Array;
}

const UBYTE = 0x08;

/** Reads an unsigned-byte IDX file (already decompressed); throws what is wrong with it. */
export function parseIdx(bytes: Uint8Array): IdxArray {
  if (bytes.length < 4) throw new Error(`IDX file is ${bytes.length} bytes, too short.`);
  if (bytes[0] !== 0 || bytes[1] !== 0) throw new Error('Not an IDX file (bad magic).');
  if (bytes[2] !== UBYTE)
    throw new Error(`IDX type 0x${(bytes[2] ?? 0).toString(16)} is not unsigned bytes.`);
  const rank = bytes[3] ?? 0;
  const headerBytes = 4 + 4 * rank;
  if (bytes.length < headerBytes) throw new Error('IDX file ends inside its header.');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims = Array.from({ length: rank }, (_, i) => view.getUint32(4 + 4 * i, false));
  const size = dims.reduce((a, b) => a * b, 1);
  if (bytes.length !== headerBytes + size) {
    throw new Error(
      `IDX file is ${bytes.length} bytes; its header promises ${headerBytes + size}.`,
    );
  }
  return { dims, data: bytes.subarray(headerBytes) };
}
