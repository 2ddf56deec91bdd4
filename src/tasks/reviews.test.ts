import { describe, expect, it } from 'vitest';
import { Rng } from '../util/rng.js';
import { REVIEWS_EASY_MAX, REVIEWS_MAX_DIFFICULTY, clauseText, generateReview, reviewsTask } from './reviews.js';
import { splitDataset } from './split.js';

describe('reviews task', () => {
  it('labels each review by the majority polarity of its clauses, negation included', () => {
    const rng = new Rng(5);
    for (let d = 1; d <= REVIEWS_MAX_DIFFICULTY; d++) {
      for (let i = 0; i < 50; i++) {
        const r = generateReview(d, rng);
        expect(r.clauses).toHaveLength(2 * d - 1);
        const sum = r.clauses.reduce((s, c) => s + c.polarity, 0);
        expect(r.label).toBe(sum > 0 ? 1 : 0);
        for (const c of r.clauses) expect(r.text).toContain(clauseText(c));
      }
    }
  });

  it('a negated clause flips the polarity of its adjective', () => {
    const rng = new Rng(9);
    let negated = 0;
    for (let i = 0; i < 200; i++) {
      for (const c of generateReview(3, rng).clauses) {
        if (!c.negated) continue;
        negated++;
        expect(clauseText(c)).toMatch(/ was not /);
      }
    }
    expect(negated).toBeGreaterThan(50);
  });

  it('is deterministic, balanced, and splits easy-to-hard', async () => {
    const a = await reviewsTask.load({ limit: 1500 });
    const b = await reviewsTask.load({ limit: 1500 });
    expect(a.examples.map((e) => e.text)).toEqual(b.examples.map((e) => e.text));
    const pos = a.examples.filter((e) => e.label === 1).length / a.examples.length;
    expect(pos).toBeGreaterThan(0.4);
    expect(pos).toBeLessThan(0.6);
    const s = splitDataset(a, { seed: 0 });
    for (const part of [s.weak_train, s.transfer, s.val]) expect(part.every((e) => (e.difficulty ?? 0) <= REVIEWS_EASY_MAX)).toBe(true);
    expect(s.test.every((e) => (e.difficulty ?? 0) > REVIEWS_EASY_MAX && (e.difficulty ?? 0) < REVIEWS_MAX_DIFFICULTY)).toBe(true);
    expect(s.ood_test!.every((e) => e.difficulty === REVIEWS_MAX_DIFFICULTY)).toBe(true);
  });
});
