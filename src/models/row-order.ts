import { createHash } from 'node:crypto';

/** The bytes of row `i` of a row-major [n, width] typed array (a view, no copy). */
export function rowBytes(a: Float32Array | Int32Array, width: number, i: number): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset + i * width * a.BYTES_PER_ELEMENT, width * a.BYTES_PER_ELEMENT);
}

function digest(parts: readonly Uint8Array[]): Buffer {
  const h = createHash('sha256');
  for (const p of parts) {
    const len = Buffer.alloc(8);
    len.writeBigUInt64BE(BigInt(p.byteLength));
    h.update(len).update(p);
  }
  return h.digest();
}

/**
 * The order a student trains its rows in: sorted by a hash of each row's
 * input (`input(i)`), ties — identical inputs — by a hash of the rest of the
 * row (`rest(i)`: its target and weight), then by index (rows identical in
 * everything, which are interchangeable). It depends on the rows alone, not on
 * the order they arrive in, so:
 * - a run gives the same student on every host (a method sees its rows in an
 *   order keyed by the host's secret);
 * - methods that train on the same rows with the same seed draw the same
 *   batches (common random numbers): one whose targets equal vanilla's gets
 *   vanilla's student bitwise, and differences between methods are not
 *   drowned by batch-order noise.
 * The input alone sets the order of distinct inputs, so changing targets does
 * not reshuffle them.
 */
export function contentOrder(n: number, input: (i: number) => readonly Uint8Array[], rest: (i: number) => readonly Uint8Array[] = () => []): Int32Array {
  const keys = Array.from({ length: n }, (_, i) => digest(input(i)));
  const tie = new Map<number, Buffer>();
  const restKey = (i: number) => {
    let k = tie.get(i);
    if (!k) tie.set(i, (k = digest(rest(i))));
    return k;
  };
  return Int32Array.from(keys.keys()).sort((a, b) => Buffer.compare(keys[a], keys[b]) || Buffer.compare(restKey(a), restKey(b)) || a - b);
}
