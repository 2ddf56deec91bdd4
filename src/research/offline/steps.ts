/**
 * The steps a composed method is made of, each a thin wrapper over the
 * registered methods' pure parts (src/methods/). A method file written by the
 * offline researcher calls them in order — labels, selection, training with a
 * loss, bootstrap rounds — with its parameters written out as literals, so the
 * file reads as the recipe it is. Everything here runs inside the method
 * process and sees only the method context.
 */
import type { MethodContext, Student } from '../../contract/types.js';
import { temperatureScale } from '../../methods/TEMPLATE.js';
import { collectSupervisors } from '../../methods/ensemble.js';
import { confidenceKeep, disagreement, dropHighest, quantileKeep } from '../../methods/filters.js';
import { dawidSkene } from '../../methods/label-model.js';
import { temperedPosterior } from '../../methods/label-model-posterior.js';
import { hardLabels, smoothLabels, takeRows } from '../../methods/labels.js';
import { logconfLoss, logconfWeight } from '../../methods/logconf.js';
import { productLoss } from '../../methods/product.js';
import { probeLabels, rowDistance } from '../../methods/probe-labels.js';
import { votesFromProbs } from '../../methods/votes.js';

/** Where the soft labels come from, and how they are transformed before training. */
export interface LabelStep {
  /** `weak`: the weak supervisor; `labelmodel`: Dawid–Skene over every supervisor (ensemble_labelmodel's default targets, the tempered posterior). */
  source: 'weak' | 'labelmodel';
  /** < 1 sharpens, > 1 softens (TEMPLATE's temperatureScale). */
  temperature: number;
  /** Label smoothing epsilon in [0, 1). */
  smoothing: number;
  /** Train on the argmax instead of soft labels. */
  hard: boolean;
}

/** Which transfer rows the student trains on. */
export type SelectStep =
  | { kind: 'all' }
  /** Keep rows whose label's max probability is at least `threshold` (filter_confidence). */
  | { kind: 'confidence'; threshold: number }
  /** Keep the most confident share `keep` of each predicted class (filter_quantile). */
  | { kind: 'quantile'; keep: number }
  /** Drop the share `drop` where a first-pass student disagrees most with the labels (filter_disagreement, KL). */
  | { kind: 'disagreement'; drop: number }
  /** Drop the share `drop` where a kNN probe on the strong features disagrees most with the labels (probe_filter). */
  | { kind: 'probe'; drop: number; neighbours: number };

export type LossStep =
  | { kind: 'xent' }
  /** logconf: target (1 − c)·y + c·hardened student prediction, c ramping to `alpha` over `warmup`. */
  | { kind: 'logconf'; alpha: number; warmup: number }
  /** product: target ∝ p^β ⊙ y^α, β ramping over `warmup`. */
  | { kind: 'product'; alpha: number; beta: number; warmup: number };

export interface Labels {
  /** The source's labels before any transformation, [n, k]: what selection judges confidence by. */
  base: Float32Array;
  /** The training targets, [n, k]. */
  targets: Float32Array;
}

/** The transfer labels a recipe trains on. */
export function labelTargets(ctx: MethodContext, s: LabelStep): Labels {
  const k = ctx.numClasses;
  let base = ctx.transfer.weakProbs;
  if (s.source === 'labelmodel') {
    const sups = collectSupervisors(ctx, 'labels');
    if (sups.names.length > 1) {
      const votes = votesFromProbs(sups.transfer, k);
      const lm = dawidSkene(votes, sups.names.length, k, { sources: sups.sources });
      ctx.log(`label model over ${sups.names.length} supervisors: EM ${lm.converged ? 'converged' : 'stopped'} after ${lm.iterations} iterations`);
      base = temperedPosterior(votes, sups.names.length, k, lm);
    } else {
      ctx.log('label model: no extra supervisors, using the weak labels');
    }
  }
  let targets = s.temperature === 1 ? base : temperatureScale(base, k, s.temperature);
  if (s.smoothing > 0) targets = smoothLabels(targets, k, s.smoothing);
  if (s.hard) targets = hardLabels(targets, k);
  return { base, targets };
}

/** The rows to train on (undefined: all of transfer). A filter that would keep nothing keeps everything, and says so. */
export async function selectRows(ctx: MethodContext, labels: Labels, s: SelectStep): Promise<Int32Array | undefined> {
  const k = ctx.numClasses;
  let rows: Int32Array;
  switch (s.kind) {
    case 'all':
      return undefined;
    case 'confidence':
      rows = confidenceKeep(labels.base, k, { mode: 'max', threshold: s.threshold });
      break;
    case 'quantile':
      rows = quantileKeep(labels.base, k, s.keep);
      break;
    case 'disagreement': {
      const first = await ctx.student.train({ pool: 'transfer', targets: labels.targets });
      rows = dropHighest(disagreement(labels.base, await first.predict('transfer'), k, 'kl'), s.drop);
      break;
    }
    case 'probe': {
      const probe = await probeLabels(ctx, 'knn', s.neighbours, 5);
      rows = dropHighest(rowDistance(probe, labels.base, k), s.drop);
      break;
    }
  }
  if (rows.length === 0) {
    ctx.log(`selection ${s.kind} kept no rows; training on all of transfer instead`);
    return undefined;
  }
  ctx.log(`selection ${s.kind}: kept ${rows.length} of ${ctx.transfer.ids.length} transfer rows`);
  return rows;
}

/** One student on the chosen rows and targets, with the recipe's loss. */
export function trainStudent(ctx: MethodContext, targets: Float32Array, rows: Int32Array | undefined, loss: LossStep, earlyStop: boolean): Promise<Student> {
  const k = ctx.numClasses;
  const base = { pool: 'transfer' as const, rows, targets: rows ? takeRows(targets, k, rows) : targets, earlyStopOnWeakVal: earlyStop };
  switch (loss.kind) {
    case 'xent':
      return ctx.student.train(base);
    case 'logconf':
      return ctx.student.train({
        ...base,
        loss: logconfLoss(k, k === 2),
        scalars: { names: ['c'], at: (step, total) => ({ c: logconfWeight(step, total, loss.alpha, loss.warmup) }) },
      });
    case 'product':
      return ctx.student.train({
        ...base,
        loss: productLoss(loss.alpha),
        scalars: { names: ['beta'], at: (step, total) => ({ beta: logconfWeight(step, total, loss.beta, loss.warmup) }) },
      });
  }
}

/** Bootstrap: `rounds` fresh students, each on the previous one's predictions on all of transfer (soft). */
export async function bootstrapRounds(ctx: MethodContext, student: Student, rounds: number, earlyStop: boolean): Promise<Student> {
  for (let r = 1; r <= rounds; r++) {
    const prev = await student.predict('transfer');
    student = await ctx.student.train({ pool: 'transfer', targets: prev, earlyStopOnWeakVal: earlyStop });
    ctx.log(`bootstrap round ${r}: trained on round ${r - 1}'s predictions`);
  }
  return student;
}
