import { describe, expect, it } from 'vitest';
import { confidenceKeep, disagreement, dropHighest, quantileKeep } from './filters.js';
import { filterConfidence } from './filter-confidence.js';
import { filterDisagreement } from './filter-disagreement.js';
import { filterQuantile } from './filter-quantile.js';
import { takeRows } from './labels.js';
import { fakeContext, RecordingFactory, syntheticPools, type SyntheticPools } from './testing.js';

const binary = (p1: number[]) => Float32Array.from(p1.flatMap((v) => [1 - v, v]));
//                    row: 0    1     2    3     4     5     6
const P1 = [0.1, 0.25, 0.5, 0.74, 0.75, 0.76, 0.9];

describe('confidenceKeep', () => {
  it("band: drops rows whose p(class 1) is in [low, high], ends included", () => {
    expect(Array.from(confidenceKeep(binary(P1), 2, { mode: 'band', low: 0.25, high: 0.75 }))).toEqual([0, 5, 6]);
    expect(Array.from(confidenceKeep(binary(P1), 2, { mode: 'band', low: 0.2, high: 0.6 }))).toEqual([0, 3, 4, 5, 6]);
  });
  it('max: keeps rows whose largest probability reaches the threshold', () => {
    expect(Array.from(confidenceKeep(binary(P1), 2, { mode: 'max', threshold: 0.75 }))).toEqual([0, 1, 4, 5, 6]);
  });
  it('band with three classes tests the largest probability', () => {
    const w = Float32Array.from([0.8, 0.1, 0.1, 0.4, 0.3, 0.3, 0.1, 0.1, 0.8]);
    expect(Array.from(confidenceKeep(w, 3, { mode: 'band', low: 0.3, high: 0.7 }))).toEqual([0, 2]);
  });
});

describe('quantileKeep', () => {
  it('keeps the most confident share within each predicted class', () => {
    // predicted class 0: rows 0 (.9), 2 (.6), 4 (.8), 6 (.7); class 1: rows 1 (.55), 3 (.95); class 2: row 5 (.5)
    const w = Float32Array.from([
      0.9, 0.05, 0.05, 0.3, 0.55, 0.15, 0.6, 0.3, 0.1, 0.05, 0.95, 0, 0.8, 0.1, 0.1, 0.25, 0.25, 0.5, 0.7, 0.2, 0.1,
    ]);
    // keep 0.5: class 0 keeps 2 of 4 (rows 0, 4), class 1 keeps 1 of 2 (row 3), class 2 keeps at least 1 (row 5).
    expect(Array.from(quantileKeep(w, 3, 0.5))).toEqual([0, 3, 4, 5]);
    expect(Array.from(quantileKeep(w, 3, 1))).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });
});

describe('disagreement and dropHighest', () => {
  const weak = binary([0.9, 0.2, 0.6, 0.5]);
  const student = binary([0.1, 0.2, 0.9, 0.5]);
  it('kl is KL(weak ‖ student); teacher_prob is 1 − weak prob of the student’s class', () => {
    const kl = disagreement(weak, student, 2, 'kl');
    expect(kl[0]).toBeCloseTo(0.9 * Math.log(9) + 0.1 * Math.log(1 / 9), 5);
    expect(kl[1]).toBeCloseTo(0, 6);
    const tp = disagreement(weak, student, 2, 'teacher_prob');
    expect(Array.from(tp).map((v) => +v.toFixed(4))).toEqual([0.9, 0.2, 0.4, 0.5]);
  });
  it('drops round(share·n) rows with the highest score, lower index first among ties', () => {
    expect(Array.from(dropHighest(Float32Array.from([0.3, 0.9, 0.1, 0.9, 0.5]), 0.4))).toEqual([0, 2, 4]);
    expect(Array.from(dropHighest(Float32Array.from([0.3, 0.9, 0.1, 0.9, 0.5]), 0.2))).toEqual([0, 2, 3, 4]);
    expect(Array.from(dropHighest(Float32Array.from([1, 2]), 0))).toEqual([0, 1]);
  });
});

/** Pools whose transfer weak labels are the given p(class 1) values. */
function poolsWith(p1: number[]): SyntheticPools {
  const pools = syntheticPools({ n: p1.length, nVal: 4 });
  pools.transfer.weakProbs.set(binary(p1));
  return pools;
}

describe('filter methods pass exactly the kept rows to the student', () => {
  it('filter_confidence', async () => {
    const pools = poolsWith(P1);
    const student = new RecordingFactory(pools, 2);
    const { ctx } = fakeContext({ pools, student });
    const { notes } = await filterConfidence.run(ctx, { mode: 'band', low: 0.25, high: 0.75, threshold: 0.75, hard: false });
    const call = student.calls[0];
    expect(Array.from(call.rows!)).toEqual([0, 5, 6]);
    expect(Array.from(call.targets)).toEqual(Array.from(takeRows(pools.transfer.weakProbs, 2, [0, 5, 6])));
    expect(notes).toMatchObject({ kept: 3, dropped: 4 });
    await filterConfidence.run(ctx, { mode: 'max', low: 0, high: 0, threshold: 0.75, hard: true });
    expect(Array.from(student.calls[1].rows!)).toEqual([0, 1, 4, 5, 6]);
    expect(Array.from(student.calls[1].targets)).toEqual([1, 0, 1, 0, 0, 1, 0, 1, 0, 1]);
  });
  it('filter_confidence refuses a filter that keeps nothing', async () => {
    const pools = poolsWith([0.5, 0.5]);
    const { ctx } = fakeContext({ pools, student: 'recording' });
    await expect(filterConfidence.run(ctx, { mode: 'band', low: 0.25, high: 0.75, threshold: 0.75, hard: false })).rejects.toThrow(/kept none of 2 transfer examples \(weak max probability ranges 0.500..0.500\)/);
  });
  it('filter_quantile', async () => {
    const pools = poolsWith([0.9, 0.2, 0.6, 0.05, 0.7, 0.45]);
    const student = new RecordingFactory(pools, 2);
    const { ctx } = fakeContext({ pools, student });
    await filterQuantile.run(ctx, { keep: 0.5, hard: false });
    // class 1: rows 0 (.9), 4 (.7), 2 (.6) → keep round(1.5) = 2: rows 0, 4; class 0: rows 3 (.95), 1 (.8), 5 (.55) → rows 1, 3.
    expect(Array.from(student.calls[0].rows!)).toEqual([0, 1, 3, 4]);
  });
  it('filter_disagreement trains on all rows, then retrains without the most disputed share', async () => {
    const p1 = [0.9, 0.8, 0.3, 0.2, 0.6];
    const pools = poolsWith(p1);
    // The first-pass student says class 1 everywhere with p = 0.9.
    const student = new RecordingFactory(pools, 2, (_, pool) => binary(pool.ids.map(() => 0.9)));
    const { ctx } = fakeContext({ pools, student });
    await filterDisagreement.run(ctx, { drop: 0.4, measure: 'teacher_prob', hard: false });
    expect(student.calls).toHaveLength(2);
    expect(student.calls[0].rows).toBeUndefined();
    // teacher prob of class 1: .9 .8 .3 .2 .6 → the two lowest (rows 3, 2) are dropped.
    expect(Array.from(student.calls[1].rows!)).toEqual([0, 1, 4]);
  });
});
