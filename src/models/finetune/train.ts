import { ParamLayout, Trainer, adamw, cosineLr, softmaxCrossEntropy, type EncoderConfig, type HostTensor } from '../../engine/index.js';
import { deriveRng } from '../../util/rng.js';
import { fitStandardizer, type ProbeLoss } from '../probe.js';
import { FinetunedClassifier } from './classifier.js';
import { ENCODER_PREFIX, FinetuneModel, checkLayers, encoderInputs, isTrained, type TrainedLayers } from './model.js';
import { ENCODER_INPUTS, headFeatures, runRows } from './predict.js';
import { rowCount, rowLengths, tokenBatch, type TokenRows } from './tokens.js';
import { toStudentValue, weightsFingerprint } from './value.js';

export interface FinetuneConfig {
  /** Encoder blocks trained from the top (0: the head only, on frozen features), or 'all': every block and the embeddings. */
  layers: TrainedLayers;
  /** Hidden layer sizes of the head; [] is a linear head. */
  hidden: number[];
  epochs: number;
  batchSize: number;
  lr: number;
  weightDecay: number;
  /** Dropout in the encoder's blocks while training (0 by default: no better on the built-in tasks, and its masks cost a fifth of a step; docs/students.md). */
  dropout: number;
  clipNorm: number;
  /** Share of the steps spent warming the learning rate up. */
  warmup: number;
}

export const DEFAULT_FINETUNE: FinetuneConfig = { layers: 'all', hidden: [], epochs: 4, batchSize: 32, lr: 1e-3, weightDecay: 0.01, dropout: 0, clipNorm: 1, warmup: 0.1 };
/** Bump when fine-tuning computes different weights in a way its config does not show (it joins cache and run keys). */
export const FINETUNE_VERSION = 1;

/** The pretrained encoder a student starts from. */
export interface FinetuneBase {
  config: EncoderConfig;
  /** Its flat weights, in the encoder's layout. */
  theta: Float32Array;
}

export interface FinetuneTrainOptions {
  base: FinetuneBase;
  /** Token rows of the training examples. */
  tokens: TokenRows;
  /** Soft targets [n, k + extraOutputs]. */
  targets: Float32Array;
  numClasses: number;
  /** Per-row weights [n] (default 1). */
  weights?: Float32Array;
  config?: Partial<FinetuneConfig>;
  seed: number;
  /** The same custom loss a probe takes: it sees logits, targets, weights and scalars of a batch. */
  loss?: ProbeLoss;
  scalars?: { names: string[]; at: (step: number, totalSteps: number) => Record<string, number> };
  /** Auxiliary outputs after the k class logits (see ProbeTrainOptions.extraOutputs). */
  extraOutputs?: number;
  threads?: number;
  /** Called after each epoch; return a score to keep the best epoch (early stopping). */
  selectEpoch?: (student: FinetunedClassifier, epoch: number) => Promise<number>;
  patience?: number;
}

/**
 * Fine-tunes a pretrained encoder with a classification head against soft
 * targets: the top `layers` blocks (or all of it) and the head train with
 * AdamW in the engine's compiled step; the rest stays frozen, bitwise. Each
 * batch runs at its real token length. Batches and dropout follow `seed`.
 */
export async function trainFinetune(o: FinetuneTrainOptions): Promise<FinetunedClassifier> {
  const cfg = { ...DEFAULT_FINETUNE, ...o.config };
  const n = rowCount(o.tokens);
  if (n === 0) throw new Error('trainFinetune: no rows to train on');
  const extra = o.extraOutputs ?? 0;
  if (!(Number.isInteger(extra) && extra >= 0)) throw new Error(`trainFinetune: extraOutputs must be a non-negative integer, got ${extra}`);
  if (extra > 0 && !o.loss) throw new Error('trainFinetune: extraOutputs needs a custom loss that says how the extra outputs are trained');
  const outputs = o.numClasses + extra;
  if (o.targets.length !== n * outputs) throw new Error(`trainFinetune: targets have ${o.targets.length} values, expected ${n}×${outputs}`);
  if (o.weights && o.weights.length !== n) throw new Error(`trainFinetune: weights have ${o.weights.length} values for ${n} rows`);
  if (o.tokens.maxLen > o.base.config.maxLen) throw new Error(`trainFinetune: token rows of ${o.tokens.maxLen} exceed the encoder's maxLen ${o.base.config.maxLen}`);
  const depth = o.base.config.layers;
  checkLayers(cfg.layers, depth);
  const { dropout: _drop, ...arch } = o.base.config;
  const model = new FinetuneModel({ ...arch, dropout: cfg.dropout }, outputs, cfg.hidden);
  const theta = startingWeights(model, o.base.theta, o.seed);

  const standardizer = fitStandardizer(await runRows({ model, output: headFeatures, width: model.featureDim, tokens: o.tokens, theta, threads: o.threads }), model.featureDim);
  const scalarNames = o.scalars?.names ?? [];
  const trainer = await Trainer.create({
    module: model,
    inputs: {
      ...ENCODER_INPUTS,
      t: { dtype: 'float32', shape: ['batch', outputs] },
      w: { dtype: 'float32', shape: ['batch'] },
      ...Object.fromEntries(scalarNames.map((s) => [`scalar_${s}`, { dtype: 'float32' as const, shape: [] }])),
    },
    loss: (ctx, inp, m) => {
      const logits = m.logits(ctx, encoderInputs(inp), standardizer);
      const scalars = Object.fromEntries(scalarNames.map((s) => [s, inp[`scalar_${s}`]]));
      return o.loss ? o.loss({ ctx, logits, targets: inp.t, weights: inp.w, scalars }) : softmaxCrossEntropy(logits, inp.t, inp.w);
    },
    optimizer: adamw({ weightDecay: cfg.weightDecay }),
    clipNorm: cfg.clipNorm,
    seed: o.seed,
    theta,
    trainable: (name) => isTrained(name, cfg.layers, depth),
    runtime: { threads: o.threads },
  });

  const frozenPart = cfg.layers === 'all' ? null : weightsFingerprint(o.base.theta);
  const classifier = (weights: Float32Array) =>
    new FinetunedClassifier(
      model,
      weights,
      toStudentValue(model, weights, { encoder: arch, layers: cfg.layers, hidden: [...cfg.hidden], numClasses: o.numClasses, outputs, base: frozenPart }, standardizer),
      o.threads,
    );
  const lengths = rowLengths(o.tokens);
  const weights = o.weights ?? new Float32Array(n).fill(1);
  const rng = deriveRng(o.seed, 'finetune-batches');
  const total = Math.ceil(n / cfg.batchSize) * cfg.epochs;
  const schedule = cosineLr(cfg.lr, { warmup: cfg.warmup });
  let step = 0;
  let best: { score: number; theta: Float32Array } | null = null;
  let since = 0;
  for (let epoch = 1; epoch <= cfg.epochs; epoch++) {
    const order = rng.permutation(n);
    for (let start = 0; start < n; start += cfg.batchSize) {
      const rows = order.subarray(start, Math.min(n, start + cfg.batchSize));
      const b = tokenBatch(o.tokens, rows, lengths);
      const feeds: Record<string, HostTensor> = {
        ids: b.ids,
        mask: b.mask,
        positions: b.positions,
        focus: b.focus,
        t: { data: takeRows(o.targets, outputs, rows), dims: [rows.length, outputs] },
        w: { data: takeRows(weights, 1, rows), dims: [rows.length] },
      };
      if (o.scalars) for (const [k, v] of Object.entries(o.scalars.at(step, total))) feeds[`scalar_${k}`] = { data: Float32Array.of(v), dims: [] };
      await trainer.step(feeds, schedule(step, total));
      step++;
    }
    if (o.selectEpoch) {
      const current = trainer.getParams();
      const score = await o.selectEpoch(classifier(current), epoch);
      if (!best || score > best.score) {
        best = { score, theta: current };
        since = 0;
      } else if (++since >= (o.patience ?? 2)) break;
    }
  }
  return classifier(best?.theta ?? trainer.getParams());
}

/** The model's flat weights at the start: the pretrained encoder, and a head drawn from `seed`. */
function startingWeights(model: FinetuneModel, base: Float32Array, seed: number): Float32Array {
  const layout = new ParamLayout(model);
  const encLayout = new ParamLayout(model.encoder);
  if (base.length !== encLayout.total) throw new Error(`trainFinetune: base has ${base.length} weights, the encoder of this config has ${encLayout.total}`);
  const theta = layout.initialize(deriveRng(seed, 'finetune-head'));
  const at = new Map(layout.entries.map((e) => [e.name, e.offset]));
  for (const e of encLayout.entries) theta.set(base.subarray(e.offset, e.offset + e.size), at.get(ENCODER_PREFIX + e.name)!);
  return theta;
}

function takeRows(a: Float32Array, width: number, rows: ArrayLike<number>): Float32Array {
  const out = new Float32Array(rows.length * width);
  for (let i = 0; i < rows.length; i++) out.set(a.subarray(rows[i] * width, (rows[i] + 1) * width), i * width);
  return out;
}

