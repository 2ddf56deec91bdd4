/**
 * k-nearest-neighbour labels on the strong features, pure functions. Cosine
 * similarity on standardised features; leave-one-out: a row is never its own
 * neighbour (excluded by index, so an exact duplicate of it still counts).
 */
import { fitStandardizer, standardize } from '../models/probe.js';

/** Standardises columns, then scales each row to unit length; cosine similarity is then a dot product. */
export function unitRows(features: Float32Array, dim: number): Float32Array {
  const z = standardize(features, dim, fitStandardizer(features, dim));
  const n = z.length / dim;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < dim; j++) s += z[i * dim + j] ** 2;
    const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
    for (let j = 0; j < dim; j++) z[i * dim + j] *= inv;
  }
  return z;
}

/**
 * The `kNeighbors` most similar other rows of each row of unit vectors, most
 * similar first (equal similarity: lower index first): [n, kk] with
 * kk = min(kNeighbors, n − 1). Row i's list never contains i.
 */
export function knnIndices(unit: Float32Array, dim: number, kNeighbors: number): { indices: Int32Array; similarity: Float32Array; kk: number } {
  const n = unit.length / dim;
  if (!(Number.isInteger(kNeighbors) && kNeighbors >= 1)) throw new Error(`kNN: k must be a positive integer, got ${kNeighbors}`);
  const kk = Math.min(kNeighbors, n - 1);
  const idx = new Int32Array(n * kk).fill(-1);
  const sim = new Float32Array(n * kk).fill(-Infinity);
  if (kk <= 0) return { indices: idx, similarity: sim, kk: 0 };
  const offer = (i: number, j: number, s: number) => {
    const base = i * kk;
    const last = base + kk - 1;
    if (s < sim[last] || (s === sim[last] && idx[last] !== -1 && j > idx[last])) return;
    let pos = last;
    while (pos > base && (s > sim[pos - 1] || (s === sim[pos - 1] && j < idx[pos - 1]))) {
      sim[pos] = sim[pos - 1];
      idx[pos] = idx[pos - 1];
      pos--;
    }
    sim[pos] = s;
    idx[pos] = j;
  };
  for (let i = 0; i < n; i++) {
    const oi = i * dim;
    for (let j = i + 1; j < n; j++) {
      const oj = j * dim;
      let s = 0;
      for (let d = 0; d < dim; d++) s += unit[oi + d] * unit[oj + d];
      offer(i, j, s);
      offer(j, i, s);
    }
  }
  return { indices: idx, similarity: sim, kk };
}

/** Leave-one-out kNN labels: each row gets the mean of its neighbours' label rows ([n, k] probabilities). */
export function knnLabels(features: Float32Array, dim: number, labels: Float32Array, k: number, kNeighbors: number): Float32Array {
  const n = features.length / dim;
  if (labels.length !== n * k) throw new Error(`knnLabels: labels have ${labels.length} values, expected ${n} × ${k}`);
  const { indices, kk } = knnIndices(unitRows(features, dim), dim, kNeighbors);
  const out = new Float32Array(n * k);
  for (let i = 0; i < n; i++) {
    if (kk === 0) {
      out.fill(1 / k, i * k, i * k + k);
      continue;
    }
    for (let a = 0; a < kk; a++) {
      const j = indices[i * kk + a];
      for (let c = 0; c < k; c++) out[i * k + c] += labels[j * k + c] / kk;
    }
  }
  return out;
}
