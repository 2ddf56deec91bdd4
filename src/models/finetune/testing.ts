/** Test fixtures: a tiny encoder config and an order task that frozen features cannot see. */
import { ParamLayout, TransformerEncoder, type EncoderConfig } from '../../engine/index.js';
import { CLS_ID, NUM_SPECIAL, PAD_ID, SEP_ID } from '../../text/index.js';
import { Rng } from '../../util/rng.js';
import type { TokenRows } from './tokens.js';

export const TINY: EncoderConfig = { vocabSize: NUM_SPECIAL + 12, maxLen: 12, dim: 16, heads: 2, layers: 2, ffDim: 32 };

export function randomBase(config: EncoderConfig, seed: number): Float32Array {
  return new ParamLayout(new TransformerEncoder(config)).initialize(new Rng(seed));
}

/**
 * A random encoder whose position embeddings are zero: it has never learned
 * positions, so its frozen features are the same for any order of a bag of
 * tokens (attention without positions is permutation-equivariant).
 */
export function orderBlindBase(config: EncoderConfig, seed: number): Float32Array {
  const layout = new ParamLayout(new TransformerEncoder(config));
  const theta = layout.initialize(new Rng(seed));
  const pos = layout.entries.find((e) => e.name === 'pos.weight')!;
  theta.fill(0, pos.offset, pos.offset + pos.size);
  return theta;
}

/**
 * Every row holds the same bag of tokens — a fixed first token, two markers A
 * and B once each, filler — in a random order and a random length; the label
 * is whether A comes before B. A bag of embeddings cannot tell the classes
 * apart; a model that learns to use positions can.
 */
export function orderTask(n: number, seed: number, maxLen = TINY.maxLen): { tokens: TokenRows; labels: Int32Array; targets: Float32Array } {
  const rng = new Rng(seed);
  const A = NUM_SPECIAL;
  const B = NUM_SPECIAL + 1;
  const FIRST = NUM_SPECIAL + 2;
  const ids = new Int32Array(n * maxLen).fill(PAD_ID);
  const mask = new Float32Array(n * maxLen);
  const labels = new Int32Array(n);
  const targets = new Float32Array(n * 2);
  for (let r = 0; r < n; r++) {
    const body = 4 + rng.int(maxLen - 2 - 4 + 1); // 4..maxLen-2 tokens between [CLS] and [SEP]
    const rest = Array.from({ length: body - 1 }, () => NUM_SPECIAL + 3 + rng.int(2));
    const i = rng.int(rest.length);
    let j = rng.int(rest.length - 1);
    if (j >= i) j++;
    rest[i] = A;
    rest[j] = B;
    const row = [CLS_ID, FIRST, ...rest, SEP_ID];
    ids.set(row, r * maxLen);
    mask.fill(1, r * maxLen, r * maxLen + row.length);
    labels[r] = i < j ? 1 : 0;
    targets[2 * r + labels[r]] = 1;
  }
  return { tokens: { ids, mask, maxLen }, labels, targets };
}

export function accuracy(probs: Float32Array, labels: Int32Array, k = 2): number {
  let right = 0;
  for (let i = 0; i < labels.length; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (probs[i * k + c] > probs[i * k + best]) best = c;
    right += best === labels[i] ? 1 : 0;
  }
  return right / labels.length;
}
