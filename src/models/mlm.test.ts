import { describe, expect, it } from 'vitest';
import { CLS_ID, NUM_SPECIAL, PAD_ID, SEP_ID } from '../text/index.js';
import { Rng } from '../util/rng.js';
import { mlmBatch } from './mlm.js';

/** Rows of [CLS] tokens… [SEP] padded to maxLen, with `lengths` real positions each. */
function rows(lengths: number[], maxLen: number) {
  const ids = new Int32Array(lengths.length * maxLen).fill(PAD_ID);
  const mask = new Float32Array(lengths.length * maxLen);
  lengths.forEach((len, r) => {
    for (let t = 0; t < len; t++) ids[r * maxLen + t] = t === 0 ? CLS_ID : t === len - 1 ? SEP_ID : NUM_SPECIAL + ((r * 7 + t) % 40);
    mask.fill(1, r * maxLen, r * maxLen + len);
  });
  return { ids, mask };
}

describe('mlmBatch at the batch real length', () => {
  const maxLen = 24;
  const { ids, mask } = rows([5, 11, 3, 8], maxLen);
  const pick = Int32Array.of(3, 0, 1);

  it('draws the same masks as the padded batch, cut to seq columns with positions re-indexed', () => {
    const full = mlmBatch(ids, mask, maxLen, pick, 60, 0.3, new Rng(4));
    const cut = mlmBatch(ids, mask, maxLen, pick, 60, 0.3, new Rng(4), 11);
    expect(cut.seq).toBe(11);
    expect(Array.from(cut.targets)).toEqual(Array.from(full.targets));
    expect(Array.from(cut.positions)).toEqual(Array.from(full.positions, (p) => BigInt((Number(p) / maxLen | 0) * 11 + (Number(p) % maxLen))));
    for (let b = 0; b < 3; b++) {
      expect(Array.from(cut.ids.subarray(b * 11, (b + 1) * 11))).toEqual(Array.from(full.ids.subarray(b * maxLen, b * maxLen + 11)));
      expect(Array.from(cut.mask.subarray(b * 11, (b + 1) * 11))).toEqual(Array.from(full.mask.subarray(b * maxLen, b * maxLen + 11)));
    }
  });

  it('refuses a seq that would cut a real token', () => {
    expect(() => mlmBatch(ids, mask, maxLen, pick, 60, 0.3, new Rng(4), 10)).toThrow(/row 1 has a token at position 10, past seq 10/);
  });
});
