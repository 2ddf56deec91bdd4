/**
 * Batches of rows at their real length: rows sorted by token count (ties by
 * row index), cut into batches of `batchSize`, each run at its longest row
 * rounded up to a multiple of `multiple` (so only a few sequence lengths, and
 * compiled sessions, occur) and capped at `maxLen`. Pure.
 */
export interface LengthBatch {
  /** Row indices of the batch, shortest first. */
  rows: Int32Array;
  /** Sequence length the batch runs at. */
  length: number;
}

/** Real length of each row of a [n, maxLen] padding mask (its count of ones). */
export function rowLengths(mask: Float32Array, maxLen: number): Int32Array {
  const n = mask.length / maxLen;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let len = 0;
    for (let t = 0; t < maxLen; t++) if (mask[i * maxLen + t] !== 0) len = t + 1;
    out[i] = len;
  }
  return out;
}

/** Row indices shortest first (ties by row index), so each batch pads to a near-equal length. */
export function lengthOrder(lengths: Int32Array): Int32Array {
  return Int32Array.from(lengths.keys()).sort((a, b) => lengths[a] - lengths[b] || a - b);
}

export function lengthBatches(lengths: Int32Array, opts: { batchSize: number; maxLen: number; multiple?: number; minLength?: number }): LengthBatch[] {
  const { batchSize, maxLen } = opts;
  const multiple = opts.multiple ?? 8;
  const minLength = opts.minLength ?? 1;
  if (!(Number.isInteger(batchSize) && batchSize >= 1)) throw new Error(`batchSize must be a positive integer, got ${batchSize}`);
  const order = lengthOrder(lengths);
  const out: LengthBatch[] = [];
  for (let start = 0; start < order.length; start += batchSize) {
    const rows = order.slice(start, start + batchSize);
    const longest = Math.max(minLength, lengths[rows[rows.length - 1]]);
    out.push({ rows, length: Math.min(maxLen, Math.ceil(longest / multiple) * multiple) });
  }
  return out;
}

/** Rows `rows` of a [n, maxLen] matrix, each cut to its first `length` columns: [rows, length]. */
export function takeColumns<T extends Float32Array | BigInt64Array | Int32Array>(src: T, maxLen: number, rows: Int32Array, length: number, make: (n: number) => T): T {
  const out = make(rows.length * length);
  for (let b = 0; b < rows.length; b++) {
    const at = rows[b] * maxLen;
    (out as Float32Array).set((src as Float32Array).subarray(at, at + length), b * length);
  }
  return out;
}
