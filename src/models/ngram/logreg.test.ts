import { describe, expect, it } from 'vitest';
import { Rng } from '../../util/rng.js';
import { fitLogReg, logRegObjective, predictLogReg } from './logreg.js';
import { CsrBuilder, type Csr } from './sparse.js';

/** Rows with two active features of 6: class k is signalled by feature k (with noise features 3..5). */
function toy(n: number, seed: number): { x: Csr; labels: Int32Array } {
  const rng = new Rng(seed);
  const b = new CsrBuilder(6);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    labels[i] = rng.int(3);
    const signal = rng.next() < 0.9 ? labels[i] : rng.int(3);
    b.addRow([signal, 3 + rng.int(3)], [1, 1]);
  }
  return { x: b.build(), labels };
}

const oneHot = (labels: Int32Array, k: number) => {
  const t = new Float32Array(labels.length * k);
  labels.forEach((y, i) => (t[i * k + y] = 1));
  return t;
};

describe('fitLogReg', () => {
  const { x, labels } = toy(300, 1);

  it('learns the signalling feature and predicts held-out rows well', () => {
    const m = fitLogReg({ x, targets: oneHot(labels, 3), numClasses: 3 });
    expect(m.converged).toBe(true);
    const test = toy(300, 2);
    const p = predictLogReg(m, test.x);
    let hits = 0;
    for (let i = 0; i < test.labels.length; i++) {
      const row = Array.from(p.subarray(i * 3, i * 3 + 3));
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      if (row.indexOf(Math.max(...row)) === test.labels[i]) hits++;
    }
    expect(hits / 300).toBeGreaterThan(0.85);
  });

  it('reaches a stationary point of the penalised objective: the gradient condition holds per weight', () => {
    // At the optimum, for every weight: (1/S) Σ_i (p_ik - y_ik) x_if + w_fk / (C S) = 0.
    const C = 0.5;
    const targets = oneHot(labels, 3);
    const m = fitLogReg({ x, targets, numClasses: 3, options: { C, tol: 1e-9, maxIter: 2000 } });
    const p = predictLogReg(m, x);
    const g = new Float64Array(18);
    for (let i = 0; i < x.rows; i++) {
      for (let j = x.indptr[i]; j < x.indptr[i + 1]; j++) for (let k = 0; k < 3; k++) g[x.indices[j] * 3 + k] += (p[i * 3 + k] - targets[i * 3 + k]) * x.values[j];
    }
    for (let q = 0; q < 18; q++) expect(Math.abs(g[q] / x.rows + m.weights[q] / (C * x.rows))).toBeLessThan(1e-5);
  });

  it('two classes (the unrolled path) reach the same stationary point, with sample weights and soft targets', () => {
    // (1/S) Σ_i s_i (p_ik - y_ik) x_if + w_fk / (C S) = 0 for every weight, and Σ_i s_i (p_ik - y_ik) = 0 for the intercepts.
    const C = 0.5;
    const binary = Int32Array.from(labels, (y) => (y === 0 ? 0 : 1));
    const targets = oneHot(binary, 2).map((t) => 0.1 + 0.8 * t);
    const sw = Float32Array.from({ length: x.rows }, (_, i) => [0, 0.5, 2][i % 3]);
    const S = sw.reduce((a, b) => a + b, 0);
    const m = fitLogReg({ x, targets, numClasses: 2, weights: sw, options: { C, tol: 1e-9, maxIter: 2000 } });
    const p = predictLogReg(m, x);
    const g = new Float64Array(12);
    const gb = new Float64Array(2);
    for (let i = 0; i < x.rows; i++) {
      for (let k = 0; k < 2; k++) {
        const r = sw[i] * (p[i * 2 + k] - targets[i * 2 + k]);
        gb[k] += r;
        for (let j = x.indptr[i]; j < x.indptr[i + 1]; j++) g[x.indices[j] * 2 + k] += r * x.values[j];
      }
    }
    for (let q = 0; q < 12; q++) expect(Math.abs(g[q] / S + m.weights[q] / (C * S))).toBeLessThan(1e-5);
    for (let k = 0; k < 2; k++) expect(Math.abs(gb[k] / S)).toBeLessThan(1e-5);
    // Feature 0 signals class 0.
    expect(m.weights[0]).toBeGreaterThan(m.weights[1]);
  });

  it("the unrolled two-class loss gives the general loop's value and gradient bit for bit", () => {
    const rng = new Rng(5);
    const binary = Int32Array.from(labels, (y) => (y === 0 ? 0 : 1));
    const targets = oneHot(binary, 2).map((t) => 0.05 + 0.9 * t);
    const weights = Float32Array.from({ length: x.rows }, (_, i) => (i % 7 === 0 ? 0 : 0.5 + rng.next()));
    const opts = { x, targets, numClasses: 2, weights, options: { C: 0.3 } };
    const theta = Float64Array.from({ length: 6 * 2 + 2 }, () => rng.normal());
    const gFast = new Float64Array(theta.length);
    const gSlow = new Float64Array(theta.length);
    expect(logRegObjective(opts)(theta, gFast)).toBe(logRegObjective(opts, { unrolled: false })(theta, gSlow));
    expect([...gFast]).toEqual([...gSlow]);
  });

  it('regularises more with smaller C', () => {
    const norm = (C: number) => Math.hypot(...fitLogReg({ x, targets: oneHot(labels, 3), numClasses: 3, options: { C } }).weights);
    expect(norm(0.01)).toBeLessThan(norm(1));
  });

  it('trains on soft targets: uniform targets give uniform predictions', () => {
    const m = fitLogReg({ x, targets: new Float32Array(900).fill(1 / 3), numClasses: 3 });
    for (const v of predictLogReg(m, x)) expect(v).toBeCloseTo(1 / 3, 4);
  });

  it('gives a zero-weight row no influence', () => {
    const targets = oneHot(labels, 3);
    const weights = new Float32Array(300).fill(1);
    const flipped = Float32Array.from(targets);
    flipped.set([0, 0, 0], 0);
    flipped[(labels[0] + 1) % 3] = 1;
    weights[0] = 0;
    const a = fitLogReg({ x, targets, numClasses: 3, weights });
    const b = fitLogReg({ x, targets: flipped, numClasses: 3, weights });
    expect(Array.from(b.weights)).toEqual(Array.from(a.weights));
  });

  it('is deterministic', () => {
    const a = fitLogReg({ x, targets: oneHot(labels, 3), numClasses: 3 });
    const b = fitLogReg({ x, targets: oneHot(labels, 3), numClasses: 3 });
    expect(Array.from(a.weights)).toEqual(Array.from(b.weights));
  });

  it('rejects targets that are not distributions and weights that are not usable', () => {
    expect(() => fitLogReg({ x, targets: new Float32Array(900).fill(0.5), numClasses: 3 })).toThrow(/sum to 1\.5/);
    expect(() => fitLogReg({ x, targets: new Float32Array(10), numClasses: 3 })).toThrow(/rows × classes = 300 × 3/);
    expect(() => fitLogReg({ x, targets: oneHot(labels, 3), numClasses: 3, weights: new Float32Array(300) })).toThrow(/sum to 0/);
    expect(() => fitLogReg({ x, targets: oneHot(labels, 3), numClasses: 3, options: { C: 0 } })).toThrow(/C=0 is invalid/);
  });
});
