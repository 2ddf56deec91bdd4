import { describe, expect, it } from 'vitest';
import { Rng } from '../util/rng.js';
import { dawidSkene, logOddsWeights, majorityVote, votesFromProbs, weightedVote } from './label-model.js';
import { noisyVotes } from './testing.js';

const ACCURACIES = [0.9, 0.8, 0.7, 0.65, 0.6];

/** n rows, m conditionally independent supervisors with the given accuracies (symmetric noise), and the truth. */
function synthetic(n: number, k: number, accuracies: number[], seed: number, coverage = 1, prior?: number[]) {
  const rng = new Rng(seed);
  const truth = Int32Array.from({ length: n }, () => {
    if (!prior) return rng.int(k);
    let r = rng.next();
    for (let c = 0; c < k; c++) if ((r -= prior[c]) < 0) return c;
    return k - 1;
  });
  const cols = accuracies.map((a) => noisyVotes(truth, k, a, rng, coverage));
  const m = accuracies.length;
  const votes = new Int32Array(n * m);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) votes[i * m + j] = cols[j][i];
  return { truth, votes, m };
}

function accuracy(probs: Float32Array, truth: Int32Array, k: number): number {
  let right = 0;
  truth.forEach((y, i) => {
    let b = 0;
    for (let c = 1; c < k; c++) if (probs[i * k + c] > probs[i * k + b]) b = c;
    right += b === y ? 1 : 0;
  });
  return right / truth.length;
}

describe('Dawid–Skene label model', () => {
  for (const k of [2, 3]) {
    it(`recovers 5 supervisors' accuracies within ±0.03 and beats majority vote (k = ${k}, n = 5000)`, () => {
      const { truth, votes, m } = synthetic(5000, k, ACCURACIES, 10 + k);
      const lm = dawidSkene(votes, m, k);
      expect(lm.converged).toBe(true);
      ACCURACIES.forEach((a, j) => expect(Math.abs(lm.accuracy[j] - a)).toBeLessThan(0.03));
      for (let c = 0; c < k; c++) expect(lm.prior[c]).toBeCloseTo(1 / k, 1);
      const lmAcc = accuracy(lm.posterior, truth, k);
      const mvAcc = accuracy(majorityVote(votes, m, k), truth, k);
      expect(lmAcc).toBeGreaterThan(mvAcc);
      // The posterior is a distribution per row.
      for (let i = 0; i < 50; i++) expect([...lm.posterior.subarray(i * k, i * k + k)].reduce((a, b) => a + b)).toBeCloseTo(1, 5);
    });
  }
  it('handles abstentions and a skewed class prior', () => {
    const { truth, votes, m } = synthetic(5000, 2, ACCURACIES, 7, 0.6, [0.7, 0.3]);
    const lm = dawidSkene(votes, m, 2);
    ACCURACIES.forEach((a, j) => expect(Math.abs(lm.accuracy[j] - a)).toBeLessThan(0.04));
    lm.coverage.forEach((c) => expect(c).toBeCloseTo(0.6, 1));
    expect(lm.prior[0]).toBeCloseTo(0.7, 1);
    expect(accuracy(lm.posterior, truth, 2)).toBeGreaterThan(accuracy(majorityVote(votes, m, 2), truth, 2));
  });
  it('rows nobody votes on get the class prior', () => {
    const votes = Int32Array.from([0, 0, 1, 1, 0, 0, -1, -1]);
    const lm = dawidSkene(votes, 2, 2);
    expect(lm.posterior[6]).toBeCloseTo(lm.prior[0], 5);
  });
  it('rejects votes that are not classes', () => {
    expect(() => dawidSkene(Int32Array.from([0, 2]), 2, 2)).toThrow(/not a class/);
  });
});

describe('votes and weighted votes', () => {
  it('votesFromProbs: argmax, −1 for all-zero or flat rows', () => {
    const a = Float32Array.from([0.2, 0.8, 0, 0, 0.5, 0.5]);
    const b = Float32Array.from([1, 0, 0.9, 0.1, 0, 0]);
    expect(Array.from(votesFromProbs([a, b], 2))).toEqual([1, 0, -1, 0, -1, -1]);
  });
  it('majorityVote gives vote shares, uniform with no votes', () => {
    expect(Array.from(majorityVote(Int32Array.from([0, 0, 1, -1, -1, -1]), 3, 2)).map((v) => +v.toFixed(4))).toEqual([0.6667, 0.3333, 0.5, 0.5]);
  });
  it('weightedVote: one accurate supervisor outvotes two poor ones', () => {
    const w = logOddsWeights([0.95, 0.6, 0.6], 2);
    const p = weightedVote(Int32Array.from([1, 0, 0]), 3, 2, w);
    expect(p[1]).toBeGreaterThan(0.85);
    expect(p[1]).toBeCloseTo(1 / (1 + Math.exp(-(w[0] - w[1] - w[2]))), 5);
  });
  it('logOddsWeights: zero at chance, clipped below chance and near 1', () => {
    const w = logOddsWeights([0.5, 0.3, 1, 0.9], 2);
    expect(w[0]).toBeCloseTo(0, 2);
    expect(w[1]).toBe(w[0]);
    expect(Number.isFinite(w[2])).toBe(true);
    expect(w[3]).toBeCloseTo(Math.log(9), 6);
    expect(logOddsWeights([1 / 3], 3)[0]).toBeCloseTo(0, 2);
  });
});
