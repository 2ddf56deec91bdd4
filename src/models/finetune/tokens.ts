import type { HostTensor } from '../../engine/index.js';
import { lengthOrder, rowLengths as maskLengths } from '../length-batches.js';

/**
 * Tokenised texts as the tokenizer lays them out: `n` rows of `maxLen` ids,
 * [CLS] tokens… [SEP] then padding, and a mask that is 1 on the real prefix.
 */
export interface TokenRows {
  ids: Int32Array;
  mask: Float32Array;
  maxLen: number;
}

/** The inputs of one encoder batch at its real length. */
export interface TokenBatch {
  ids: HostTensor;
  mask: HostTensor;
  /** Position ids 0..seq-1 (int64 [seq]). */
  positions: HostTensor;
  /** Flat index of each row's focus token (position 1, the first after [CLS]) in [rows * seq] (int64 [rows]). */
  focus: HostTensor;
  seq: number;
}

export function rowCount(t: TokenRows): number {
  const n = t.ids.length / t.maxLen;
  if (!Number.isInteger(n) || t.mask.length !== t.ids.length) {
    throw new Error(`token rows: ${t.ids.length} ids and ${t.mask.length} mask values do not form rows of maxLen ${t.maxLen}`);
  }
  return n;
}

/** Real length of every row (the end of its unmasked prefix). */
export function rowLengths(t: TokenRows): Int32Array {
  rowCount(t);
  return maskLengths(t.mask, t.maxLen);
}

/**
 * The listed rows as one batch cut to the longest real row among them (at
 * least 2, so the focus position exists): padding past it changes nothing
 * the encoder computes, and costs time.
 */
export function tokenBatch(t: TokenRows, rows: ArrayLike<number>, lengths: Int32Array): TokenBatch {
  let seq = 2;
  for (let i = 0; i < rows.length; i++) seq = Math.max(seq, lengths[rows[i]]);
  seq = Math.min(seq, t.maxLen);
  const B = rows.length;
  const ids = new BigInt64Array(B * seq);
  const mask = new Float32Array(B * seq);
  const focus = new BigInt64Array(B);
  for (let i = 0; i < B; i++) {
    const src = rows[i] * t.maxLen;
    for (let j = 0; j < seq; j++) {
      ids[i * seq + j] = BigInt(t.ids[src + j]);
      mask[i * seq + j] = t.mask[src + j];
    }
    focus[i] = BigInt(i * seq + 1);
  }
  const positions = BigInt64Array.from({ length: seq }, (_, j) => BigInt(j));
  return {
    ids: { data: ids, dims: [B, seq] },
    mask: { data: mask, dims: [B, seq] },
    positions: { data: positions, dims: [seq] },
    focus: { data: focus, dims: [B] },
    seq,
  };
}

/** The listed rows of token rows, in that order (a copy; an HF tokenizer's token-type ids come along). */
export function takeTokenRows<T extends TokenRows & { typeIds?: Int32Array }>(t: T, rows: ArrayLike<number>): T {
  const L = t.maxLen;
  const take = <A extends Int32Array | Float32Array>(a: A): A => {
    const out = new (a.constructor as new (n: number) => A)(rows.length * L);
    for (let i = 0; i < rows.length; i++) out.set(a.subarray(rows[i] * L, (rows[i] + 1) * L), i * L);
    return out;
  };
  return { ...t, ids: take(t.ids), mask: take(t.mask), ...(t.typeIds ? { typeIds: take(t.typeIds) } : {}) };
}

export { lengthOrder };
