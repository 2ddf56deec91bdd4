import { describe, expect, it } from 'vitest';
import { deriveRng } from '../util/rng.js';
import { sampleStratified, takeRandom } from './sample.js';

const items = Array.from({ length: 1000 }, (_, i) => ({ i, k: i < 900 ? 'big' : i < 990 ? 'mid' : 'small' }));
const count = (xs: typeof items) => xs.reduce<Record<string, number>>((m, x) => ((m[x.k] = (m[x.k] ?? 0) + 1), m), {});

describe('sampleStratified', () => {
  it('keeps shares in proportional mode and original order', () => {
    const s = sampleStratified(items, (x) => x.k, 100, deriveRng(1, 't'), 'proportional');
    expect(s).toHaveLength(100);
    expect(count(s)).toEqual({ big: 90, mid: 9, small: 1 });
    expect(s.map((x) => x.i)).toEqual([...s.map((x) => x.i)].sort((a, b) => a - b));
  });

  it('balances strata, handing small strata’s unused quota to the others', () => {
    const s = sampleStratified(items, (x) => x.k, 150, deriveRng(1, 't'), 'balanced');
    expect(count(s)).toEqual({ big: 70, mid: 70, small: 10 });
  });

  it('is deterministic by seed and differs across seeds', () => {
    const a = sampleStratified(items, (x) => x.k, 50, deriveRng(3, 't'), 'balanced').map((x) => x.i);
    const b = sampleStratified(items, (x) => x.k, 50, deriveRng(3, 't'), 'balanced').map((x) => x.i);
    const c = sampleStratified(items, (x) => x.k, 50, deriveRng(4, 't'), 'balanced').map((x) => x.i);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('returns everything when the limit covers the items, and rejects bad limits', () => {
    expect(sampleStratified(items, (x) => x.k, 5000, deriveRng(0), 'balanced')).toHaveLength(1000);
    expect(() => sampleStratified(items, (x) => x.k, 0, deriveRng(0), 'balanced')).toThrow(/positive integer/);
  });
});

describe('takeRandom', () => {
  it('draws distinct elements', () => {
    const t = takeRandom([1, 2, 3, 4, 5, 6, 7, 8], 5, deriveRng(9));
    expect(new Set(t).size).toBe(5);
    expect(takeRandom([1, 2], 5, deriveRng(9))).toHaveLength(2);
  });
});
