import { Predictor, concat, reshape, slice, type TransformerEncoder } from '../engine/index.js';
import type { Tokenizer } from '../text/index.js';

/**
 * Frozen features of a pretrained encoder for each text: the masked mean of
 * the final hidden states, the state of the first token after [CLS] (tasks
 * put the item in focus first), and the masked mean of the (MLM-tied) token
 * embeddings. Shape [n, 3d].
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
  const { encoder, tokenizer, maxLen } = opts;
  const d = encoder.config.dim;
  const predictor = await Predictor.create(
    {
      module: encoder,
      inputs: { ids: { dtype: 'int64', shape: ['batch', maxLen] }, mask: { dtype: 'float32', shape: ['batch', maxLen] } },
      forward: (ctx, { ids, mask }, m) => {
        const h = m.hidden(ctx, ids, mask);
        const focus = reshape(slice(h, [1], [2], [1]), [0, d]);
        const lexical = m.pooled(ctx, m.tokens.forward(ctx, ids), mask);
        return { features: concat([m.pooled(ctx, h, mask), focus, lexical], 1) };
      },
      runtime: { threads: opts.threads },
    },
    opts.theta,
  );
  const { ids, mask } = tokenizer.encodeBatch(opts.texts, maxLen);
  const n = opts.texts.length;
  const out = await predictor.runBatched(
    { ids: { data: BigInt64Array.from(ids, (v) => BigInt(v)), dims: [n, maxLen] }, mask: { data: mask, dims: [n, maxLen] } },
    opts.batchSize ?? 256,
  );
  return { features: out.features.data as Float32Array, dim: 3 * d };
}
