import { describe, expect, it } from 'vitest';
import { accuracy, correctness } from './accuracy.js';
import { agreement } from './agreement.js';
import { argmax, maxProb } from './argmax.js';

describe('argmax / maxProb', () => {
  it('picks the largest class per row, ties to the lowest index', () => {
    const probs = new Float32Array([0.1, 0.9, 0.6, 0.4, 0.5, 0.5]);
    expect(Array.from(argmax(probs, 2))).toEqual([1, 0, 0]);
    expect(Array.from(maxProb(probs, 2))).toEqual([Math.fround(0.9), Math.fround(0.6), 0.5]);
    expect(Array.from(argmax(new Float64Array([0.2, 0.3, 0.5, 0.4, 0.4, 0.2]), 3))).toEqual([2, 0]);
  });
  it('rejects a bad layout and NaN', () => {
    expect(() => argmax(new Float32Array(5), 2)).toThrow(/multiple of numClasses=2/);
    expect(() => argmax(new Float32Array(4), 1)).toThrow(/numClasses/);
    expect(() => argmax(new Float64Array([0.5, NaN]), 2)).toThrow(/NaN/);
  });
});

describe('accuracy', () => {
  it('counts argmax hits', () => {
    const probs = new Float32Array([0.1, 0.9, 0.6, 0.4, 0.5, 0.5]);
    expect(accuracy(probs, 2, [1, 1, 0])).toBeCloseTo(2 / 3, 12);
    expect(accuracy(probs, 2, new Int32Array([1, 0, 0]))).toBe(1);
    expect(Array.from(correctness(probs, 2, [1, 1, 0]))).toEqual([1, 0, 1]);
  });
  it('validates labels', () => {
    const probs = new Float32Array([0.1, 0.9, 0.6, 0.4]);
    expect(() => accuracy(probs, 2, [1])).toThrow(/expected 2/);
    expect(() => accuracy(probs, 2, [1, 2])).toThrow(/labels\[1\] = 2/);
    expect(() => accuracy(new Float32Array(0), 2, [])).toThrow(/no rows/);
  });
});

describe('agreement', () => {
  it('is the share of equal argmaxes', () => {
    const a = new Float32Array([0.9, 0.1, 0.2, 0.8, 0.6, 0.4]);
    const b = new Float32Array([0.7, 0.3, 0.4, 0.6, 0.3, 0.7]);
    expect(agreement(a, b, 2)).toBeCloseTo(2 / 3, 12);
    expect(agreement(a, a, 2)).toBe(1);
    expect(() => agreement(a, new Float32Array(4), 2)).toThrow(/same examples/);
  });
});
