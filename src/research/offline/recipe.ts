/**
 * The offline researcher's search space: a method composed of a label step,
 * a selection step, a loss and bootstrap rounds (steps.ts), as a point of a
 * mixed space (space.ts), and back.
 */
import type { LabelStep, LossStep, SelectStep } from './steps.js';
import { checkPoint, type Dim, type Point } from './space.js';

export interface Recipe {
  labels: LabelStep;
  select: SelectStep;
  loss: LossStep;
  /** Bootstrap rounds after the first student. */
  rounds: number;
  /** Keep the epoch that agrees best with the weak labels on val. */
  earlyStop: boolean;
}

const SELECTS = ['all', 'confidence', 'quantile', 'disagreement', 'probe'];
const LOSSES = ['xent', 'logconf', 'product'];

export const RECIPE_DIMS: readonly Dim[] = [
  { name: 'labels', kind: 'cat', choices: ['weak', 'labelmodel'] },
  { name: 'temperature', kind: 'num', low: 0.25, high: 4, log: true },
  { name: 'smoothing', kind: 'num', low: 0, high: 0.2 },
  { name: 'hard', kind: 'cat', choices: ['false', 'true'] },
  { name: 'select', kind: 'cat', choices: SELECTS },
  { name: 'threshold', kind: 'num', low: 0.55, high: 0.95, when: { dim: 'select', in: ['confidence'] } },
  { name: 'keep', kind: 'num', low: 0.5, high: 0.95, when: { dim: 'select', in: ['quantile'] } },
  { name: 'drop', kind: 'num', low: 0.05, high: 0.4, when: { dim: 'select', in: ['disagreement', 'probe'] } },
  { name: 'neighbours', kind: 'num', low: 5, high: 30, int: true, when: { dim: 'select', in: ['probe'] } },
  { name: 'loss', kind: 'cat', choices: LOSSES },
  { name: 'alpha', kind: 'num', low: 0.1, high: 1, when: { dim: 'loss', in: ['logconf'] } },
  { name: 'productAlpha', kind: 'num', low: 0.25, high: 2, when: { dim: 'loss', in: ['product'] } },
  { name: 'beta', kind: 'num', low: 0.25, high: 2, when: { dim: 'loss', in: ['product'] } },
  { name: 'warmup', kind: 'num', low: 0, high: 0.5, when: { dim: 'loss', in: ['logconf', 'product'] } },
  { name: 'rounds', kind: 'num', low: 0, high: 2, int: true },
  { name: 'earlyStop', kind: 'cat', choices: ['false', 'true'] },
];

const PLAIN = { temperature: 1, smoothing: 0, hard: 'false', select: 'all', loss: 'xent', rounds: 0, earlyStop: 'false' };

/**
 * The registered methods that this space can express, with their defaults:
 * the search tries them first, so it starts from what people already wrote.
 */
export const HAND_WRITTEN: { method: string; point: Point }[] = [
  { method: 'ensemble_labelmodel', point: { ...PLAIN, labels: 'labelmodel' } },
  { method: 'vanilla', point: { ...PLAIN, labels: 'weak' } },
  { method: 'logconf', point: { ...PLAIN, labels: 'weak', loss: 'logconf', alpha: 0.5, warmup: 0.2 } },
  { method: 'filter_quantile', point: { ...PLAIN, labels: 'weak', select: 'quantile', keep: 0.8 } },
];

/** The method a point describes. */
export function recipeOf(p: Point): Recipe {
  checkPoint(RECIPE_DIMS, p);
  const n = (k: string) => p[k] as number;
  const select: SelectStep =
    p.select === 'confidence' ? { kind: 'confidence', threshold: n('threshold') }
    : p.select === 'quantile' ? { kind: 'quantile', keep: n('keep') }
    : p.select === 'disagreement' ? { kind: 'disagreement', drop: n('drop') }
    : p.select === 'probe' ? { kind: 'probe', drop: n('drop'), neighbours: n('neighbours') }
    : { kind: 'all' };
  const loss: LossStep =
    p.loss === 'logconf' ? { kind: 'logconf', alpha: n('alpha'), warmup: n('warmup') }
    : p.loss === 'product' ? { kind: 'product', alpha: n('productAlpha'), beta: n('beta'), warmup: n('warmup') }
    : { kind: 'xent' };
  return {
    labels: { source: p.labels as LabelStep['source'], temperature: n('temperature'), smoothing: n('smoothing'), hard: p.hard === 'true' },
    select,
    loss,
    rounds: n('rounds'),
    earlyStop: p.earlyStop === 'true',
  };
}

/** One line: what the method does. */
export function describeRecipe(r: Recipe): string {
  const l = r.labels;
  const labels = [l.source === 'labelmodel' ? 'label-model posterior' : 'weak labels', l.temperature !== 1 ? `T=${l.temperature}` : '', l.smoothing > 0 ? `smoothing ${l.smoothing}` : '', l.hard ? 'hard' : '']
    .filter(Boolean).join(', ');
  const s = r.select;
  const select = s.kind === 'all' ? 'all rows'
    : s.kind === 'confidence' ? `rows with confidence ≥ ${s.threshold}`
    : s.kind === 'quantile' ? `the ${s.keep} most confident per class`
    : s.kind === 'disagreement' ? `dropping ${s.drop} where a first student disagrees`
    : `dropping ${s.drop} where a ${s.neighbours}-NN probe disagrees`;
  const x = r.loss;
  const loss = x.kind === 'xent' ? 'cross-entropy' : x.kind === 'logconf' ? `logconf α=${x.alpha} warm-up ${x.warmup}` : `product α=${x.alpha} β=${x.beta} warm-up ${x.warmup}`;
  return `${labels}; ${select}; ${loss}${r.rounds ? `; ${r.rounds} bootstrap round(s)` : ''}${r.earlyStop ? '; early stop' : ''}`;
}

/** The structural kind of a recipe (label source × selection × loss × bootstrap or not), for diversity counts. */
export function structureOf(r: Recipe): string {
  return `${r.labels.source}/${r.select.kind}/${r.loss.kind}${r.rounds ? '/bootstrap' : ''}`;
}

/** The point a recipe is (the inverse of recipeOf on the dimensions it uses). */
export function pointOf(r: Recipe): Point {
  const p: Point = {
    labels: r.labels.source, temperature: r.labels.temperature, smoothing: r.labels.smoothing, hard: String(r.labels.hard),
    select: r.select.kind, loss: r.loss.kind, rounds: r.rounds, earlyStop: String(r.earlyStop),
  };
  const s = r.select;
  if (s.kind === 'confidence') p.threshold = s.threshold;
  if (s.kind === 'quantile') p.keep = s.keep;
  if (s.kind === 'disagreement' || s.kind === 'probe') p.drop = s.drop;
  if (s.kind === 'probe') p.neighbours = s.neighbours;
  const x = r.loss;
  if (x.kind === 'logconf') Object.assign(p, { alpha: x.alpha, warmup: x.warmup });
  if (x.kind === 'product') Object.assign(p, { productAlpha: x.alpha, beta: x.beta, warmup: x.warmup });
  checkPoint(RECIPE_DIMS, p);
  return p;
}

/**
 * The recipes in forum findings (the offline researcher posts each improvement's
 * recipe as a JSON block), most voted first; a block that is not a valid recipe
 * is skipped.
 */
export function recipesInFindings(findings: readonly { body: string; votes: number }[]): Recipe[] {
  const out: Recipe[] = [];
  for (const f of [...findings].sort((a, b) => b.votes - a.votes)) {
    for (const m of f.body.matchAll(/```json\n([\s\S]*?)\n```/g)) {
      try {
        const r = JSON.parse(m[1]) as Recipe;
        recipeOf(pointOf(r));
        out.push(r);
      } catch {
        // not a recipe (another researcher's JSON): nothing to try
      }
    }
  }
  return out;
}
