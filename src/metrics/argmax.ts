import { rowCount, type Probs } from './check.js';

/**
 * The predicted class of each row of row-major [n, k] probabilities.
 * Ties go to the lowest class index. NaN entries are an error.
 */
export function argmax(probs: Probs, numClasses: number): Int32Array {
  const n = rowCount(probs, numClasses);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const base = i * numClasses;
    let best = 0;
    let bestValue = probs[base];
    for (let j = 0; j < numClasses; j++) {
      const v = probs[base + j];
      if (Number.isNaN(v)) throw new Error(`probs[${i}, ${j}] is NaN`);
      if (v > bestValue) {
        best = j;
        bestValue = v;
      }
    }
    out[i] = best;
  }
  return out;
}

/** The top-class probability (confidence) of each row. NaN entries are an error. */
export function maxProb(probs: Probs, numClasses: number): Float64Array {
  const n = rowCount(probs, numClasses);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const base = i * numClasses;
    let best = -Infinity;
    for (let j = 0; j < numClasses; j++) {
      const v = probs[base + j];
      if (Number.isNaN(v)) throw new Error(`probs[${i}, ${j}] is NaN`);
      if (v > best) best = v;
    }
    out[i] = best;
  }
  return out;
}
