/** Masked-language-model loss of an encoder on held-out texts, with a fixed masking: comparable across rungs. */
import { Predictor, TransformerEncoder, type EncoderConfig } from '../../engine/index.js';
import { NUM_SPECIAL, type Tokenizer } from '../../text/index.js';
import { deriveRng } from '../../util/rng.js';
import { rowLengths } from '../length-batches.js';
import { mlmBatch } from '../mlm.js';
import { MLM_INPUTS } from '../pretrain.js';

export interface MlmEval {
  /** Mean cross-entropy (nats) per masked token. */
  loss: number;
  /** The same tokens under the training corpus's unigram distribution (add-one smoothed): what knowing no context gives. */
  unigramLoss: number;
  masked: number;
}

/**
 * Held-out MLM loss: the same BERT masking as pretraining, drawn from `seed`
 * alone, so every rung is scored on the same masked tokens. `unigramCounts`
 * (token counts of the training text) gives the no-context reference.
 */
export async function heldoutMlmLoss(o: {
  config: EncoderConfig;
  theta: Float32Array;
  tokenizer: Tokenizer;
  texts: readonly string[];
  unigramCounts: Float64Array;
  seed: number;
  maskRate?: number;
  batchSize?: number;
  threads?: number;
}): Promise<MlmEval> {
  const T = o.config.maxLen;
  const V = o.config.vocabSize;
  const encoder = new TransformerEncoder(o.config);
  const predictor = await Predictor.create(
    {
      module: encoder,
      inputs: MLM_INPUTS,
      forward: (ctx, { ids, mask, seqPositions, positions }, m) => ({ logits: m.tiedLogits(ctx, m.hidden(ctx, ids, mask, seqPositions), positions) }),
      runtime: { threads: o.threads },
    },
    o.theta,
  );
  const { ids, mask } = o.tokenizer.encodeBatch(o.texts, T);
  const lengths = rowLengths(mask, T);
  const seqIds = BigInt64Array.from({ length: T }, (_, t) => BigInt(t));
  const rng = deriveRng(o.seed, 'mlm-heldout');
  const logUnigram = unigramLogProbs(o.unigramCounts);
  const B = o.batchSize ?? 64;
  let total = 0, uni = 0, masked = 0;
  for (let start = 0; start < o.texts.length; start += B) {
    const rows = Int32Array.from({ length: Math.min(B, o.texts.length - start) }, (_, i) => start + i);
    let seq = 2;
    for (const r of rows) seq = Math.max(seq, lengths[r]);
    const b = mlmBatch(ids, mask, T, rows, V, o.maskRate ?? 0.15, rng, seq);
    if (b.masked === 0) continue;
    const out = await predictor.run({
      ids: { data: b.ids, dims: [b.rows, seq] },
      mask: { data: b.mask, dims: [b.rows, seq] },
      seqPositions: { data: seqIds.subarray(0, seq), dims: [seq] },
      positions: { data: b.positions, dims: [b.masked] },
    });
    const logits = out.logits.data as Float32Array;
    for (let i = 0; i < b.masked; i++) {
      const row = logits.subarray(i * V, (i + 1) * V);
      let max = -Infinity;
      for (let v = 0; v < V; v++) if (row[v] > max) max = row[v];
      let z = 0;
      for (let v = 0; v < V; v++) z += Math.exp(row[v] - max);
      const target = Number(b.targets[i]);
      total += Math.log(z) + max - row[target];
      uni -= logUnigram[target];
    }
    masked += b.masked;
  }
  if (masked === 0) throw new Error('heldoutMlmLoss: no token was masked; give more or longer texts');
  return { loss: total / masked, unigramLoss: uni / masked, masked };
}

/** Token counts of texts under a tokenizer (real tokens only, specials not counted). */
export function unigramCounts(tokenizer: Tokenizer, texts: readonly string[], maxLen: number): Float64Array {
  const counts = new Float64Array(tokenizer.vocabSize);
  const { ids, mask } = tokenizer.encodeBatch(texts, maxLen);
  for (let i = 0; i < ids.length; i++) if (mask[i] > 0 && ids[i] >= NUM_SPECIAL) counts[ids[i]]++;
  return counts;
}

function unigramLogProbs(counts: Float64Array): Float64Array {
  let sum = 0;
  for (const c of counts) sum += c + 1;
  return Float64Array.from(counts, (c) => Math.log((c + 1) / sum));
}
