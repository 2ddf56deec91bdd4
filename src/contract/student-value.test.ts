import { describe, expect, it } from 'vitest';
import { MLP } from '../engine/index.js';
import { checkStudentValue } from './student-value.js';

const value = (over: Record<string, unknown> = {}) => {
  const sizes = [4, 3, 2];
  return { kind: 'probe', sizes, numClasses: 2, theta: new Float32Array(new MLP(sizes).numParams()), mean: new Float32Array(4), scale: new Float32Array(4).fill(1), ...over };
};
const expectRun = { dim: 4, numClasses: 2 };

describe('checkStudentValue (what the host accepts from a method process)', () => {
  it('accepts a probe that fits the run, as a fresh typed value', () => {
    const v = value();
    const checked = checkStudentValue(v, expectRun);
    expect(checked.sizes).toEqual([4, 3, 2]);
    expect(checked.theta).toBe(v.theta);
  });

  it.each([
    ['another kind', { kind: 'finetune' }, /unknown kind/],
    ['another input width', { sizes: [5, 2] }, /input width 5 is not the strong features' dimension 4/],
    ['fewer outputs than classes', { sizes: [4, 1] }, /1 outputs for 2 classes/],
    ['another number of classes', { numClasses: 3 }, /numClasses 3 is not the task's 2/],
    ['weights of the wrong length', { theta: new Float32Array(3) }, /theta has 3 values, expected 23/],
    ['a non-finite weight', { theta: new Float32Array(23).fill(Number.NaN) }, /theta\[0\] is not finite/],
    ['weights that are not a Float32Array', { theta: Array(23).fill(0) }, /theta must be a Float32Array/],
    ['a layer too wide to allocate', { sizes: [4, 16384, 16384, 2] }, /more than the \d+ a student may have/],
    ['fractional widths', { sizes: [4, 2.5, 2] }, /layer widths must be positive integers/],
  ])('refuses %s', (_what, over, why) => {
    expect(() => checkStudentValue(value(over), expectRun)).toThrow(why);
  });

  it('refuses what is not an object at all', () => {
    expect(() => checkStudentValue(null, expectRun)).toThrow(/not an object/);
  });
});
