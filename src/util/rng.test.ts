import { describe, expect, it } from 'vitest';
import { Rng, deriveRng } from './rng.js';

describe('Rng', () => {
  it('gives the same stream for the same seed and different streams for different seeds', () => {
    const a = new Rng(42), b = new Rng(42), c = new Rng(43);
    const sa = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(sa);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(sa);
  });
  it('samples uniform values in [0,1) and normals with mean ~0, variance ~1', () => {
    const r = new Rng(1);
    let sum = 0, sq = 0;
    const n = 20000;
    for (let i = 0; i < n; i++) {
      const u = r.next();
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
      const z = r.normal();
      sum += z; sq += z * z;
    }
    expect(Math.abs(sum / n)).toBeLessThan(0.05);
    expect(Math.abs(sq / n - 1)).toBeLessThan(0.05);
  });
  it('permutation is a permutation', () => {
    const p = Array.from(new Rng(3).permutation(100)).sort((x, y) => x - y);
    expect(p).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });
  it('deriveRng separates labels', () => {
    expect(deriveRng(1, 'split').next()).not.toEqual(deriveRng(1, 'init').next());
    expect(deriveRng(1, 'split').next()).toEqual(deriveRng(1, 'split').next());
  });
});
