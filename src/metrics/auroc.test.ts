import { describe, expect, it } from 'vitest';
import { Rng } from '../util/rng.js';
import { auroc } from './auroc.js';

/** O(n^2) definition: P(score_pos > score_neg) + 0.5 P(tie). */
function pairwiseAuroc(scores: number[], labels: number[]): number {
  let wins = 0, pairs = 0;
  for (let i = 0; i < scores.length; i++) {
    if (labels[i] !== 1) continue;
    for (let j = 0; j < scores.length; j++) {
      if (labels[j] !== 0) continue;
      pairs++;
      if (scores[i] > scores[j]) wins++;
      else if (scores[i] === scores[j]) wins += 0.5;
    }
  }
  return wins / pairs;
}

describe('auroc', () => {
  it('matches hand-computed values', () => {
    expect(auroc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBeCloseTo(0.75, 12);
    expect(auroc([1, 2, 3, 4], [0, 0, 1, 1])).toBe(1);
    expect(auroc([4, 3, 2, 1], [0, 0, 1, 1])).toBe(0);
  });
  it('counts ties as one half through average ranks', () => {
    expect(auroc([1, 2, 2, 3], [0, 0, 1, 1])).toBeCloseTo(3.5 / 4, 12);
    expect(auroc([0.5, 0.5, 0.5, 0.5], [0, 1, 0, 1])).toBe(0.5);
    expect(auroc(new Float32Array([0.2, 0.2, 0.7]), new Uint8Array([1, 0, 1]))).toBeCloseTo(0.75, 12);
  });
  it('agrees with the pairwise definition on random tied data', () => {
    const rng = new Rng(11);
    const scores = Array.from({ length: 300 }, () => Math.round(rng.next() * 10) / 10);
    const labels = scores.map((s) => (rng.next() < 0.3 + 0.4 * s ? 1 : 0));
    expect(auroc(scores, labels)).toBeCloseTo(pairwiseAuroc(scores, labels), 12);
  });
  it('throws when a class is absent or inputs are bad', () => {
    expect(() => auroc([0.1, 0.2], [1, 1])).toThrow(/both classes/);
    expect(() => auroc([0.1, 0.2], [0, 0])).toThrow(/both classes/);
    expect(() => auroc([0.1, 0.2], [0, 2])).toThrow(/expected 0 or 1/);
    expect(() => auroc([0.1, NaN], [0, 1])).toThrow(/NaN/);
    expect(() => auroc([0.1], [0, 1])).toThrow(/aligned/);
  });
});
