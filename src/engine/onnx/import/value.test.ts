import { describe, expect, it } from 'vitest';
import { broadcastKnown, dimArith } from './value.js';

describe('shape values the importer follows', () => {
  it('arithmetic on dimension names: identities, products, and a name minus itself', () => {
    expect(dimArith('Mul', 'batch', 'seq')).toBe('batch*seq');
    expect(dimArith('Mul', 'seq', 1)).toBe('seq');
    expect(dimArith('Sub', 'seq', 'seq')).toBe(0);
    expect(dimArith('Div', 'seq', 'seq')).toBe(1);
    expect(dimArith('Add', 'seq', 0)).toBe('seq');
    expect(dimArith('Add', 'seq', 1)).toBeUndefined();
    expect(dimArith('Div', 7, 2)).toBe(3);
    expect(dimArith('Div', 7, 0)).toBeUndefined();
  });

  it('broadcasts known tensors like numpy, and gives up on shapes that do not broadcast', () => {
    const r = broadcastKnown([{ shape: [2, 1], values: [1, 2] }, { shape: [3], values: [10, 20, 30] }], ([a, b]) => dimArith('Mul', a, b));
    expect(r).toEqual({ shape: [2, 3], values: [10, 20, 30, 20, 40, 60] });
    expect(broadcastKnown([{ shape: [2], values: [1, 2] }, { shape: [3], values: [1, 2, 3] }], ([a]) => a)).toBeUndefined();
  });
});
