import { describe, expect, it } from 'vitest';
import { Rng } from '../util/rng.js';
import { EpochSelector, checkStudentTargets, scalarFeeds, shuffledBatches, trainEpochs } from './student-training.js';

describe('what every student trainer shares', () => {
  it('early stopping keeps the best epoch and stops after `patience` epochs without a better one', () => {
    const s = new EpochSelector(2);
    const w = (x: number) => Float32Array.of(x);
    expect(s.offer(0.5, w(1))).toBe(false);
    expect(s.offer(0.7, w(2))).toBe(false);
    expect(s.offer(0.7, w(3))).toBe(false); // a tie is not better
    expect(s.offer(0.6, w(4))).toBe(true);
    expect([...s.choose(w(9))]).toEqual([2]);
    expect([...new EpochSelector(1).choose(w(9))]).toEqual([9]); // no epoch scored: the last weights
  });

  it('the epoch loop trains until patience runs out and keeps the best epoch; without selectEpoch it runs every epoch and keeps the last', async () => {
    const scores = [0.5, 0.8, 0.6, 0.7, 0.9];
    let w = 0;
    const scored: number[] = [];
    const loop = { epochs: 5, epoch: async () => void w++, params: () => Float32Array.of(w), student: (t: Float32Array) => t[0], patience: 2 };
    const best = await trainEpochs({ ...loop, selectEpoch: async (student, epoch) => (scored.push(student), scores[epoch - 1]) });
    expect(scored).toEqual([1, 2, 3, 4]); // epochs 3 and 4 did not beat epoch 2: stopped before epoch 5
    expect([...best]).toEqual([2]);
    w = 0;
    expect([...(await trainEpochs(loop))]).toEqual([5]);
  });

  it('shuffled batches cover every row once per epoch, follow the seed, and differ between epochs', () => {
    const epoch = (rng: Rng) => shuffledBatches(10, 4, rng);
    const rng = new Rng(3);
    const first = epoch(rng);
    expect(first.map((b) => b.length)).toEqual([4, 4, 2]);
    expect(first.flatMap((b) => [...b]).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(epoch(new Rng(3)).map((b) => [...b])).toEqual(first.map((b) => [...b]));
    expect(epoch(rng).map((b) => [...b])).not.toEqual(first.map((b) => [...b]));
  });

  it('refuses targets, weights or extra outputs that do not fit the rows, naming the trainer', () => {
    const base = { numClasses: 2, seed: 0 };
    expect(checkStudentTargets('trainX', 3, { ...base, targets: new Float32Array(6) })).toBe(2);
    expect(() => checkStudentTargets('trainX', 3, { ...base, targets: new Float32Array(5) })).toThrow(/trainX: targets have 5 values, expected 3×2/);
    expect(() => checkStudentTargets('trainX', 3, { ...base, targets: new Float32Array(6), weights: new Float32Array(2) })).toThrow(/trainX: weights have 2 values for 3 rows/);
    expect(() => checkStudentTargets('trainX', 3, { ...base, targets: new Float32Array(9), extraOutputs: 1 })).toThrow(/needs a custom loss/);
    expect(() => checkStudentTargets('trainX', 3, { ...base, targets: new Float32Array(6), extraOutputs: -1 })).toThrow(/non-negative integer/);
  });

  it("feeds a custom loss's scalars at each step, and nothing without them", () => {
    const scalars = { names: ['beta'], at: (step: number, total: number) => ({ beta: step / total }) };
    expect(scalarFeeds(scalars, 3, 4)).toEqual({ scalar_beta: { data: Float32Array.of(0.75), dims: [] } });
    expect(scalarFeeds(undefined, 3, 4)).toEqual({});
  });
});
