import {
  Trainer, TransformerEncoder, adamw, cosineLr, oneHot, softmaxCrossEntropy, type EncoderConfig,
} from '../engine/index.js';
import type { Tokenizer } from '../text/index.js';
import { deriveRng } from '../util/rng.js';
import type { LadderModel, TextConfig } from './ladder.js';
import { rowLengths } from './length-batches.js';
import { mlmBatch } from './mlm.js';

export interface PretrainProgress {
  step: number;
  steps: number;
  loss: number;
  elapsedSeconds: number;
}

export interface PretrainResult {
  encoder: TransformerEncoder;
  theta: Float32Array;
  losses: number[];
  seconds: number;
}

export function encoderConfig(model: LadderModel, tokenizer: Tokenizer, text: TextConfig): EncoderConfig {
  return { ...model.encoder, vocabSize: tokenizer.vocabSize, maxLen: text.maxLen };
}

/** The inputs of an MLM batch (mlmBatch builds their values): token rows at the batch's length and the masked positions. */
export const MLM_INPUTS = {
  ids: { dtype: 'int64', shape: ['batch', 'seq'] },
  mask: { dtype: 'float32', shape: ['batch', 'seq'] },
  seqPositions: { dtype: 'int64', shape: ['seq'] },
  positions: { dtype: 'int64', shape: ['masked'] },
} as const;

/** Masked-language-model pretraining of a ladder model on unlabeled texts. */
export async function pretrainEncoder(opts: {
  model: LadderModel;
  tokenizer: Tokenizer;
  texts: readonly string[];
  text: TextConfig;
  seed: number;
  threads?: number;
  steps?: number;
  /** Weights to start from (continued pretraining), in the encoder's layout; default a fresh init from `seed`. */
  init?: Float32Array;
  onProgress?: (p: PretrainProgress) => void;
}): Promise<PretrainResult> {
  const { model, tokenizer, text } = opts;
  if (opts.texts.length === 0) throw new Error('pretraining needs at least one text');
  const cfg = model.pretrain;
  const steps = opts.steps ?? cfg.steps;
  const encoder = new TransformerEncoder(encoderConfig(model, tokenizer, text));
  const V = tokenizer.vocabSize;
  const T = text.maxLen;
  const trainer = await Trainer.create({
    module: encoder,
    // One graph for every batch length: each batch runs at its longest real row, not padded to T.
    inputs: { ...MLM_INPUTS, targets: { dtype: 'int64', shape: ['masked'] } },
    loss: (ctx, { ids, mask, seqPositions, positions, targets }, m) => {
      const logits = m.tiedLogits(ctx, m.hidden(ctx, ids, mask, seqPositions), positions);
      return softmaxCrossEntropy(logits, oneHot(targets, V));
    },
    optimizer: adamw({ weightDecay: 0.01 }),
    clipNorm: 1,
    seed: opts.seed,
    theta: opts.init,
    runtime: { threads: opts.threads },
  });
  const { ids, mask } = tokenizer.encodeBatch(opts.texts, T);
  const lengths = rowLengths(mask, T);
  const seqIds = BigInt64Array.from({ length: T }, (_, t) => BigInt(t));
  const rng = deriveRng(opts.seed, 'mlm', model.name);
  const schedule = cosineLr(cfg.lr, { warmup: 0.1, minRatio: 0.1 });
  const losses: number[] = [];
  const t0 = performance.now();
  const n = opts.texts.length;
  let order = rng.permutation(n);
  let cursor = 0;
  for (let step = 0; step < steps; step++) {
    if (cursor + cfg.batchSize > n) {
      order = rng.permutation(n);
      cursor = 0;
    }
    const rows = order.subarray(cursor, Math.min(n, cursor + cfg.batchSize));
    cursor += cfg.batchSize;
    let seq = 2;
    for (const row of rows) seq = Math.max(seq, lengths[row]);
    const b = mlmBatch(ids, mask, T, rows, V, cfg.maskRate, rng, seq);
    if (b.masked === 0) continue;
    const r = await trainer.step(
      {
        ids: { data: b.ids, dims: [b.rows, seq] },
        mask: { data: b.mask, dims: [b.rows, seq] },
        seqPositions: { data: seqIds.subarray(0, seq), dims: [seq] },
        positions: { data: b.positions, dims: [b.masked] },
        targets: { data: b.targets, dims: [b.masked] },
      },
      schedule(step, steps),
    );
    losses.push(r.loss);
    opts.onProgress?.({ step: step + 1, steps, loss: r.loss, elapsedSeconds: (performance.now() - t0) / 1000 });
  }
  return { encoder, theta: trainer.getParams(), losses, seconds: (performance.now() - t0) / 1000 };
}
