import { describe, expect, it } from 'vitest';
import { Rng } from '../util/rng.js';
import { bootstrapMeanCi } from './bootstrap-mean.js';
import { bootstrapPgr, type SeedCorrectness } from './bootstrap-pgr.js';
import { hierarchicalBootstrap, quantile } from './bootstrap.js';

function bernoulli(rng: Rng, n: number, p: number): Uint8Array {
  return Uint8Array.from({ length: n }, () => (rng.next() < p ? 1 : 0));
}

function fromCounts(n: number, ones: number): Uint8Array {
  return Uint8Array.from({ length: n }, (_, i) => (i < ones ? 1 : 0));
}

/** Seeds whose true weak, ceiling, transfer accuracies are 0.6, 0.8, 0.7: true PGR 0.5. */
function synthetic(rng: Rng, numSeeds: number, n: number): SeedCorrectness[] {
  return Array.from({ length: numSeeds }, () => ({
    weakCorrect: bernoulli(rng, n, 0.6),
    ceilingCorrect: bernoulli(rng, n, 0.8),
    transferCorrect: bernoulli(rng, n, 0.7),
  }));
}

describe('quantile', () => {
  it('interpolates between order statistics', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantile([1, 2, 3, 4], 1)).toBe(4);
    expect(quantile([], 0.5)).toBeNaN();
  });
});

describe('hierarchicalBootstrap', () => {
  it('validates its inputs', () => {
    const rng = new Rng(1);
    const stat = () => 0;
    expect(() => hierarchicalBootstrap([], stat, { rng })).toThrow(/at least one seed/);
    expect(() => hierarchicalBootstrap([[[1, 0], [1]]], stat, { rng })).toThrow(/same examples/);
    expect(() => hierarchicalBootstrap([[[]]], stat, { rng })).toThrow(/no test examples/);
    expect(() => hierarchicalBootstrap([[[1]]], stat, { rng, samples: 0 })).toThrow(/samples/);
    expect(() => hierarchicalBootstrap([[[1]]], stat, { rng, alpha: 1 })).toThrow(/alpha/);
  });
});

describe('bootstrapPgr', () => {
  it('computes per-seed PGR and the estimate by hand', () => {
    const seeds = [
      { weakCorrect: fromCounts(10, 5), ceilingCorrect: fromCounts(10, 9), transferCorrect: fromCounts(10, 7) },
      { weakCorrect: fromCounts(10, 6), ceilingCorrect: fromCounts(10, 8), transferCorrect: fromCounts(10, 8) },
    ];
    const own = bootstrapPgr({ seeds, samples: 50, rng: new Rng(1) });
    expect(own.perSeed[0]).toBeCloseTo(0.5, 12);
    expect(own.perSeed[1]).toBeCloseTo(1, 12);
    expect(own.estimate).toBeCloseTo(0.75, 12);
    const fixed = bootstrapPgr({ seeds, fixedBaselines: true, samples: 50, rng: new Rng(1) });
    // baselines: weak 0.55, ceiling 0.85
    expect(fixed.perSeed[0]).toBeCloseTo(0.15 / 0.3, 12);
    expect(fixed.perSeed[1]).toBeCloseTo(0.25 / 0.3, 12);
    expect(fixed.estimate).toBeCloseTo(0.2 / 0.3, 12);
  });

  it('covers the true PGR on synthetic data', () => {
    const r = bootstrapPgr({ seeds: synthetic(new Rng(5), 5, 2000), samples: 1000, rng: new Rng(6) });
    expect(r.low).toBeLessThan(0.5);
    expect(r.high).toBeGreaterThan(0.5);
    expect(r.low).toBeLessThan(r.estimate);
    expect(r.high).toBeGreaterThan(r.estimate);
    expect(r.undefinedReplicates).toBe(0);
  });

  it('covers the true PGR in most of many synthetic experiments', () => {
    const data = new Rng(21);
    let covered = 0;
    const trials = 30;
    for (let t = 0; t < trials; t++) {
      const r = bootstrapPgr({ seeds: synthetic(data, 4, 500), fixedBaselines: true, samples: 300, rng: new Rng(100 + t) });
      if (r.low <= 0.5 && 0.5 <= r.high) covered++;
    }
    expect(covered).toBeGreaterThanOrEqual(26);
  });

  it('narrows with more test examples', () => {
    const width = (n: number) => {
      const r = bootstrapPgr({ seeds: synthetic(new Rng(9), 4, n), samples: 800, rng: new Rng(10) });
      return r.high - r.low;
    };
    const small = width(250);
    const large = width(4000);
    expect(large).toBeLessThan(0.4 * small);
    expect(large).toBeGreaterThan(0);
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const seeds = synthetic(new Rng(3), 3, 300);
    const a = bootstrapPgr({ seeds, samples: 300, rng: new Rng(42) });
    const b = bootstrapPgr({ seeds, samples: 300, rng: new Rng(42) });
    const c = bootstrapPgr({ seeds, samples: 300, rng: new Rng(43) });
    expect(b).toEqual(a);
    expect(c.low).not.toBe(a.low);
    expect(c.estimate).toBe(a.estimate);
  });

  it('resamples the same examples for weak, ceiling and transfer', () => {
    const rng = new Rng(8);
    const seeds = Array.from({ length: 3 }, () => {
      const weak = bernoulli(rng, 200, 0.5);
      return { weakCorrect: weak, ceilingCorrect: bernoulli(rng, 200, 0.95), transferCorrect: weak.slice() };
    });
    // A student identical to its teacher has PGR exactly 0 in every paired replicate.
    const r = bootstrapPgr({ seeds, samples: 300, rng: new Rng(1) });
    expect(r.low).toBe(0);
    expect(r.high).toBe(0);
    const copyCeiling = seeds.map((s) => ({ ...s, transferCorrect: s.ceilingCorrect.slice() }));
    const q = bootstrapPgr({ seeds: copyCeiling, samples: 300, rng: new Rng(1) });
    expect(q.low).toBeCloseTo(1, 12);
    expect(q.high).toBeCloseTo(1, 12);
  });

  it('reports replicates with no gap as undefined', () => {
    const same = fromCounts(20, 12);
    const r = bootstrapPgr({
      seeds: [{ weakCorrect: same, ceilingCorrect: same, transferCorrect: fromCounts(20, 15) }],
      samples: 100,
      rng: new Rng(2),
    });
    expect(r.estimate).toBeNaN();
    expect(r.low).toBeNaN();
    expect(r.undefinedReplicates).toBe(100);
  });

  it('rejects misaligned or non-binary correctness', () => {
    const ok = fromCounts(10, 5);
    expect(() =>
      bootstrapPgr({ seeds: [{ weakCorrect: ok, ceilingCorrect: ok, transferCorrect: fromCounts(9, 5) }], rng: new Rng(1) }),
    ).toThrow(/same examples/);
    expect(() =>
      bootstrapPgr({ seeds: [{ weakCorrect: ok, ceilingCorrect: Uint8Array.of(2, 0, 0, 0, 0, 0, 0, 0, 0, 0), transferCorrect: ok }], rng: new Rng(1) }),
    ).toThrow(/ceilingCorrect\[0\] = 2/);
  });
});

describe('bootstrapMeanCi', () => {
  it('gives per-seed accuracies and an interval around the true accuracy', () => {
    const rng = new Rng(4);
    const seeds = Array.from({ length: 5 }, () => bernoulli(rng, 1500, 0.7));
    const r = bootstrapMeanCi({ seeds, samples: 1000, rng: new Rng(5) });
    expect(r.perSeed).toHaveLength(5);
    expect(r.estimate).toBeCloseTo(r.perSeed.reduce((s, v) => s + v, 0) / 5, 12);
    expect(r.low).toBeLessThan(0.7);
    expect(r.high).toBeGreaterThan(0.7);
    expect(r.high - r.low).toBeLessThan(0.05);
  });
  it('collapses to a point when every example is right', () => {
    const r = bootstrapMeanCi({ seeds: [fromCounts(30, 30), fromCounts(10, 10)], samples: 100, rng: new Rng(1) });
    expect([r.estimate, r.low, r.high]).toEqual([1, 1, 1]);
  });
  it('includes between-seed spread', () => {
    // Seeds at 0.2 and 0.8 with many examples: the interval spans most of the gap.
    const r = bootstrapMeanCi({ seeds: [fromCounts(5000, 1000), fromCounts(5000, 4000)], samples: 500, rng: new Rng(3) });
    expect(r.estimate).toBeCloseTo(0.5, 12);
    expect(r.low).toBeLessThan(0.25);
    expect(r.high).toBeGreaterThan(0.75);
  });
});
