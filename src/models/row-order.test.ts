import { describe, expect, it } from 'vitest';
import { Rng } from '../util/rng.js';
import { contentOrder, rowBytes } from './row-order.js';

// Rows of 3 floats; rows 2 and 5 share an input and differ in target.
const inputs = Float32Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 6, 7, 8]);
const targets = Float32Array.from([0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0]);
const n = 6;
const orderOf = (x: Float32Array, t: Float32Array) => contentOrder(n, (i) => [rowBytes(x, 3, i)], (i) => [rowBytes(t, 2, i)]);
/** The rows, as strings of input and target, in the order contentOrder puts them. */
const sequence = (x: Float32Array, t: Float32Array) => Array.from(orderOf(x, t), (i) => `${x.subarray(i * 3, i * 3 + 3).join(',')}|${t.subarray(i * 2, i * 2 + 2).join(',')}`);
const permute = (a: Float32Array, width: number, p: ArrayLike<number>) => Float32Array.from(Array.from(p).flatMap((i) => Array.from(a.subarray(i * width, (i + 1) * width))));

describe('contentOrder', () => {
  it('puts the same rows in the same sequence whatever order they arrive in', () => {
    const want = sequence(inputs, targets);
    expect(new Set(orderOf(inputs, targets)).size).toBe(n);
    const rng = new Rng(1);
    for (let k = 0; k < 5; k++) {
      const p = rng.permutation(n);
      expect(sequence(permute(inputs, 3, p), permute(targets, 2, p))).toEqual(want);
    }
  });

  it('orders distinct inputs by the input alone: new targets do not move them', () => {
    const flipped = targets.map((v) => 1 - v);
    const distinct = (x: Float32Array, t: Float32Array) => Array.from(orderOf(x, t)).filter((i) => i !== 2 && i !== 5);
    expect(distinct(inputs, flipped)).toEqual(distinct(inputs, targets));
  });

  it('breaks a tie between equal inputs by the target, then by index', () => {
    const order = Array.from(orderOf(inputs, targets));
    const swapped = targets.slice();
    swapped.set(targets.subarray(10, 12), 4);
    swapped.set(targets.subarray(4, 6), 10);
    const after = Array.from(orderOf(inputs, swapped));
    expect(after.indexOf(2) < after.indexOf(5)).toBe(!(order.indexOf(2) < order.indexOf(5)));
    const same = contentOrder(3, () => [new Uint8Array([7])]);
    expect(Array.from(same)).toEqual([0, 1, 2]);
  });
});
