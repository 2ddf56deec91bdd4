// Mini-batching: every row once per epoch, the remainder kept, a seeded order.
import { describe, expect, it } from 'vitest';
import { Rng } from '../../util/rng.js';
import { batchesPerEpoch, epochBatches, gatherRows, type Feeds } from '../index.js';

/** 10 rows: x[i] = [i, 100 + i] (float32), ids[i] = [i, -i] (int64); rows stay aligned across inputs. */
function data(n = 10): Feeds {
  return {
    x: { data: Float32Array.from({ length: 2 * n }, (_, k) => (k % 2 === 0 ? k / 2 : 100 + (k - 1) / 2)), dims: [n, 2] },
    ids: { data: BigInt64Array.from({ length: 2 * n }, (_, k) => BigInt(k % 2 === 0 ? k / 2 : -(k - 1) / 2)), dims: [n, 2] },
  };
}

function rowsOf(b: Feeds): number[] {
  const x = b.x.data as Float32Array;
  const ids = b.ids.data as BigInt64Array;
  const rows: number[] = [];
  for (let i = 0; i < b.x.dims[0]; i++) {
    expect(x[2 * i + 1]).toBe(100 + x[2 * i]);
    expect(ids[2 * i]).toBe(BigInt(x[2 * i]));
    expect(ids[2 * i + 1]).toBe(-BigInt(x[2 * i]));
    rows.push(x[2 * i]);
  }
  return rows;
}

describe('epochBatches', () => {
  it('keeps the last partial batch: 10 rows in batches of 4 are 4, 4, 2', () => {
    const batches = [...epochBatches(data(), 4, new Rng(1))];
    expect(batches.map((b) => b.x.dims)).toEqual([[4, 2], [4, 2], [2, 2]]);
    expect(batches.map((b) => b.ids.dims[0])).toEqual([4, 4, 2]);
    expect(batchesPerEpoch(10, 4)).toBe(3);
  });

  it('visits every row exactly once per epoch, in a shuffled order', () => {
    const order = [...epochBatches(data(), 4, new Rng(1))].flatMap(rowsOf);
    expect([...order].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(order).not.toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('the order is reproducible from the seed, differs between seeds, and is sequential without a generator', () => {
    const run = (rng: Rng | null) => [...epochBatches(data(), 3, rng)].flatMap(rowsOf);
    expect(run(new Rng(5))).toEqual(run(new Rng(5)));
    expect(run(new Rng(5))).not.toEqual(run(new Rng(6)));
    expect(run(null)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('dropLast drops the remainder', () => {
    const batches = [...epochBatches(data(), 4, new Rng(1), true)];
    expect(batches.map((b) => b.x.dims[0])).toEqual([4, 4]);
    expect(batchesPerEpoch(10, 4, true)).toBe(2);
    expect([...epochBatches(data(), 5, null, true)].length).toBe(2);
  });

  it('rejects a batch size below 1 and inputs that disagree on the number of rows', () => {
    expect(() => [...epochBatches(data(), 0, null)]).toThrow(/batch size must be >= 1/);
    const bad = { ...data(10), y: { data: new Float32Array(9), dims: [9] } };
    expect(() => [...epochBatches(bad, 4, null)]).toThrow(/disagree on the number of rows/);
  });

  it('gatherRows copies the requested rows, so the batch does not alias the data', () => {
    const d = data(4);
    const b = gatherRows(d, [3, 1]);
    expect(rowsOf(b)).toEqual([3, 1]);
    (b.x.data as Float32Array)[0] = -1;
    expect((d.x.data as Float32Array)[6]).toBe(3);
  });
});
