/**
 * EM for the label model on blocks' outcomes (pure): the class prior and one
 * table P(outcome | class) per block, blocks independent given the class.
 */

export interface EmOptions {
  maxIter?: number;
  /** Stop when no posterior entry moves by more than this. */
  tol?: number;
  /** Pseudo-count added to every table cell (and class) in the M-step. */
  smoothing?: number;
}

/** EM on blocks' outcomes: the posterior, prior and log tables it ends at, and the log-likelihood of the outcomes. */
export interface BlockFit {
  posterior: Float64Array;
  prior: Float64Array;
  /** log P(outcome o | class c) per block, [k, size]. */
  logTable: Float64Array[];
  logLikelihood: number;
  iterations: number;
  converged: boolean;
}

/**
 * Fits the class prior and each block's table P(outcome | class) by EM from a
 * starting posterior [n, k] (not changed), blocks conditionally independent
 * given the class. `outcomes` is [n, B] with block b's values in 0..sizes[b]−1.
 */
export function fitBlocks(
  outcomes: Int32Array, sizes: readonly number[], k: number, start: ArrayLike<number>,
  { maxIter = 500, tol = 1e-6, smoothing = 0.01 }: EmOptions = {},
): BlockFit {
  const nb = sizes.length;
  const n = outcomes.length / nb;
  const alpha = smoothing;
  const post = Float64Array.from(start);
  const prior = new Float64Array(k);
  const logTable = sizes.map((o) => new Float64Array(k * o));
  const logPost = new Float64Array(k);
  let iterations = 0;
  let converged = false;
  let logLikelihood = 0;
  const mStep = () => {
    prior.fill(alpha);
    logTable.forEach((t) => t.fill(alpha));
    for (let i = 0; i < n; i++) {
      for (let c = 0; c < k; c++) {
        const t = post[i * k + c];
        prior[c] += t;
        for (let b = 0; b < nb; b++) logTable[b][c * sizes[b] + outcomes[i * nb + b]] += t;
      }
    }
    const total = prior.reduce((a, b) => a + b, 0);
    for (let c = 0; c < k; c++) prior[c] /= total;
    logTable.forEach((t, b) => {
      for (let c = 0; c < k; c++) {
        const row = t.subarray(c * sizes[b], (c + 1) * sizes[b]);
        const s = row.reduce((a, v) => a + v, 0);
        for (let o = 0; o < row.length; o++) row[o] = Math.log(row[o] / s);
      }
    });
  };
  /** The E-step: posterior from the current tables; returns how far it moved, and sets the log-likelihood. */
  const eStep = () => {
    let moved = 0;
    logLikelihood = 0;
    for (let i = 0; i < n; i++) {
      let top = -Infinity;
      for (let c = 0; c < k; c++) {
        let s = Math.log(prior[c]);
        for (let b = 0; b < nb; b++) s += logTable[b][c * sizes[b] + outcomes[i * nb + b]];
        logPost[c] = s;
        top = Math.max(top, s);
      }
      let z = 0;
      for (let c = 0; c < k; c++) z += Math.exp(logPost[c] - top);
      logLikelihood += top + Math.log(z);
      for (let c = 0; c < k; c++) {
        const v = Math.exp(logPost[c] - top) / z;
        moved = Math.max(moved, Math.abs(v - post[i * k + c]));
        post[i * k + c] = v;
      }
    }
    return moved;
  };
  while (iterations < maxIter) {
    iterations++;
    mStep();
    if (eStep() < tol) {
      converged = true;
      break;
    }
  }
  mStep();
  return { posterior: post, prior, logTable, logLikelihood, iterations, converged };
}
