import { describe, expect, it } from 'vitest';
import { EpochSelector, checkStudentTargets, scalarFeeds } from './student-training.js';

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
