import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataError } from '../data/index.js';
import { caught, safetensorsBytes, tempDir, writeNpy, writeText } from '../data/fixtures.js';
import { otherModelFeatures } from './features.js';

const dir = tempDir('w2s-features-');

describe('otherModelFeatures (--weak-features)', () => {
  it('takes the rows of the examples, in the data file order', () => {
    const p = writeNpy(join(dir, 'w.npy'), '<f4', [3, 2], [1, 2, 3, 4, 5, 6]);
    const f = otherModelFeatures(p, 2, 3);
    expect(f.dim).toBe(2);
    expect(Array.from(f.features)).toEqual([1, 2, 3, 4]);
  });

  it('refuses a matrix whose rows do not line up with the data file, as a DataError with the fix', async () => {
    const p = writeNpy(join(dir, 'w4.npy'), '<f4', [4, 1], [1, 2, 3, 4]);
    const short = await caught(() => otherModelFeatures(p, 5));
    expect(short).toBeInstanceOf(DataError);
    expect(short.message).toMatch(/w4\.npy: 4 rows of features for 5 examples; it must hold one row per example of the data file/);
    expect((await caught(() => otherModelFeatures(p, 3, 3))).message).toMatch(/4 rows of features for 3 examples/);
  });

  it('names NaN cells, wrong ranks, damaged files and a missing path', async () => {
    const nan = writeNpy(join(dir, 'nan.npy'), '<f4', [2, 2], [1, 2, NaN, 4]);
    expect((await caught(() => otherModelFeatures(nan, 2))).message).toMatch(/row 1, column 0: NaN is not a finite number/);
    const flat = writeNpy(join(dir, 'flat.npy'), '<f4', [2], [1, 2]);
    expect((await caught(() => otherModelFeatures(flat, 2))).message).toMatch(/must be a 2-D \[rows, dim\] matrix/);
    const overlap = writeText(dir, 'o.safetensors', safetensorsBytes({ features: { dtype: 'F32', shape: [1, 1], data: [1] } }).slice(0, -2));
    expect(await caught(() => otherModelFeatures(overlap, 1))).toBeInstanceOf(DataError);
    expect((await caught(() => otherModelFeatures(join(dir, 'none.npy'), 1))).message).toMatch(/file not found; check the path \(--weak-features\)/);
  });
});
