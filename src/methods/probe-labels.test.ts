import { describe, expect, it } from 'vitest';
import { Rng } from '../util/rng.js';
import { knnLabels } from './knn.js';
import { argmaxRows } from './labels.js';
import { foldAssignment, outOfFoldLogistic, rowDistance } from './probe-labels.js';
import { probeFilter } from './probe-filter.js';
import { probeRelabel } from './probe-relabel.js';
import { accuracyOf, fakeContext, RecordingFactory, syntheticPools } from './testing.js';

describe('foldAssignment', () => {
  it('puts every row in exactly one fold, folds balanced to within one row', () => {
    const f = foldAssignment(23, 5, new Rng(0));
    const counts = [0, 0, 0, 0, 0];
    for (const v of f) counts[v]++;
    expect(counts.reduce((a, b) => a + b)).toBe(23);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
  });
});

describe('outOfFoldLogistic', () => {
  it("predicts each row with a probe that never trained on it (5 logistic probes)", async () => {
    const pools = syntheticPools({ n: 37, nVal: 5 });
    // A fake student that answers class 1 on rows it trained on and class 0 on the others.
    const student = new RecordingFactory(pools, 2, (_, pool, opts) => {
      const seen = new Set(pool.name === 'transfer' ? Array.from(opts.rows ?? []) : []);
      return Float32Array.from(pool.ids.flatMap((_, i) => (seen.has(i) ? [0, 1] : [1, 0])));
    });
    const { ctx } = fakeContext({ pools, student });
    const out = await outOfFoldLogistic(ctx, 5);
    expect(student.trained).toBe(5);
    expect(Array.from(argmaxRows(out, 2)).every((c) => c === 0)).toBe(true);
    for (const call of student.calls) expect(call.config).toEqual({ hidden: [] });
    // The folds' held-out rows partition transfer.
    const held = student.calls.map((c) => 37 - c.rows!.length);
    expect(held.reduce((a, b) => a + b)).toBe(37);
  });
});

describe('probe_relabel and probe_filter', () => {
  it('probe_relabel (knn) trains on the leave-one-out kNN labels, which beat the weak labels here', async () => {
    const pools = syntheticPools({ n: 300, nVal: 10, seed: 4 });
    const student = new RecordingFactory(pools, 2);
    const { ctx } = fakeContext({ pools, student });
    await probeRelabel.run(ctx, { probe: 'knn', k: 15, folds: 5, hard: false });
    const t = pools.transfer;
    const expected = knnLabels(t.features, t.dim, t.weakProbs, 2, 15);
    expect(student.calls[0].targets).toEqual(expected);
    expect(accuracyOf(expected, t.labels, 2)).toBeGreaterThan(accuracyOf(t.weakProbs, t.labels, 2) + 0.1);
  });
  it('probe_filter drops the share where probe and weak label are furthest apart', async () => {
    const pools = syntheticPools({ n: 200, nVal: 10, seed: 5 });
    const student = new RecordingFactory(pools, 2);
    const { ctx } = fakeContext({ pools, student });
    const { notes } = await probeFilter.run(ctx, { probe: 'knn', k: 15, folds: 5, drop: 0.2, hard: false });
    const t = pools.transfer;
    const dist = rowDistance(knnLabels(t.features, t.dim, t.weakProbs, 2, 15), t.weakProbs, 2);
    const kept = Array.from(student.calls[0].rows!);
    expect(kept).toHaveLength(160);
    expect(notes).toMatchObject({ kept: 160, dropped: 40 });
    const keptSet = new Set(kept);
    const maxKept = Math.max(...kept.map((i) => dist[i]));
    for (let i = 0; i < 200; i++) if (!keptSet.has(i)) expect(dist[i]).toBeGreaterThanOrEqual(maxKept);
    // The dropped rows are far more often the weak supervisor's mistakes than rows in general are.
    const wrongDropped = [...Array(200).keys()].filter((i) => !keptSet.has(i) && !pools.weakCorrect.transfer[i]).length;
    const baseRate = pools.weakCorrect.transfer.filter((c) => !c).length / 200;
    expect(wrongDropped / 40).toBeGreaterThan(baseRate + 0.15);
  });
  it('probe_relabel (logistic) runs out-of-fold with real students', async () => {
    const { ctx, pools } = fakeContext({ pools: syntheticPools({ n: 200, seed: 6 }) });
    const { student, notes } = await probeRelabel.run(ctx, { probe: 'logistic', k: 15, folds: 5, hard: false });
    expect(ctx.student.trained).toBe(6);
    expect(notes!.probe_weak_agreement).toBeGreaterThan(0.5);
    expect(accuracyOf(await student.predict('val'), pools.val.labels, 2)).toBeGreaterThan(0.8);
  });
});
