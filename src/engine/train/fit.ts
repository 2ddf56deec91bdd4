import type { Rng } from '../../util/rng.js';
import type { Module } from '../nn/module.js';
import type { Schedule } from '../optim/schedule.js';
import { batchesPerEpoch, epochBatches } from './batches.js';
import { firstDim } from './predictor.js';
import type { Feeds, StepResult, Trainer } from './trainer.js';

export interface EarlyStopping {
  /** Scores the current parameters (e.g. accuracy against weak labels on val). */
  evaluate: (theta: Float32Array) => Promise<number>;
  mode?: 'max' | 'min';
  /** Evaluations without improvement before stopping. */
  patience?: number;
  /** Evaluate every this many epochs (default 1). */
  every?: number;
}

export interface FitOptions {
  data: Feeds;
  batchSize: number;
  epochs: number;
  lr: Schedule | number;
  rng: Rng;
  dropLast?: boolean;
  earlyStopping?: EarlyStopping;
  onStep?: (r: StepResult & { epoch: number; lr: number; totalSteps: number }) => void;
  onEpoch?: (r: { epoch: number; meanLoss: number; score?: number }) => void;
}

export interface FitResult {
  steps: number;
  epochs: number;
  finalLoss: number;
  losses: number[];
  bestScore?: number;
  bestEpoch?: number;
  stoppedEarly: boolean;
}

/**
 * The training loop: seeded shuffling, mini-batches (last partial batch kept),
 * a learning-rate schedule, progress hooks and early stopping that restores
 * the best parameters.
 */
export async function fit<M extends Module>(trainer: Trainer<M>, opts: FitOptions): Promise<FitResult> {
  const n = firstDim(opts.data);
  if (n === 0) throw new Error('fit: no training examples');
  const perEpoch = batchesPerEpoch(n, opts.batchSize, opts.dropLast);
  const totalSteps = perEpoch * opts.epochs;
  const schedule: Schedule = typeof opts.lr === 'number' ? () => opts.lr as number : opts.lr;
  const es = opts.earlyStopping;
  const better = (a: number, b: number) => ((es?.mode ?? 'max') === 'max' ? a > b : a < b);
  let best: { score: number; epoch: number; theta: Float32Array } | null = null;
  let sinceBest = 0;
  const losses: number[] = [];
  let step = 0;
  let epoch = 0;
  let stoppedEarly = false;
  for (epoch = 1; epoch <= opts.epochs; epoch++) {
    let sum = 0;
    let count = 0;
    // The trainer takes the batches stepsPerRun at a time (one run of that many steps; single steps for the rest of an epoch).
    const steps = function* () {
      for (const feeds of epochBatches(opts.data, opts.batchSize, opts.rng, opts.dropLast)) yield { feeds, lr: schedule(step++, totalSteps) };
    };
    await trainer.stepAll(steps(), (r, lr) => {
      sum += r.loss;
      count++;
      losses.push(r.loss);
      opts.onStep?.({ ...r, epoch, lr, totalSteps });
    });
    let score: number | undefined;
    if (es && (epoch % (es.every ?? 1) === 0 || epoch === opts.epochs)) {
      score = await es.evaluate(trainer.getParams());
      if (!best || better(score, best.score)) {
        best = { score, epoch, theta: trainer.getParams() };
        sinceBest = 0;
      } else if (++sinceBest >= (es.patience ?? 3)) {
        stoppedEarly = true;
      }
    }
    opts.onEpoch?.({ epoch, meanLoss: sum / Math.max(1, count), score });
    if (stoppedEarly) break;
  }
  if (best) trainer.setParams(best.theta);
  return {
    steps: step,
    epochs: Math.min(epoch, opts.epochs),
    finalLoss: losses[losses.length - 1] ?? NaN,
    losses,
    bestScore: best?.score,
    bestEpoch: best?.epoch,
    stoppedEarly,
  };
}
