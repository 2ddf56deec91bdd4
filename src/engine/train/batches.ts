import type { AnyTypedArray } from '../dtype.js';
import type { HostTensor } from '../runtime/feeds.js';
import type { Rng } from '../../util/rng.js';
import { firstDim } from './predictor.js';
import type { Feeds } from './trainer.js';

/** Copies the listed rows of every input into fresh contiguous buffers. */
export function gatherRows(feeds: Feeds, rows: ArrayLike<number>): Feeds {
  const out: Feeds = {};
  for (const [k, f] of Object.entries(feeds)) {
    const width = f.dims.slice(1).reduce((a, b) => a * b, 1);
    const Ctor = f.data.constructor as new (n: number) => AnyTypedArray;
    const data = new Ctor(rows.length * width);
    const src = f.data as Float32Array;
    const dst = data as Float32Array;
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      if (width === 1) dst[i] = src[r];
      else dst.set(src.subarray(r * width, (r + 1) * width), i * width);
    }
    out[k] = { data, dims: [rows.length, ...f.dims.slice(1)] } satisfies HostTensor;
  }
  return out;
}

/**
 * Mini-batches of one epoch in a seeded random order. The last batch holds the
 * remainder (smaller) unless `dropLast`; with `shuffle: false` rows keep their order.
 */
export function* epochBatches(feeds: Feeds, batchSize: number, rng: Rng | null, dropLast = false): Generator<Feeds> {
  if (!(batchSize >= 1)) throw new Error(`batch size must be >= 1, got ${batchSize}`);
  const n = firstDim(feeds);
  const order = rng ? rng.permutation(n) : Int32Array.from({ length: n }, (_, i) => i);
  for (let start = 0; start < n; start += batchSize) {
    const end = Math.min(n, start + batchSize);
    if (dropLast && end - start < batchSize) return;
    yield gatherRows(feeds, order.subarray(start, end));
  }
}

export function batchesPerEpoch(n: number, batchSize: number, dropLast = false): number {
  return dropLast ? Math.floor(n / batchSize) : Math.ceil(n / batchSize);
}
