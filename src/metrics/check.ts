/**
 * Shape checks shared by the metrics. Probabilities are row-major [n, k]
 * (row i, class j at i * k + j); labels and predictions are class indices.
 */
export type Probs = Float32Array | Float64Array;
export type ClassIndices = Int32Array | ArrayLike<number>;

/** Checks numClasses and the [n, k] layout of `probs`; returns n. */
export function rowCount(probs: Probs, numClasses: number, name = 'probs'): number {
  if (!Number.isInteger(numClasses) || numClasses < 2) {
    throw new Error(`numClasses must be an integer >= 2, got ${numClasses}`);
  }
  if (probs.length % numClasses !== 0) {
    throw new Error(
      `${name} has length ${probs.length}, not a multiple of numClasses=${numClasses}; ` +
        `expected row-major [n, ${numClasses}]`,
    );
  }
  const n = probs.length / numClasses;
  if (n === 0) throw new Error(`${name} has no rows; a metric needs at least one example`);
  return n;
}

/** Checks that `values` holds n class indices in [0, numClasses). */
export function checkClassIndices(values: ClassIndices, n: number, numClasses: number, name = 'labels'): void {
  if (values.length !== n) throw new Error(`${name} has ${values.length} entries, expected ${n} (one per example)`);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (!Number.isInteger(v) || v < 0 || v >= numClasses) {
      throw new Error(`${name}[${i}] = ${v} is not a class index in [0, ${numClasses})`);
    }
  }
}

/** Checks that two per-example arrays have the same, non-zero length; returns it. */
export function sameLength(a: { length: number }, b: { length: number }, nameA: string, nameB: string): number {
  if (a.length !== b.length) {
    throw new Error(`${nameA} has ${a.length} entries but ${nameB} has ${b.length}; they must be per-example and aligned`);
  }
  if (a.length === 0) throw new Error(`${nameA} is empty; a metric needs at least one example`);
  return a.length;
}

/** Checks that a per-example correctness array holds only 0 and 1. */
export function checkBinary(values: ArrayLike<number>, name: string): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== 0 && v !== 1) throw new Error(`${name}[${i}] = ${v}; expected 0 or 1`);
  }
}
