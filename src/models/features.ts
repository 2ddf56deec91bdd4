import { Predictor, concat, reshape, slice, type TransformerEncoder } from '../engine/index.js';
import type { Tokenizer } from '../text/index.js';
import { lengthBatches, rowLengths, takeColumns } from './length-batches.js';

/**
 * The feature graph of an encoder at sequence length `length`: the masked
 * mean of the final hidden states, the state of the first token after [CLS]
 * (tasks put the item in focus first), and the masked mean of the (MLM-tied)
 * token embeddings. Output [batch, 3d].
 */
export function featurePredictor(encoder: TransformerEncoder, theta: Float32Array, length: number, threads?: number): Promise<Predictor<TransformerEncoder>> {
  const d = encoder.config.dim;
  return Predictor.create(
    {
      module: encoder,
      inputs: { ids: { dtype: 'int64', shape: ['batch', length] }, mask: { dtype: 'float32', shape: ['batch', length] } },
      forward: (ctx, { ids, mask }, m) => {
        const h = m.hidden(ctx, ids, mask);
        const focus = reshape(slice(h, [1], [2], [1]), [0, d]);
        const lexical = m.pooled(ctx, m.tokens.forward(ctx, ids), mask);
        return { features: concat([m.pooled(ctx, h, mask), focus, lexical], 1) };
      },
      runtime: { threads },
    },
    theta,
  );
}

/**
 * Frozen features of a pretrained encoder for each text, shape [n, 3d] (see
 * `featurePredictor`). Rows run in batches of similar length, each batch at
 * its longest real length (rounded up to a multiple of 8), not padded to
 * `maxLen`: padding is masked out of attention and pooling, so the features
 * equal the padded ones up to float rounding, at a fraction of the cost.
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
  const { encoder, maxLen } = opts;
  const dim = 3 * encoder.config.dim;
  const { ids, mask } = opts.tokenizer.encodeBatch(opts.texts, maxLen);
  const ids64 = BigInt64Array.from(ids, (v) => BigInt(v));
  const features = new Float32Array(opts.texts.length * dim);
  const predictors = new Map<number, Promise<Predictor<TransformerEncoder>>>();
  // minLength 2: the focus feature reads position 1.
  for (const batch of lengthBatches(rowLengths(mask, maxLen), { batchSize: opts.batchSize ?? 256, maxLen, minLength: 2 })) {
    const T = batch.length;
    if (!predictors.has(T)) predictors.set(T, featurePredictor(encoder, opts.theta, T, opts.threads));
    const predictor = await predictors.get(T)!;
    const B = batch.rows.length;
    const out = await predictor.run({
      ids: { data: takeColumns(ids64, maxLen, batch.rows, T, (n) => new BigInt64Array(n)), dims: [B, T] },
      mask: { data: takeColumns(mask, maxLen, batch.rows, T, (n) => new Float32Array(n)), dims: [B, T] },
    });
    const f = out.features.data as Float32Array;
    for (let b = 0; b < B; b++) features.set(f.subarray(b * dim, (b + 1) * dim), batch.rows[b] * dim);
  }
  return { features, dim };
}
