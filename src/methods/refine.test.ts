import { describe, expect, it } from 'vitest';
import { maxProbs, orderByScore } from './labels.js';
import { oracleBudget, perRoundQuota, pickQueries, refine } from './refine.js';
import { resolveParams } from './registry.js';
import { fakeContext, RecordingFactory, RecordingOracle, syntheticPools } from './testing.js';

const params = (over: Record<string, unknown>) => resolveParams(refine, over);

describe('refine: pure parts', () => {
  it('oracleBudget is the budget parameter, capped at the transfer size', () => {
    expect(oracleBudget(params({}))).toBe(100);
    expect(refine.oracleBudget!(params({ budget: 30 }), 1000)).toBe(30);
    expect(refine.oracleBudget!(params({ budget: 30 }), 12)).toBe(12);
    expect(() => oracleBudget(params({ budget: 2.5 }))).toThrow(/budget/);
  });
  it('splits the budget over rounds', () => {
    expect(perRoundQuota(10, 3)).toEqual([4, 3, 3]);
    expect(perRoundQuota(2, 3)).toEqual([1, 1, 0]);
  });
  it('pickQueries takes the highest scores among rows not yet asked', () => {
    const asked = Uint8Array.from([0, 1, 0, 0, 0]);
    expect(Array.from(pickQueries(Float32Array.from([0.2, 0.9, 0.5, 0.5, 0.1]), asked, 2))).toEqual([2, 3]);
  });
});

describe('refine method', () => {
  it('never goes past the budget, asks only transfer rows, least-confident first (select uncertain)', async () => {
    const pools = syntheticPools({ n: 60, nVal: 10 });
    const student = new RecordingFactory(pools, 2);
    const { ctx, oracle } = fakeContext({ pools, student, oracleBudget: 10 });
    const { notes } = await refine.run(ctx, params({ budget: 10, rounds: 2, select: 'uncertain' }));
    expect(oracle.used).toBe(10);
    expect(notes!.queried).toBe(10);
    expect(oracle.calls.map((c) => c.length)).toEqual([5, 5]);
    const asked = oracle.calls.flatMap((c) => Array.from(c));
    expect(asked.every((r) => r >= 0 && r < 60)).toBe(true);
    expect(oracle.queried.every((id) => id.startsWith('transfer-'))).toBe(true);
    // The ten least confident rows, in order of confidence.
    const byConfidence = Array.from(orderByScore(maxProbs(pools.transfer.weakProbs, 2), false));
    expect(asked).toEqual(byConfidence.slice(0, 10));
    // Their targets are the ground truth, one-hot; the rest keep the weak labels.
    const last = student.calls[student.calls.length - 1];
    for (const r of asked) expect(Array.from(last.targets.subarray(r * 2, r * 2 + 2))).toEqual(pools.transfer.labels[r] === 1 ? [0, 1] : [1, 0]);
    const other = byConfidence[20];
    expect(Array.from(last.targets.subarray(other * 2, other * 2 + 2))).toEqual(Array.from(pools.transfer.weakProbs.subarray(other * 2, other * 2 + 2)));
  });
  it('with select disagreement, asks where the current student most disagrees with the teacher and retrains each round', async () => {
    const pools = syntheticPools({ n: 40, nVal: 10 });
    const student = new RecordingFactory(pools, 2);
    const { ctx, oracle } = fakeContext({ pools, student, oracleBudget: 6 });
    await refine.run(ctx, params({ budget: 6, rounds: 3, select: 'disagreement' }));
    expect(oracle.used).toBe(6);
    expect(student.trained).toBe(4); // the first student, then one per round
    expect(new Set(oracle.calls.flatMap((c) => Array.from(c))).size).toBe(6);
  });
  it('spends no more than the oracle allows even when the budget parameter asks more', async () => {
    const pools = syntheticPools({ n: 40, nVal: 10 });
    const { ctx, oracle, logs } = fakeContext({ pools, student: 'recording', oracleBudget: 4 });
    await refine.run(ctx, params({ budget: 10, rounds: 2, select: 'uncertain' }));
    expect(oracle.used).toBe(4);
    expect(logs.join('\n')).toMatch(/allows 4 queries/);
  });
  it('the fake oracle throws beyond its budget (so the tests above would fail on overspending)', async () => {
    const pools = syntheticPools({ n: 20, nVal: 5 });
    const oracle = new RecordingOracle(3, pools.transfer);
    await oracle.query(Int32Array.from([0, 1, 2]));
    await expect(oracle.query(Int32Array.from([3]))).rejects.toThrow(/budget exceeded/);
  });
  it('with real students, corrects weak-label mistakes among the rows it asks about', async () => {
    const pools = syntheticPools({ n: 300, seed: 9, weakAccuracy: 0.65 });
    const { ctx } = fakeContext({ pools, oracleBudget: 60 });
    const { notes } = await refine.run(ctx, params({ budget: 60, rounds: 2, select: 'uncertain' }));
    expect(notes!.weak_label_corrected as number).toBeGreaterThan(10);
  });
});
