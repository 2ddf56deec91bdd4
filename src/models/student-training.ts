/**
 * What the three student trainers share — a probe on frozen features
 * (probe.ts), a fine-tuned ladder encoder (finetune/train.ts) and a fine-tuned
 * imported encoder (hf/student.ts): the method's side of the contract
 * (targets, weights, loss, scalars, extra outputs, early stopping), its checks,
 * the loss's inputs and feeds, and the choice of the best epoch.
 */
import { softmaxCrossEntropy, type Ctx, type Dim, type HostTensor, type InputSpec, type Tensor } from '../engine/index.js';
import type { Rng } from '../util/rng.js';
import { takeRows } from '../util/rows.js';
import { contentOrder, rowBytes } from './row-order.js';
import type { ProbeLoss } from './probe.js';

/** Per-step scalars of a custom loss (e.g. a warm-up coefficient), valued at each step. */
export interface LossScalars {
  names: string[];
  at: (step: number, totalSteps: number) => Record<string, number>;
}

/** What a method chooses when it trains a student of any kind: `S` is the trained student. */
export interface StudentTrainCommon<S> {
  /** Soft targets [n, numClasses + extraOutputs] (one-hot for ground truth). */
  targets: Float32Array;
  numClasses: number;
  /** Per-row weights [n] (default 1). */
  weights?: Float32Array;
  seed: number;
  /** A custom loss: it sees a batch's logits, targets, weights and scalars. */
  loss?: ProbeLoss;
  scalars?: LossScalars;
  /**
   * Extra output logits after the k class logits (auxiliary heads sharing the
   * model). Targets then have numClasses + extraOutputs columns and `loss` must
   * say how they are trained; the student predicts the k classes only.
   */
  extraOutputs?: number;
  threads?: number;
  /** Called after each epoch with the student so far; return a score to keep the best epoch (early stopping). */
  selectEpoch?: (student: S, epoch: number) => Promise<number>;
  /** Epochs without a better score before training stops (with selectEpoch). */
  patience?: number;
}

/** Checks targets, weights and extra outputs against `n` training rows; returns the number of outputs (classes + extra). */
export function checkStudentTargets<S>(who: string, n: number, o: StudentTrainCommon<S>): number {
  const extra = o.extraOutputs ?? 0;
  if (!(Number.isInteger(extra) && extra >= 0)) throw new Error(`${who}: extraOutputs must be a non-negative integer, got ${extra}`);
  if (extra > 0 && !o.loss) throw new Error(`${who}: extraOutputs needs a custom loss that says how the extra outputs are trained`);
  const outputs = o.numClasses + extra;
  if (o.targets.length !== n * outputs) throw new Error(`${who}: targets have ${o.targets.length} values, expected ${n}×${outputs}`);
  if (o.weights && o.weights.length !== n) throw new Error(`${who}: weights have ${o.weights.length} values for ${n} rows`);
  return outputs;
}

/**
 * The training rows in content order (row-order.ts): the order, and the
 * options with targets and weights taken in it. Each trainer takes its own
 * input rows in the same order, so its batches, and every sum over its rows,
 * follow the rows and the seed, not the order the rows came in.
 */
export function inContentOrder<O extends { targets: Float32Array; weights?: Float32Array }>(o: O, n: number, outputs: number, input: (i: number) => readonly Uint8Array[]): { order: Int32Array; options: O } {
  const weights = o.weights;
  const order = contentOrder(n, input, (i) => [rowBytes(o.targets, outputs, i), ...(weights ? [rowBytes(weights, 1, i)] : [])]);
  return { order, options: { ...o, targets: takeRows(o.targets, outputs, order), ...(weights ? { weights: takeRows(weights, 1, order) } : {}) } };
}

/** The trainer inputs of the loss beyond the model's own: targets `t`, weights `w` and one per scalar. */
export function lossInputSpecs(outputs: number, scalars: LossScalars | undefined, batch: Dim = 'batch'): Record<string, InputSpec> {
  return {
    t: { dtype: 'float32', shape: [batch, outputs] },
    w: { dtype: 'float32', shape: [batch] },
    ...Object.fromEntries((scalars?.names ?? []).map((s) => [`scalar_${s}`, { dtype: 'float32' as const, shape: [] }])),
  };
}

/** A batch's loss from its logits and the inputs of lossInputSpecs: the method's loss, or weighted cross-entropy. */
export function studentLoss(loss: ProbeLoss | undefined, scalars: LossScalars | undefined) {
  const names = scalars?.names ?? [];
  return (ctx: Ctx, logits: Tensor, inputs: Record<string, Tensor>): Tensor => {
    const values = Object.fromEntries(names.map((s) => [s, inputs[`scalar_${s}`]]));
    return loss ? loss({ ctx, logits, targets: inputs.t, weights: inputs.w, scalars: values }) : softmaxCrossEntropy(logits, inputs.t, inputs.w);
  };
}

/** The scalar feeds of step `step` of `total`. */
export function scalarFeeds(scalars: LossScalars | undefined, step: number, total: number): Record<string, HostTensor> {
  if (!scalars) return {};
  return Object.fromEntries(Object.entries(scalars.at(step, total)).map(([k, v]) => [`scalar_${k}`, { data: Float32Array.of(v), dims: [] }]));
}

/** Early stopping: keeps the weights of the best-scoring epoch and says when `patience` epochs in a row did not beat it. */
export class EpochSelector {
  private best: { score: number; theta: Float32Array } | null = null;
  private since = 0;
  constructor(private readonly patience: number) {}

  /** Records an epoch's score and weights; true when training should stop. */
  offer(score: number, theta: Float32Array): boolean {
    if (!this.best || score > this.best.score) {
      this.best = { score, theta };
      this.since = 0;
      return false;
    }
    return ++this.since >= this.patience;
  }

  /** The best epoch's weights, or `last` when no epoch was scored. */
  choose(last: Float32Array): Float32Array {
    return this.best?.theta ?? last;
  }
}

/** The epoch loop every student trainer runs: `epoch` trains one epoch; with `selectEpoch`, the best epoch's weights are kept (early stopping). */
export interface EpochLoop<S> {
  epochs: number;
  /** Runs one epoch's training steps. */
  epoch: () => Promise<void>;
  /** The weights so far. */
  params: () => Float32Array;
  /** A student on the given weights (scored by selectEpoch). */
  student: (theta: Float32Array) => S;
  selectEpoch?: StudentTrainCommon<S>['selectEpoch'];
  patience: number;
}

/** Runs the epochs; returns the weights to keep (the best-scoring epoch's, or the last). */
export async function trainEpochs<S>(o: EpochLoop<S>): Promise<Float32Array> {
  const selector = new EpochSelector(o.patience);
  for (let epoch = 1; epoch <= o.epochs; epoch++) {
    await o.epoch();
    if (o.selectEpoch) {
      const theta = o.params();
      if (selector.offer(await o.selectEpoch(o.student(theta), epoch), theta)) break;
    }
  }
  return selector.choose(o.params());
}

/** One epoch's row indices: a permutation of 0..n-1 drawn from `rng`, cut into batches of `size` (the last may be smaller). */
export function shuffledBatches(n: number, size: number, rng: Rng): Int32Array[] {
  const order = rng.permutation(n);
  const out: Int32Array[] = [];
  for (let s = 0; s < n; s += size) out.push(order.subarray(s, Math.min(n, s + size)));
  return out;
}
