import { describe, expect, it } from 'vitest';
import { defaultEta, ladderStart, ladderStep, roundToStep } from './ladder.js';

describe('the Ladder', () => {
  it('releases a score only when it beats the best by more than η, rounded to η', () => {
    let best = ladderStart(0.7012, 0.01);
    expect(best).toBe(0.7);
    const a = ladderStep(best, 0.7099, 0.01); // +0.0099: not more than η
    expect(a).toEqual({ released: 0.7, improved: false, best: 0.7 });
    const b = ladderStep(best, 0.7234, 0.01);
    expect(b).toEqual({ released: 0.72, improved: true, best: 0.72 });
    best = b.best;
    // A worse submission shows the best again, not its own score.
    expect(ladderStep(best, 0.5, 0.01).released).toBe(0.72);
  });

  it('hides a one-prediction flip on a dev split of 1,000 (worth 0.001 < η)', () => {
    const base = ladderStep(0.7, 0.8, 0.01).best;
    const flipped = ladderStep(base, 0.801, 0.01);
    expect(flipped.improved).toBe(false);
    expect(flipped.released).toBe(base);
  });

  it('rounds without float residue and rejects a step outside (0, 1)', () => {
    expect(roundToStep(0.3, 0.1)).toBe(0.3);
    expect(roundToStep(0.125, 0.05)).toBe(0.15);
    expect(() => ladderStep(0.5, 0.6, 0)).toThrow(/η must be in \(0, 1\)/);
    expect(() => ladderStep(0.5, 1.2, 0.01)).toThrow(/accuracy must be in \[0, 1\]/);
  });

  it('never releases more than 1 when η does not divide 1', () => {
    expect(ladderStep(0.7, 1, 0.115)).toEqual({ released: 1, improved: true, best: 1 });
    expect(ladderStart(0.99, 0.115)).toBe(1);
  });

  it('makes the default step worth at least 15 dev examples', () => {
    expect(defaultEta(5000)).toBe(0.01);
    expect(defaultEta(1500)).toBe(0.01);
    expect(defaultEta(614)).toBe(0.025);
    expect(defaultEta(100)).toBe(0.15);
    for (const n of [50, 123, 614, 999, 1499]) expect(defaultEta(n) * n).toBeGreaterThanOrEqual(15 - 1e-9);
  });
});
