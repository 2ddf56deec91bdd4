import { lbfgs, type Objective } from './lbfgs.js';
import type { Csr } from './sparse.js';

/**
 * Multinomial logistic regression on sparse rows with an L2 penalty on the
 * weights (not the intercepts), fitted by L-BFGS: the objective of
 * scikit-learn's `LogisticRegression(C, solver='lbfgs')`, scaled by the total
 * sample weight S as scikit-learn does,
 *   (1/S) Σ_i s_i · CE(softmax(W x_i + b), y_i) + ||W||² / (2 C S),
 * with soft targets y_i allowed (rows of class probabilities).
 */
export interface LogRegOptions {
  /** Inverse regularisation strength, as scikit-learn's C (default 1). */
  C: number;
  /** Stop when the largest gradient component is at most this (default 1e-5). */
  tol: number;
  /** Most L-BFGS iterations (default 500). */
  maxIter: number;
}

export const DEFAULT_LOGREG: Readonly<LogRegOptions> = { C: 1, tol: 1e-5, maxIter: 500 };

export interface LogRegModel {
  numClasses: number;
  numFeatures: number;
  /** Weights, feature-major: w[f * K + k]. */
  weights: Float64Array;
  bias: Float64Array;
  iterations: number;
  converged: boolean;
}

export interface LogRegTrainOptions {
  x: Csr;
  /** Class probabilities per row [rows, K]; one-hot for hard labels. */
  targets: Float32Array;
  numClasses: number;
  /** Per-row weights [rows] (default 1). */
  weights?: Float32Array;
  options?: Partial<LogRegOptions>;
}

export function fitLogReg(t: LogRegTrainOptions): LogRegModel {
  const o = { ...DEFAULT_LOGREG, ...t.options };
  const K = t.numClasses;
  const nW = t.x.cols * K;
  const r = lbfgs(logRegObjective(t), new Float64Array(nW + K), { tol: o.tol, maxIter: o.maxIter });
  return { numClasses: K, numFeatures: t.x.cols, weights: r.x.slice(0, nW), bias: r.x.slice(nW), iterations: r.iterations, converged: r.converged };
}

/**
 * The penalised objective and its gradient over theta = [weights (feature-major), intercepts],
 * after checking the inputs. `unrolled: false` computes two classes by the general loop
 * instead of the unrolled one (the two must agree bit for bit; tested).
 */
export function logRegObjective(t: LogRegTrainOptions, opts: { unrolled?: boolean } = {}): Objective {
  const o = { ...DEFAULT_LOGREG, ...t.options };
  if (!(o.C > 0 && Number.isFinite(o.C))) throw new Error(`logistic regression C=${o.C} is invalid: use a positive number (smaller C regularises more)`);
  const { x, targets, numClasses: K } = t;
  checkTargets(targets, x.rows, K);
  const sw = t.weights ?? new Float32Array(x.rows).fill(1);
  if (sw.length !== x.rows) throw new Error(`logistic regression: ${sw.length} weights for ${x.rows} rows`);
  let S = 0;
  for (const w of sw) {
    if (!(w >= 0 && Number.isFinite(w))) throw new Error(`logistic regression: sample weight ${w} is invalid; weights must be finite and >= 0`);
    S += w;
  }
  if (!(S > 0)) throw new Error('logistic regression: the sample weights sum to 0; give at least one row a positive weight');
  const F = x.cols;
  const nW = F * K;
  const { indptr, indices, values } = x;
  const rows = x.rows;
  const lambda = 1 / (o.C * S);
  const z = new Float64Array(K);
  const unrolled = K === 2 && opts.unrolled !== false;
  // The same sums in the same order as the general loop below, with the class loop unrolled for
  // two classes (most tasks): the same result bit for bit, about 1.5x faster.
  const binaryTerms = (theta: Float64Array, grad: Float64Array): number => {
    let loss = 0;
    const b0 = theta[nW];
    const b1 = theta[nW + 1];
    let gb0 = 0;
    let gb1 = 0;
    for (let i = 0; i < rows; i++) {
      const s = sw[i];
      if (s === 0) continue;
      const a = indptr[i];
      const e = indptr[i + 1];
      let z0 = b0;
      let z1 = b1;
      for (let j = a; j < e; j++) {
        const base = indices[j] * 2;
        const v = values[j];
        z0 += theta[base] * v;
        z1 += theta[base + 1] * v;
      }
      const zMax = z0 > z1 ? z0 : z1;
      const lse = zMax + Math.log(Math.exp(z0 - zMax) + Math.exp(z1 - zMax));
      const y0 = targets[2 * i];
      const y1 = targets[2 * i + 1];
      loss += s * y0 * (lse - z0);
      loss += s * y1 * (lse - z1);
      const r0 = (s * (Math.exp(z0 - lse) - y0)) / S;
      const r1 = (s * (Math.exp(z1 - lse) - y1)) / S;
      gb0 += r0;
      gb1 += r1;
      for (let j = a; j < e; j++) {
        const base = indices[j] * 2;
        const v = values[j];
        grad[base] += r0 * v;
        grad[base + 1] += r1 * v;
      }
    }
    grad[nW] += gb0;
    grad[nW + 1] += gb1;
    return loss;
  };
  const objective = (theta: Float64Array, grad: Float64Array): number => {
    grad.fill(0);
    let loss = unrolled ? binaryTerms(theta, grad) : 0;
    for (let i = 0; !unrolled && i < rows; i++) {
      const s = sw[i];
      if (s === 0) continue;
      const a = indptr[i];
      const e = indptr[i + 1];
      for (let k = 0; k < K; k++) z[k] = theta[nW + k];
      for (let j = a; j < e; j++) {
        const base = indices[j] * K;
        const v = values[j];
        for (let k = 0; k < K; k++) z[k] += theta[base + k] * v;
      }
      let zMax = -Infinity;
      for (let k = 0; k < K; k++) if (z[k] > zMax) zMax = z[k];
      let sum = 0;
      for (let k = 0; k < K; k++) sum += Math.exp(z[k] - zMax);
      const lse = zMax + Math.log(sum);
      const ti = i * K;
      for (let k = 0; k < K; k++) {
        const y = targets[ti + k];
        loss += s * y * (lse - z[k]);
        z[k] = (s * (Math.exp(z[k] - lse) - y)) / S; // the residual, reusing z
        grad[nW + k] += z[k];
      }
      for (let j = a; j < e; j++) {
        const base = indices[j] * K;
        const v = values[j];
        for (let k = 0; k < K; k++) grad[base + k] += z[k] * v;
      }
    }
    let sq = 0;
    for (let p = 0; p < nW; p++) {
      const t = theta[p];
      sq += t * t;
      grad[p] += lambda * t;
    }
    return loss / S + 0.5 * lambda * sq;
  };
  return objective;
}

/** Class probabilities [rows, K] of each row. */
export function predictLogReg(m: LogRegModel, x: Csr): Float32Array {
  if (x.cols !== m.numFeatures) throw new Error(`logistic regression: rows have ${x.cols} features, the model ${m.numFeatures}`);
  const K = m.numClasses;
  const out = new Float32Array(x.rows * K);
  const z = new Float64Array(K);
  for (let i = 0; i < x.rows; i++) {
    z.set(m.bias);
    for (let j = x.indptr[i]; j < x.indptr[i + 1]; j++) {
      const base = x.indices[j] * K;
      const v = x.values[j];
      for (let k = 0; k < K; k++) z[k] += m.weights[base + k] * v;
    }
    let zMax = -Infinity;
    for (let k = 0; k < K; k++) zMax = Math.max(zMax, z[k]);
    let sum = 0;
    for (let k = 0; k < K; k++) sum += (z[k] = Math.exp(z[k] - zMax));
    for (let k = 0; k < K; k++) out[i * K + k] = z[k] / sum;
  }
  return out;
}

function checkTargets(targets: Float32Array, rows: number, K: number): void {
  if (!(Number.isInteger(K) && K >= 2)) throw new Error(`logistic regression needs at least 2 classes, got ${K}`);
  if (targets.length !== rows * K) throw new Error(`logistic regression: targets hold ${targets.length} values; expected rows × classes = ${rows} × ${K}`);
  for (let i = 0; i < rows; i++) {
    let sum = 0;
    for (let k = 0; k < K; k++) {
      const y = targets[i * K + k];
      if (!(y >= 0 && y <= 1)) throw new Error(`logistic regression: target [${i}, ${k}] = ${y}; targets must be class probabilities in [0, 1]`);
      sum += y;
    }
    if (Math.abs(sum - 1) > 1e-3) throw new Error(`logistic regression: targets of row ${i} sum to ${sum}; each row must be a probability distribution (sum 1)`);
  }
}
