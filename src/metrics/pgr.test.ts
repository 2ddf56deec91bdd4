import { describe, expect, it } from 'vitest';
import { fixedBaselinePgr, pgr } from './pgr.js';

describe('pgr', () => {
  it('is (transfer - weak) / (ceiling - weak)', () => {
    expect(pgr(0.5, 0.8, 0.65)).toBeCloseTo(0.5, 12);
    expect(pgr(0.528, 0.733, 0.528)).toBe(0);
    expect(pgr(0.528, 0.733, 0.733)).toBeCloseTo(1, 12);
  });
  it('does not clamp outside [0, 1]', () => {
    expect(pgr(0.5, 0.7, 0.8)).toBeCloseTo(1.5, 12);
    expect(pgr(0.5, 0.7, 0.45)).toBeCloseTo(-0.25, 12);
  });
  it('is NaN when there is no gap or an input is NaN', () => {
    expect(pgr(0.6, 0.6, 0.7)).toBeNaN();
    expect(pgr(0.6, 0.6 + 1e-15, 0.7)).toBeNaN();
    expect(pgr(NaN, 0.8, 0.7)).toBeNaN();
    expect(pgr(0.5, 0.8, NaN)).toBeNaN();
  });
});

describe('fixedBaselinePgr', () => {
  it('scores each seed against the seed-mean baselines', () => {
    const r = fixedBaselinePgr([0.5, 0.6], [0.8, 0.9], [0.7, 0.61]);
    expect(r.weak).toBeCloseTo(0.55, 12);
    expect(r.ceiling).toBeCloseTo(0.85, 12);
    expect(r.perSeed[0]).toBeCloseTo(0.5, 12);
    expect(r.perSeed[1]).toBeCloseTo(0.2, 12);
    expect(r.mean).toBeCloseTo(0.35, 12);
  });
  it('rejects empty inputs', () => {
    expect(() => fixedBaselinePgr([], [0.8], [0.7])).toThrow(/at least one seed/);
  });
});
