import { CLS_ID, MASK_ID, NUM_SPECIAL, PAD_ID, SEP_ID } from '../text/index.js';
import type { Rng } from '../util/rng.js';

export interface MlmBatch {
  ids: BigInt64Array;
  mask: Float32Array;
  positions: BigInt64Array;
  /** Token id to predict at each position (int64, [masked]). */
  targets: BigInt64Array;
  rows: number;
  /** Positions per row. */
  seq: number;
  masked: number;
}

/**
 * A masked-language-model batch (BERT's recipe): of the real tokens, a share
 * `rate` is chosen for prediction; of those 80% become [MASK], 10% a random
 * token, 10% stay. Rows are cut to their first `seq` positions (default
 * maxLen; at least the longest real row, so no token is lost) and `positions`
 * index the flattened [rows, seq] batch. The draws do not depend on `seq`.
 */
export function mlmBatch(allIds: Int32Array, allMask: Float32Array, maxLen: number, rows: ArrayLike<number>, vocabSize: number, rate: number, rng: Rng, seq = maxLen): MlmBatch {
  const B = rows.length;
  const ids = new BigInt64Array(B * seq);
  const mask = new Float32Array(B * seq);
  const positions: number[] = [];
  const targets: number[] = [];
  for (let b = 0; b < B; b++) {
    const src = rows[b] * maxLen;
    const candidates: number[] = [];
    for (let t = 0; t < maxLen; t++) {
      const id = allIds[src + t];
      if (t >= seq) {
        if (allMask[src + t] !== 0) throw new Error(`mlmBatch: row ${rows[b]} has a token at position ${t}, past seq ${seq}; seq must cover the longest row`);
        continue;
      }
      ids[b * seq + t] = BigInt(id);
      mask[b * seq + t] = allMask[src + t];
      if (id !== PAD_ID && id !== CLS_ID && id !== SEP_ID) candidates.push(t);
    }
    for (const t of candidates) {
      if (rng.next() >= rate) continue;
      const p = b * seq + t;
      positions.push(p);
      targets.push(allIds[src + t]);
      const r = rng.next();
      if (r < 0.8) ids[p] = BigInt(MASK_ID);
      else if (r < 0.9) ids[p] = BigInt(NUM_SPECIAL + rng.int(vocabSize - NUM_SPECIAL));
    }
    if (candidates.length > 0 && positions.length === 0 && b === B - 1) {
      // Guarantee at least one prediction per batch.
      const t = candidates[0];
      positions.push(b * seq + t);
      targets.push(allIds[src + t]);
      ids[b * seq + t] = BigInt(MASK_ID);
    }
  }
  const toI64 = (a: number[]) => BigInt64Array.from(a, (v) => BigInt(v));
  return { ids, mask, positions: toI64(positions), targets: toI64(targets), rows: B, seq, masked: positions.length };
}
