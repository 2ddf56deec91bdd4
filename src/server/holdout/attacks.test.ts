/**
 * The label-extraction benchmark with a small budget (bench/holdout.ts runs the full
 * 10,000-score version over HTTP): the attacks recover every label from an exact scorer,
 * and no more than the majority rate + 1% through the Ladder.
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../util/rng.js';
import { defaultEta } from './ladder.js';
import { accuracyOf, boostingAttack, exactScorer, flipOneAttack, hillClimb, ladderScorer, majorityRate } from './attacks.js';

const n = 400;
const budget = 2000;
const labelsWith = (p1: number, seed: number) => {
  const rng = new Rng(seed);
  return Int32Array.from({ length: n }, () => (rng.next() < p1 ? 1 : 0));
};

describe('label extraction', () => {
  for (const p1 of [0.5, 0.75]) {
    const labels = labelsWith(p1, 3);
    const maj = majorityRate(labels, 2);
    const opts = () => ({ n, numClasses: 2, budget, rng: new Rng(5) });

    it(`recovers the labels from an exact scorer (class-1 share ${p1})`, async () => {
      expect(accuracyOf((await flipOneAttack(exactScorer(labels), opts())).guess, labels)).toBe(1);
      expect(accuracyOf((await boostingAttack(exactScorer(labels), opts())).guess, labels)).toBeGreaterThan(maj + 0.05);
    });

    it(`recovers no more than the majority rate + 1% through the Ladder started at the weak baseline (class-1 share ${p1})`, async () => {
      const weak = 0.8;
      const flip = await flipOneAttack(ladderScorer(labels, 0.01, weak), opts());
      const boost = await boostingAttack(ladderScorer(labels, 0.01, weak), opts());
      expect(flip.queries).toBe(n + 2); // two constant vectors, then one flip per example
      expect(accuracyOf(flip.guess, labels)).toBeLessThanOrEqual(maj + 0.01);
      expect(accuracyOf(boost.guess, labels)).toBeLessThanOrEqual(maj + 0.01);
    });
  }

  it('gains little over an informed start (a 70%-right vector, like a weak model) through the Ladder, and a lot from exact scores', async () => {
    const labels = labelsWith(0.5, 4);
    const rng = new Rng(8);
    const start = labels.map((l) => (rng.next() < 0.7 ? l : 1 - l));
    const a0 = accuracyOf(start, labels);
    const opts = () => ({ n, numClasses: 2, budget, rng: new Rng(6) });
    expect(accuracyOf((await hillClimb(ladderScorer(labels, defaultEta(n), a0), opts(), start)).guess, labels)).toBeLessThanOrEqual(a0 + 0.01);
    // With a step worth only 4 examples the same climb does learn labels: why the default is coarser.
    expect(accuracyOf((await hillClimb(ladderScorer(labels, 0.01, a0), opts(), start)).guess, labels)).toBeGreaterThan(a0 + 0.01);
    expect(accuracyOf((await hillClimb(exactScorer(labels), opts(), start)).guess, labels)).toBeGreaterThan(a0 + 0.1);
  });

  it('a multi-class flip attack needs every class tried, and still gets everything from exact counts', async () => {
    const rng = new Rng(9);
    const labels = Int32Array.from({ length: 100 }, () => rng.int(4));
    const r = await flipOneAttack(exactScorer(labels), { n: 100, numClasses: 4, budget: 1000, rng });
    expect(accuracyOf(r.guess, labels)).toBe(1);
  });
});
