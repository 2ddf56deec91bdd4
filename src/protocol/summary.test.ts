import { describe, expect, it } from 'vitest';
import { bootstrapMeanCi, bootstrapPgr, pgr, type SeedCorrectness } from '../metrics/index.js';
import { Rng } from '../util/rng.js';
import { scoreSplit } from './run-metrics.js';
import { K, fakeRun, predictions } from './summary-fixtures.js';
import { hasGap, splitIntervals, summarize, type SummaryRun } from './summary.js';

const seeds = [0, 1, 2];
const vanilla = seeds.map((s) => fakeRun('vanilla', s, [0.7, 0.9, 0.75]));
const better = seeds.map((s) => fakeRun('better', s, [0.7, 0.9, 0.86]));

describe('splitIntervals', () => {
  it('equals bootstrapMeanCi and bootstrapPgr drawn with the same generator', () => {
    const rng = new Rng(5);
    const seed = (n: number, p: number[]): SeedCorrectness => {
      const col = (q: number) => Uint8Array.from({ length: n }, () => (rng.next() < q ? 1 : 0));
      return { weakCorrect: col(p[0]), ceilingCorrect: col(p[1]), transferCorrect: col(p[2]) };
    };
    const cs = [seed(80, [0.6, 0.9, 0.7]), seed(100, [0.65, 0.85, 0.8]), seed(90, [0.6, 0.95, 0.7])];
    const s = splitIntervals(cs, new Rng(11), 300);
    const strip = (i: { estimate: number; low: number; high: number }) => ({ estimate: i.estimate, low: i.low, high: i.high });
    expect(s.pgr).toEqual(strip(bootstrapPgr({ seeds: cs, samples: 300, rng: new Rng(11) })));
    expect(s.pgr_fixed).toEqual(strip(bootstrapPgr({ seeds: cs, samples: 300, rng: new Rng(11), fixedBaselines: true })));
    expect(s.ceiling_acc).toEqual(strip(bootstrapMeanCi({ seeds: cs.map((c) => c.ceilingCorrect), samples: 300, rng: new Rng(11) })));
  });
});

describe('summarize', () => {
  const rows = summarize([...vanilla, ...better], { samples: 400 });
  const v = rows.find((r) => r.method === 'vanilla')!;
  const b = rows.find((r) => r.method === 'better')!;

  it('groups by method and averages accuracies over seeds, with intervals around the estimate', () => {
    expect(rows).toHaveLength(2);
    expect(v.n_seeds).toBe(3);
    const meanAcc = vanilla.reduce((s, r) => s + (r.metrics as { test: { weak_acc: number } }).test.weak_acc, 0) / 3;
    expect(v.weak_acc.estimate).toBeCloseTo(meanAcc, 12);
    for (const i of [v.weak_acc, v.ceiling_acc, v.transfer_acc, v.pgr, v.pgr_fixed]) {
      expect(i.low).toBeLessThanOrEqual(i.estimate);
      expect(i.high).toBeGreaterThanOrEqual(i.estimate);
      expect(i.high).toBeGreaterThan(i.low);
    }
    expect(v.seeds.map((s) => s.seed)).toEqual([0, 1, 2]);
    expect(v.approximate).toBe(false);
  });

  it('has a gap only when the ceiling interval clears the weak accuracy', () => {
    expect(hasGap(v)).toBe(true);
    const flat = summarize([0, 1, 2].map((seed) => fakeRun('vanilla', seed, [0.75, 0.75, 0.75])), { samples: 400 })[0];
    expect(flat.ceiling_acc.low).toBeLessThan(flat.weak_acc.estimate);
    expect(hasGap(flat)).toBe(false);
  });

  it('fixed-baseline PGR uses the seed-mean weak and ceiling accuracies', () => {
    const expected = pgr(v.weak_acc.estimate, v.ceiling_acc.estimate, b.transfer_acc.estimate);
    expect(b.pgr_fixed.estimate).toBeCloseTo(expected, 12);
    expect(b.seeds.reduce((s, r) => s + r.pgr_fixed, 0) / 3).toBeCloseTo(expected, 12);
    expect(b.pgr.estimate).toBeCloseTo(b.seeds.reduce((s, r) => s + r.pgr, 0) / 3, 12);
  });

  it('pairs each method with vanilla on the same seeds', () => {
    expect(v.pgr_vs_vanilla).toBeUndefined();
    expect(b.pgr_vs_vanilla!.estimate).toBeCloseTo(b.pgr_fixed.estimate - v.pgr_fixed.estimate, 12);
    expect(b.pgr_vs_vanilla!.low).toBeGreaterThan(0);
    // Without vanilla on every seed there is no paired difference.
    const partial = summarize([...vanilla.slice(0, 2), ...better], { samples: 50 });
    expect(partial.find((r) => r.method === 'better')!.pgr_vs_vanilla).toBeUndefined();
  });

  it('pools diagnostics over seeds', () => {
    const im = b.diagnostics.imitation;
    const wrong = better.reduce((s, r) => s + (r.metrics as { test: { imitation: { teacherWrongCount: number } } }).test.imitation.teacherWrongCount, 0);
    expect(im.teacher_wrong).toBe(wrong);
    expect(im.teacher_wrong + im.teacher_right).toBe(900);
    expect(im.copied + im.corrected).toBeLessThanOrEqual(wrong);
    expect(b.diagnostics.calibration.transfer.reduce((s, bin) => s + bin.count, 0)).toBe(900);
    const kinds = new Set(b.diagnostics.buckets.map((x) => x.kind));
    expect(kinds).toEqual(new Set(['teacher_confidence', 'difficulty']));
    expect(b.diagnostics.buckets.filter((x) => x.kind === 'difficulty').reduce((s, x) => s + x.n, 0)).toBe(900);
    expect(b.diagnostics.groups.map((g) => g.group).sort()).toEqual(['a', 'b']);
    expect(b.method_seconds).toBe(2);
    expect(b.strong_params).toBe(8000);
    expect(b.auroc.transfer).toBeGreaterThan(0.5);
  });

  it('is deterministic for a bootstrap seed', () => {
    const again = summarize([...vanilla, ...better], { samples: 400 });
    expect(again).toEqual(rows);
  });

  it('rebuilds correctness from accuracies when predictions are missing, and says so', () => {
    const bare = vanilla.map(({ predictions: _p, config: _c, ...r }) => r);
    const [s] = summarize(bare, { samples: 100 });
    expect(s.approximate).toBe(true);
    expect(s.weak_acc.estimate).toBeCloseTo(v.weak_acc.estimate, 12);
  });

  it('labels method variants by the parameters that differ', () => {
    const runs = [fakeRun('filter', 0, [0.7, 0.9, 0.8], { params: { low: 0.25, high: 0.75 } }), fakeRun('filter', 0, [0.7, 0.9, 0.8], { params: { low: 0.3, high: 0.75 } })];
    expect(summarize(runs, { samples: 20 }).map((r) => r.method)).toEqual(['filter(low=0.25)', 'filter(low=0.3)']);
  });

  it('summarises ood_test when every seed has one', () => {
    const withOod = better.map((r) => {
      const m = r.metrics as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
      return { ...r, metrics: { ...m, ood_test: m.test, labels: { ...m.labels, ood_test: m.labels.test } }, predictions: [...r.predictions!, ...r.predictions!.map((p) => ({ ...p, split: 'ood_test' }))] };
    });
    const [s] = summarize(withOod, { samples: 100 });
    expect(s.ood!.pgr_fixed.estimate).toBeCloseTo(s.pgr_fixed.estimate, 12);
    expect(s.seeds[0].ood_pgr).toBeCloseTo(s.seeds[0].pgr, 12);
    expect(s.seeds.every((r) => r.ood_has_gap === true)).toBe(true);
    expect(s.diagnostics.groups.filter((g) => g.split === 'ood_test')).toHaveLength(2);
  });

  it('flags an ood_test whose ceiling does not beat the weak model, for the group and for each seed', () => {
    const flat = withFlatOod(better);
    const [s] = summarize(flat, { samples: 200 });
    expect(hasGap(s)).toBe(true);
    expect(hasGap(s.ood!)).toBe(false);
    expect(s.seeds.map((r) => r.ood_has_gap)).toEqual([false, false, false]);
  });
});

/** The runs with an ood_test on which the ceiling is no better than the weak model (both right on 70%). */
function withFlatOod(runs: SummaryRun[]): SummaryRun[] {
  return runs.map((r) => {
    const rng = new Rng(r.seed + 100);
    const m = r.metrics as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    const labels = Int32Array.from({ length: 300 }, () => rng.int(2));
    const weak = predictions(labels, 0.75, rng);
    const ceiling = predictions(labels, 0.7, rng);
    const transfer = predictions(labels, 0.8, rng);
    const ood = scoreSplit({ labels, weak, ceiling, transfer, groups: [], difficulty: [] }, K);
    return {
      ...r,
      metrics: JSON.parse(JSON.stringify({ ...m, ood_test: ood, labels: { ...m.labels, ood_test: Array.from(labels) } })),
      predictions: [...r.predictions!, { role: 'weak', split: 'ood_test', numClasses: K, probs: weak }, { role: 'ceiling', split: 'ood_test', numClasses: K, probs: ceiling }, { role: 'transfer', split: 'ood_test', numClasses: K, probs: transfer }],
    };
  });
}

