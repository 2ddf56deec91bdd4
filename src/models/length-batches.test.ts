import { describe, expect, it } from 'vitest';
import { lengthBatches, rowLengths, takeColumns } from './length-batches.js';

describe('rowLengths', () => {
  it('counts each row up to its last real token', () => {
    expect(Array.from(rowLengths(Float32Array.of(1, 1, 0, 0, 1, 1, 1, 1, 1, 0, 0, 0), 4))).toEqual([2, 4, 1]);
  });
});

describe('lengthBatches', () => {
  const lengths = Int32Array.of(30, 3, 12, 64, 5, 9, 3);

  it('puts every row in exactly one batch, shortest rows together', () => {
    const b = lengthBatches(lengths, { batchSize: 3, maxLen: 64 });
    expect(b.map((x) => Array.from(x.rows))).toEqual([[1, 6, 4], [5, 2, 0], [3]]);
  });

  it('runs each batch at its longest row rounded up to the multiple, capped at maxLen and floored at minLength', () => {
    expect(lengthBatches(lengths, { batchSize: 3, maxLen: 64 }).map((x) => x.length)).toEqual([8, 32, 64]);
    expect(lengthBatches(lengths, { batchSize: 3, maxLen: 60, multiple: 1 }).map((x) => x.length)).toEqual([5, 30, 60]);
    expect(lengthBatches(Int32Array.of(1, 1), { batchSize: 8, maxLen: 64, multiple: 1, minLength: 2 })[0].length).toBe(2);
  });

  it('rejects a batch size that is not a positive integer', () => {
    expect(() => lengthBatches(lengths, { batchSize: 0, maxLen: 64 })).toThrow(/positive integer/);
  });
});

describe('takeColumns', () => {
  it('gathers rows cut to their first columns', () => {
    const m = Float32Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9);
    expect(Array.from(takeColumns(m, 3, Int32Array.of(2, 0), 2, (n) => new Float32Array(n)))).toEqual([7, 8, 1, 2]);
  });
});
