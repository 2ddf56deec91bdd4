import {
  MLP, Predictor, Trainer, adamw, cosineLr, slice, softmax, type Ctx, type Tensor,
} from '../engine/index.js';
import { deriveRng } from '../util/rng.js';
import { epochBatches } from '../engine/index.js';
import { takeRows } from '../util/rows.js';
import { rowBytes } from './row-order.js';
import { checkStudentTargets, inContentOrder, trainEpochs, lossInputSpecs, scalarFeeds, studentLoss, type StudentTrainCommon } from './student-training.js';

export interface ProbeConfig {
  /** Hidden layer sizes; [] is logistic regression. */
  hidden: number[];
  epochs: number;
  batchSize: number;
  lr: number;
  weightDecay: number;
}

export const DEFAULT_PROBE: ProbeConfig = { hidden: [], epochs: 20, batchSize: 64, lr: 1e-2, weightDecay: 1e-2 };
/**
 * Bump when probe training changes in a way its config does not show (it joins cache keys and run keys).
 * 3: rows train in content order (row-order.ts), so batches no longer follow the order rows arrive in.
 */
export const PROBE_VERSION = 3;

/** What a custom loss sees for one batch. */
export interface LossInputs {
  ctx: Ctx;
  logits: Tensor;
  targets: Tensor;
  weights: Tensor;
  /** Per-step scalars declared in `scalars` (e.g. a warm-up coefficient). */
  scalars: Record<string, Tensor>;
}
export type ProbeLoss = (i: LossInputs) => Tensor;

export interface ProbeTrainOptions extends StudentTrainCommon<Probe> {
  features: Float32Array;
  dim: number;
  config?: Partial<ProbeConfig>;
  /** Optimizer steps per ONNX Runtime run (default `PROBE_STEPS_PER_RUN`); the weights are the same bitwise at any count. */
  stepsPerRun?: number;
}

/**
 * Probes train eight steps per ONNX Runtime run: their weights and AdamW state
 * cross to it and back once per eight steps, with the same weights bitwise. A
 * little faster on a spam-sized probe; docs/engine.md has the figures.
 */
export const PROBE_STEPS_PER_RUN = 8;

/** Feature standardisation fitted on the training rows. */
export interface Standardizer {
  mean: Float32Array;
  scale: Float32Array;
}

export function fitStandardizer(x: Float32Array, dim: number): Standardizer {
  const n = x.length / dim;
  const mean = new Float32Array(dim);
  const scale = new Float32Array(dim);
  for (let i = 0; i < n; i++) for (let j = 0; j < dim; j++) mean[j] += x[i * dim + j] / n;
  for (let i = 0; i < n; i++) for (let j = 0; j < dim; j++) scale[j] += (x[i * dim + j] - mean[j]) ** 2 / n;
  for (let j = 0; j < dim; j++) scale[j] = 1 / Math.sqrt(scale[j] + 1e-8);
  return { mean, scale };
}

export function standardize(x: Float32Array, dim: number, s: Standardizer): Float32Array {
  const out = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const j = i % dim;
    out[i] = (x[i] - s.mean[j]) * s.scale[j];
  }
  return out;
}

/** A trained classification head on frozen features. */
export class Probe {
  constructor(
    readonly module: MLP,
    readonly theta: Float32Array,
    readonly dim: number,
    readonly numClasses: number,
    readonly standardizer: Standardizer,
    private readonly threads?: number,
  ) {}

  /** Class probabilities [n, k] for raw (unstandardised) features. */
  async predict(features: Float32Array): Promise<Float32Array> {
    const n = features.length / this.dim;
    if (n === 0) return new Float32Array(0);
    const p = await Predictor.create({
      module: this.module,
      inputs: { x: { dtype: 'float32', shape: ['batch', this.dim] } },
      forward: (ctx, { x }, m) => {
        const logits = m.forward(ctx, x);
        // Auxiliary heads (extraOutputs) are dropped: the probe predicts its k classes.
        const outputs = m.sizes[m.sizes.length - 1];
        return { probs: softmax(outputs > this.numClasses ? slice(logits, [0], [this.numClasses], [1]) : logits) };
      },
      runtime: { threads: this.threads },
    });
    const out = await p.runBatched({ x: { data: standardize(features, this.dim, this.standardizer), dims: [n, this.dim] } }, 4096, this.theta);
    return out.probs.data as Float32Array;
  }
}

/** Trains a probe (logistic regression or MLP) on features against soft targets. */
export async function trainProbe(given: ProbeTrainOptions): Promise<Probe> {
  const cfg = { ...DEFAULT_PROBE, ...given.config };
  const n = given.features.length / given.dim;
  if (!Number.isInteger(n) || n === 0) throw new Error(`trainProbe: ${given.features.length} feature values do not form rows of ${given.dim}`);
  const outputs = checkStudentTargets('trainProbe', n, given);
  const { order, options } = inContentOrder(given, n, outputs, (i) => [rowBytes(given.features, given.dim, i)]);
  const o = { ...options, features: takeRows(given.features, given.dim, order) };
  const standardizer = fitStandardizer(o.features, o.dim);
  const x = standardize(o.features, o.dim, standardizer);
  const module = new MLP([o.dim, ...cfg.hidden, outputs], { zeroInitOutput: true });
  const loss = studentLoss(o.loss, o.scalars);
  const trainer = await Trainer.create({
    module,
    inputs: { x: { dtype: 'float32', shape: ['batch', o.dim] }, ...lossInputSpecs(outputs, o.scalars) },
    loss: (ctx, inp, m) => loss(ctx, m.forward(ctx, inp.x), inp),
    optimizer: adamw({ weightDecay: cfg.weightDecay }),
    seed: o.seed,
    runtime: { threads: o.threads },
    stepsPerRun: o.stepsPerRun ?? PROBE_STEPS_PER_RUN,
  });
  const data = {
    x: { data: x, dims: [n, o.dim] },
    t: { data: o.targets, dims: [n, outputs] },
    w: { data: o.weights ?? new Float32Array(n).fill(1), dims: [n] },
  };
  const rng = deriveRng(o.seed, 'probe-batches');
  const perEpoch = Math.ceil(n / cfg.batchSize);
  const total = perEpoch * cfg.epochs;
  const schedule = cosineLr(cfg.lr, { warmup: 0.05 });
  const probe = (theta: Float32Array) => new Probe(module, theta, o.dim, o.numClasses, standardizer, o.threads);
  let step = 0;
  const epoch = async () => {
    const steps = function* () {
      for (const batch of epochBatches(data, cfg.batchSize, rng)) {
        yield { feeds: { ...batch, ...scalarFeeds(o.scalars, step, total) }, lr: schedule(step, total) };
        step++;
      }
    };
    await trainer.stepAll(steps());
  };
  return probe(await trainEpochs({ epochs: cfg.epochs, epoch, params: () => trainer.getParams(), student: probe, selectEpoch: o.selectEpoch, patience: o.patience ?? 4 }));
}
