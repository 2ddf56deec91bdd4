import { describe, expect, it } from 'vitest';
import { Rng } from '../util/rng.js';
import { bootstrapPgr, type SeedCorrectness } from './bootstrap-pgr.js';
import { pairedDifferenceCi } from './paired-difference.js';

function bernoulli(rng: Rng, n: number, p: number): Uint8Array {
  return Uint8Array.from({ length: n }, () => (rng.next() < p ? 1 : 0));
}

/** Two methods sharing each seed's weak model and ceiling, with transfer accuracies pA and pB. */
function twoMethods(rng: Rng, numSeeds: number, n: number, pA: number, pB: number) {
  const a: SeedCorrectness[] = [];
  const b: SeedCorrectness[] = [];
  for (let s = 0; s < numSeeds; s++) {
    const weakCorrect = bernoulli(rng, n, 0.6);
    const ceilingCorrect = bernoulli(rng, n, 0.8);
    a.push({ weakCorrect, ceilingCorrect, transferCorrect: bernoulli(rng, n, pA) });
    b.push({ weakCorrect, ceilingCorrect, transferCorrect: bernoulli(rng, n, pB) });
  }
  return { a, b };
}

describe('pairedDifferenceCi', () => {
  it('detects a real difference', () => {
    const { a, b } = twoMethods(new Rng(1), 5, 2000, 0.75, 0.7);
    const r = pairedDifferenceCi({ a, b, samples: 1000, rng: new Rng(2) });
    expect(r.estimate).toBeGreaterThan(0.15);
    expect(r.estimate).toBeLessThan(0.35);
    expect(r.low).toBeGreaterThan(0);
    expect(r.pValue).toBeLessThan(0.01);
    expect(r.estimateA - r.estimateB).toBeCloseTo(r.estimate, 12);
    expect(r.estimateA).toBeCloseTo(bootstrapPgr({ seeds: a, samples: 1, rng: new Rng(0) }).estimate, 12);
  });

  it('rarely flags a difference when there is none', () => {
    const data = new Rng(7);
    let flagged = 0;
    const trials = 20;
    for (let t = 0; t < trials; t++) {
      const { a, b } = twoMethods(data, 4, 600, 0.7, 0.7);
      const r = pairedDifferenceCi({ a, b, samples: 300, rng: new Rng(50 + t) });
      if (r.low > 0 || r.high < 0) flagged++;
    }
    expect(flagged).toBeLessThanOrEqual(3);
  });

  it('gains power from pairing: a small consistent improvement is found where separate intervals overlap', () => {
    const rng = new Rng(12);
    const { a } = twoMethods(rng, 5, 1000, 0.7, 0.7);
    // B is A with about 2% of A's wrong answers fixed.
    const b = a.map((s) => ({
      ...s,
      transferCorrect: s.transferCorrect.map((c) => (c === 0 && rng.next() < 0.07 ? 1 : c)),
    }));
    const r = pairedDifferenceCi({ a, b, samples: 1000, rng: new Rng(3) });
    expect(r.high).toBeLessThan(0);
    const ia = bootstrapPgr({ seeds: a, samples: 1000, rng: new Rng(4) });
    const ib = bootstrapPgr({ seeds: b, samples: 1000, rng: new Rng(4) });
    expect(ib.low).toBeLessThan(ia.high);
  });

  it('gives per-seed differences and supports fixed baselines', () => {
    const { a, b } = twoMethods(new Rng(5), 3, 500, 0.72, 0.68);
    const r = pairedDifferenceCi({ a, b, fixedBaselines: true, samples: 200, rng: new Rng(6) });
    const pa = bootstrapPgr({ seeds: a, fixedBaselines: true, samples: 1, rng: new Rng(0) });
    const pb = bootstrapPgr({ seeds: b, fixedBaselines: true, samples: 1, rng: new Rng(0) });
    r.perSeed.forEach((d, s) => expect(d).toBeCloseTo(pa.perSeed[s] - pb.perSeed[s], 12));
    expect(r.estimate).toBeCloseTo(pa.estimate - pb.estimate, 12);
  });

  it('is deterministic for a seed', () => {
    const { a, b } = twoMethods(new Rng(5), 3, 200, 0.72, 0.68);
    expect(pairedDifferenceCi({ a, b, samples: 200, rng: new Rng(9) })).toEqual(
      pairedDifferenceCi({ a, b, samples: 200, rng: new Rng(9) }),
    );
  });

  it('rejects unpaired inputs', () => {
    const { a, b } = twoMethods(new Rng(5), 3, 100, 0.7, 0.7);
    expect(() => pairedDifferenceCi({ a, b: b.slice(1), rng: new Rng(1) })).toThrow(/same seeds/);
    const shorter = b.map((s) => ({
      weakCorrect: s.weakCorrect.slice(1),
      ceilingCorrect: s.ceilingCorrect.slice(1),
      transferCorrect: s.transferCorrect.slice(1),
    }));
    expect(() => pairedDifferenceCi({ a, b: shorter, rng: new Rng(1) })).toThrow(/same examples/);
  });
});
