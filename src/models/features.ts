import { Predictor, concat, withPredictor, gather, reshape, type TransformerEncoder } from '../engine/index.js';
import type { Tokenizer } from '../text/index.js';
import { lengthBatches, rowLengths, takeColumns } from './length-batches.js';

/**
 * The feature graph of an encoder, for batches of any length: the masked mean
 * of the final hidden states, the state of the first token after [CLS] (tasks
 * put the item in focus first), and the masked mean of the (MLM-tied) token
 * embeddings. Inputs ids and mask [batch, seq], pos (position ids 0..seq-1),
 * focus (flat index b * seq + 1 of each row's focus token); output [batch, 3d].
 */
export function featurePredictor(encoder: TransformerEncoder, theta: Float32Array, threads?: number): Promise<Predictor<TransformerEncoder>> {
  const d = encoder.config.dim;
  return Predictor.create(
    {
      module: encoder,
      inputs: {
        ids: { dtype: 'int64', shape: ['batch', 'seq'] },
        mask: { dtype: 'float32', shape: ['batch', 'seq'] },
        pos: { dtype: 'int64', shape: ['seq'] },
        focus: { dtype: 'int64', shape: ['batch'] },
      },
      forward: (ctx, { ids, mask, pos, focus }, m) => {
        const h = m.hidden(ctx, ids, mask, pos);
        const lexical = m.pooled(ctx, m.tokens.forward(ctx, ids), mask);
        return { features: concat([m.pooled(ctx, h, mask), gather(reshape(h, [-1, d]), focus), lexical], 1) };
      },
      runtime: { threads },
    },
    theta,
  );
}

/**
 * Frozen features of a pretrained encoder for each text, shape [n, 3d] (see
 * `featurePredictor`). Rows run in batches of similar length, each batch at
 * its longest real row, not padded to `maxLen`: padding is masked out of
 * attention and pooling, so the features equal the padded ones up to float
 * rounding (measured: at most 5e-7 apart under `l`), at a fraction of the cost.
 */
export async function encodeTexts(opts: {
  encoder: TransformerEncoder;
  theta: Float32Array;
  tokenizer: Tokenizer;
  texts: readonly string[];
  maxLen: number;
  threads?: number;
  batchSize?: number;
}): Promise<{ features: Float32Array; dim: number }> {
  const { maxLen } = opts;
  const dim = 3 * opts.encoder.config.dim;
  const { ids, mask } = opts.tokenizer.encodeBatch(opts.texts, maxLen);
  const ids64 = BigInt64Array.from(ids, (v) => BigInt(v));
  const features = new Float32Array(opts.texts.length * dim);
  const pos = BigInt64Array.from({ length: maxLen }, (_, t) => BigInt(t));
  await withPredictor(featurePredictor(opts.encoder, opts.theta, opts.threads), async (predictor) => {
    // minLength 2: the focus feature reads position 1.
    for (const batch of lengthBatches(rowLengths(mask, maxLen), { batchSize: opts.batchSize ?? 256, maxLen, multiple: 1, minLength: 2 })) {
      const T = batch.length;
      const B = batch.rows.length;
      const out = await predictor.run({
        ids: { data: takeColumns(ids64, maxLen, batch.rows, T, (n) => new BigInt64Array(n)), dims: [B, T] },
        mask: { data: takeColumns(mask, maxLen, batch.rows, T, (n) => new Float32Array(n)), dims: [B, T] },
        pos: { data: pos.subarray(0, T), dims: [T] },
        focus: { data: BigInt64Array.from({ length: B }, (_, b) => BigInt(b * T + 1)), dims: [B] },
      });
      const f = out.features.data as Float32Array;
      for (let b = 0; b < B; b++) features.set(f.subarray(b * dim, (b + 1) * dim), batch.rows[b] * dim);
    }
  });
  return { features, dim };
}
