import { ParamLayout, Trainer, adamw, cosineLr, type EncoderConfig, type HostTensor } from '../../engine/index.js';
import { deriveRng } from '../../util/rng.js';
import { fitStandardizer } from '../probe.js';
import { takeRows } from '../../util/rows.js';
import { rowBytes } from '../row-order.js';
import { checkStudentTargets, inContentOrder, lossInputSpecs, scalarFeeds, shuffledBatches, studentLoss, trainEpochs, type StudentTrainCommon } from '../student-training.js';
import { FinetunedClassifier } from './classifier.js';
import { ENCODER_PREFIX, FinetuneModel, checkLayers, encoderInputs, isTrained, type TrainedLayers } from './model.js';
import { ENCODER_INPUTS, headFeatures, runRows } from './predict.js';
import { rowCount, rowLengths, takeTokenRows, tokenBatch, type TokenRows } from './tokens.js';
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

/** Two epochs at lr 2e-3 reach the ceilings of four at 1e-3 within 0.016 (spam, reviews, pos) in half the time (docs/students.md). */
export const DEFAULT_FINETUNE: FinetuneConfig = { layers: 'all', hidden: [], epochs: 2, batchSize: 32, lr: 2e-3, weightDecay: 0.01, dropout: 0, clipNorm: 1, warmup: 0.1 };
/**
 * Bump when fine-tuning computes different weights in a way its config does not show (it joins cache and run keys).
 * 2: layer norm is ONNX's fused op with a hand-written gradient (the weights move by float rounding).
 * 3: rows train in content order (row-order.ts), so batches no longer follow the order rows arrive in.
 */
export const FINETUNE_VERSION = 3;

/** The pretrained encoder a student starts from. */
export interface FinetuneBase {
  config: EncoderConfig;
  /** Its flat weights, in the encoder's layout. */
  theta: Float32Array;
}

export interface FinetuneTrainOptions extends StudentTrainCommon<FinetunedClassifier> {
  base: FinetuneBase;
  /** Token rows of the training examples. */
  tokens: TokenRows;
  config?: Partial<FinetuneConfig>;
}

/**
 * Fine-tunes a pretrained encoder with a classification head against soft
 * targets: the top `layers` blocks (or all of it) and the head train with
 * AdamW in the engine's compiled step; the rest stays frozen, bitwise. Each
 * batch runs at its real token length. Batches and dropout follow `seed`.
 */
export async function trainFinetune(given: FinetuneTrainOptions): Promise<FinetunedClassifier> {
  const cfg = { ...DEFAULT_FINETUNE, ...given.config };
  const n = rowCount(given.tokens);
  if (n === 0) throw new Error('trainFinetune: no rows to train on');
  const outputs = checkStudentTargets('trainFinetune', n, given);
  const { order, options } = inContentOrder(given, n, outputs, (i) => [rowBytes(given.tokens.ids, given.tokens.maxLen, i), rowBytes(given.tokens.mask, given.tokens.maxLen, i)]);
  const o = { ...options, tokens: takeTokenRows(given.tokens, order) };
  if (o.tokens.maxLen > o.base.config.maxLen) throw new Error(`trainFinetune: token rows of ${o.tokens.maxLen} exceed the encoder's maxLen ${o.base.config.maxLen}`);
  const depth = o.base.config.layers;
  checkLayers(cfg.layers, depth);
  const { dropout: _drop, ...arch } = o.base.config;
  const model = new FinetuneModel({ ...arch, dropout: cfg.dropout }, outputs, cfg.hidden);
  const theta = startingWeights(model, o.base.theta, o.seed);

  const standardizer = fitStandardizer(await runRows({ model, output: headFeatures, width: model.featureDim, tokens: o.tokens, theta, threads: o.threads }), model.featureDim);
  const loss = studentLoss(o.loss, o.scalars);
  const trainer = await Trainer.create({
    module: model,
    inputs: { ...ENCODER_INPUTS, ...lossInputSpecs(outputs, o.scalars) },
    loss: (ctx, inp, m) => loss(ctx, m.logits(ctx, encoderInputs(inp), standardizer), inp),
    optimizer: adamw({ weightDecay: cfg.weightDecay }),
    clipNorm: cfg.clipNorm,
    seed: o.seed,
    theta,
    trainable: (name) => isTrained(name, cfg.layers, depth),
    runtime: { threads: o.threads },
    // The graph bakes in this student's standardizer, so no other trainer shares it; released below.
    shareSession: false,
  });
  try {
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
    const epoch = async () => {
      for (const rows of shuffledBatches(n, cfg.batchSize, rng)) {
        const b = tokenBatch(o.tokens, rows, lengths);
        const feeds: Record<string, HostTensor> = {
          ids: b.ids,
          mask: b.mask,
          positions: b.positions,
          focus: b.focus,
          t: { data: takeRows(o.targets, outputs, rows), dims: [rows.length, outputs] },
          w: { data: takeRows(weights, 1, rows), dims: [rows.length] },
          ...scalarFeeds(o.scalars, step, total),
        };
        await trainer.step(feeds, schedule(step, total));
        step++;
      }
    };
    const theta = await trainEpochs({ epochs: cfg.epochs, epoch, params: () => trainer.getParams(), student: classifier, selectEpoch: o.selectEpoch, patience: o.patience ?? 2 });
    return classifier(theta);
  } finally {
    await trainer.release();
  }
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
