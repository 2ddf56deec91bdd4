import { readFileSync } from 'node:fs';
import { adamw, decodeModel, exportOnnx, linearLr, Predictor, softmax, softmaxCrossEntropy, Trainer, withPredictor, type Feeds, type PredictorSpec, type RuntimeOptions } from '../../engine/index.js';
import { deriveRng } from '../../util/rng.js';
import { HfClassifier, POOL_INPUT } from './classifier.js';
import { resolveHfFolder } from './folder.js';
import { maxLenOf } from './encoder.js';
import { poolingWeights } from './pooling.js';
import type { HfSpec } from './spec.js';
import { HfTokenizer, type TokenBatch } from './tokenize.js';

export interface HfFinetuneConfig {
  /** Train the top k transformer layers (and what follows them) with the head, or 'all'. */
  trainLayers: number | 'all';
  epochs: number;
  batchSize: number;
  /** Peak learning rate (linear decay after a 10% warm-up). */
  lr: number;
  weightDecay: number;
  seed: number;
}

export const DEFAULT_HF_FINETUNE: HfFinetuneConfig = { trainLayers: 1, epochs: 3, batchSize: 16, lr: 5e-4, weightDecay: 0.01, seed: 0 };

export interface FinetuneStep {
  step: number;
  loss: number;
}

/** A fine-tuned HF encoder with its head: predictions on new texts and a standalone ONNX export. */
export class FinetunedHf {
  constructor(
    private readonly clf: HfClassifier,
    private readonly tokenizer: HfTokenizer,
    private readonly pooling: HfSpec['pooling'],
    readonly theta: Float32Array,
    readonly losses: readonly number[],
    private readonly runtime?: RuntimeOptions,
  ) {}

  private spec(): PredictorSpec<HfClassifier> {
    return { module: this.clf, inputs: this.clf.inputSpecs(), forward: (ctx, x, m) => ({ probs: softmax(m.forward(ctx, x), -1) }), runtime: this.runtime };
  }

  /** Class probabilities [n, K], batched by length like feature extraction. */
  async predict(texts: readonly string[], batchSize = 32): Promise<Float32Array> {
    const k = this.clf.opts.numClasses;
    const encoded = texts.map((t) => this.tokenizer.encode(t));
    const order = [...texts.keys()].sort((a, b) => encoded[a].ids.length - encoded[b].ids.length || a - b);
    const out = new Float32Array(texts.length * k);
    await withPredictor(Predictor.create(this.spec(), this.theta), async (predictor) => {
      for (let s = 0; s < order.length; s += batchSize) {
        const rows = order.slice(s, s + batchSize);
        const probs = (await predictor.run(modelFeeds(this.tokenizer.pad(rows.map((i) => encoded[i])), this.pooling))).probs.data as Float32Array;
        rows.forEach((i, r) => out.set(probs.subarray(r * k, (r + 1) * k), i * k));
      }
    });
    return out;
  }

  /** Writes the fine-tuned model (encoder, pooling and head, weights baked in) as one .onnx file. */
  export(path: string): void {
    exportOnnx(path, this.spec(), this.theta);
  }
}

/**
 * Fine-tunes an HF encoder (imported into the engine) with a linear head on
 * soft targets [n, K] — a weak supervisor's labels — by cross-entropy, with
 * AdamW and seeded shuffling; batches are padded to their longest text.
 */
export async function finetuneHf(opts: {
  spec: HfSpec;
  texts: readonly string[];
  targets: Float32Array;
  numClasses: number;
  config?: Partial<HfFinetuneConfig>;
  runtime?: RuntimeOptions;
  onStep?: (s: FinetuneStep) => void;
}): Promise<FinetunedHf> {
  const cfg = { ...DEFAULT_HF_FINETUNE, ...opts.config };
  const k = opts.numClasses;
  const n = opts.texts.length;
  if (n === 0) throw new Error('finetuneHf: no training texts');
  if (opts.targets.length !== n * k) throw new Error(`finetuneHf: ${opts.targets.length} target values for ${n} texts and ${k} classes; give one probability row per text`);
  const folder = resolveHfFolder(opts.spec.dir, opts.spec.file);
  const tokenizer = HfTokenizer.load(folder, maxLenOf(opts.spec, folder));
  const model = decodeModel(new Uint8Array(readFileSync(folder.onnxPath)), folder.onnxPath);
  const clf = new HfClassifier({ model, source: folder.onnxPath }, { numClasses: k, trainLayers: cfg.trainLayers });
  const trainer = await Trainer.create({
    module: clf,
    inputs: { ...clf.inputSpecs(), targets: { dtype: 'float32', shape: [clf.inputSpecs().input_ids.shape[0], k] } },
    loss: (ctx, x, m) => softmaxCrossEntropy(m.forward(ctx, x), x.targets),
    optimizer: adamw({ weightDecay: cfg.weightDecay }),
    theta: clf.initialTheta(deriveRng(cfg.seed, 'hf-head')),
    seed: cfg.seed,
    runtime: opts.runtime,
  });
  const encoded = opts.texts.map((t) => tokenizer.encode(t));
  const perEpoch = Math.ceil(n / cfg.batchSize);
  const total = perEpoch * cfg.epochs;
  const schedule = linearLr(cfg.lr, { warmup: 0.1 });
  const losses: number[] = [];
  const rng = deriveRng(cfg.seed, 'hf-batches');
  for (let e = 0; e < cfg.epochs; e++) {
    const perm = rng.permutation(n);
    for (let s = 0; s < n; s += cfg.batchSize) {
      const rows = Array.from(perm.subarray(s, s + cfg.batchSize));
      const feeds: Feeds = {
        ...modelFeeds(tokenizer.pad(rows.map((i) => encoded[i])), opts.spec.pooling),
        targets: { data: Float32Array.from(rows.flatMap((i) => Array.from(opts.targets.subarray(i * k, (i + 1) * k)))), dims: [rows.length, k] },
      };
      const r = await trainer.step(feeds, schedule(losses.length, total));
      losses.push(r.loss);
      opts.onStep?.({ step: r.step, loss: r.loss });
    }
  }
  return new FinetunedHf(clf, tokenizer, opts.spec.pooling, trainer.getParams(), losses, opts.runtime);
}

/** What the classifier's graph reads (inputs it does not declare are ignored). */
export function modelFeeds(b: TokenBatch, pooling: HfSpec['pooling']): Feeds {
  const dims = [b.batch, b.seqLen];
  return {
    input_ids: { data: b.ids, dims },
    attention_mask: { data: b.mask, dims },
    token_type_ids: { data: b.typeIds, dims },
    position_ids: { data: BigInt64Array.from({ length: b.batch * b.seqLen }, (_, i) => BigInt(i % b.seqLen)), dims },
    [POOL_INPUT]: { data: poolingWeights(b.mask, b.batch, b.seqLen, pooling), dims },
  };
}
