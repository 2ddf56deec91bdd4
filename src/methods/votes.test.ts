import { describe, expect, it } from 'vitest';
import { logOddsWeights, majorityVote, voteShares, votesFromProbs, weightedVote } from './votes.js';

describe('votes and weighted votes', () => {
  it('votesFromProbs: argmax, −1 for all-zero or flat rows', () => {
    const a = Float32Array.from([0.2, 0.8, 0, 0, 0.5, 0.5]);
    const b = Float32Array.from([1, 0, 0.9, 0.1, 0, 0]);
    expect(Array.from(votesFromProbs([a, b], 2))).toEqual([1, 0, -1, 0, -1, -1]);
  });
  it('majorityVote gives vote shares, uniform with no votes', () => {
    expect(Array.from(majorityVote(Int32Array.from([0, 0, 1, -1, -1, -1]), 3, 2)).map((v) => +v.toFixed(4))).toEqual([0.6667, 0.3333, 0.5, 0.5]);
  });
  it('voteShares weighs each vote', () => {
    expect(Array.from(voteShares(Int32Array.from([0, 0, 1]), 3, 2, [0.25, 0.25, 1]))).toEqual([1 / 3, 2 / 3].map(Math.fround));
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
  it('rejects votes that are not classes', () => {
    expect(() => majorityVote(Int32Array.from([0, 2]), 2, 2)).toThrow(/not a class/);
  });
});
