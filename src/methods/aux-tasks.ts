import { add, div, logSoftmax, mul, neg, reduceSum, slice, softmaxCrossEntropy } from '../engine/index.js';
import type { ProbeLoss } from '../models/probe.js';
import type { AuxLabels, MethodContext } from '../contract/types.js';
import { kmeans } from './kmeans.js';
import { argmaxRows, checkRange, maxProbs } from './labels.js';
import { unitRows } from './knn.js';
import { registerMethod } from './registry.js';

/**
 * Auxiliary task learning. Design: the student is a probe with a hidden layer
 * and two heads on it — its logits are [k class logits | kAux auxiliary
 * logits] (`extraOutputs` of the student factory; predictions keep only the
 * k classes). The main head learns the weak labels, the auxiliary head a
 * target that is more reliable than they are; the auxiliary loss reaches the
 * main task only through the shared hidden layer, so with `hidden: 0`
 * (logistic regression) it has no effect at all.
 *
 * Targets are packed as [n, k + kAux]; an all-zero auxiliary part means "no
 * auxiliary label for this row", and the auxiliary loss is averaged over the
 * rows that have one.
 */
export function auxLoss(k: number, kAux: number, auxWeight: number): ProbeLoss {
  return ({ logits, targets, weights }) => {
    const main = softmaxCrossEntropy(slice(logits, [0], [k], [1]), slice(targets, [0], [k], [1]), weights);
    const tAux = slice(targets, [k], [k + kAux], [1]);
    const perRow = neg(reduceSum(mul(tAux, logSoftmax(slice(logits, [k], [k + kAux], [1]))), -1));
    const aux = div(reduceSum(perRow), add(reduceSum(tAux), 1e-6));
    return add(main, mul(aux, auxWeight));
  };
}

export interface AuxTarget {
  /** [n, kAux]; all-zero rows have no auxiliary label. */
  targets: Float32Array;
  kAux: number;
  labeled: number;
}

/** One-hot targets from a class per row (-1: no auxiliary label for that row). */
function oneHotAux(labels: ArrayLike<number>, kAux: number): AuxTarget {
  const targets = new Float32Array(labels.length * kAux);
  let labeled = 0;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] < 0) continue;
    targets[i * kAux + labels[i]] = 1;
    labeled++;
  }
  return { targets, kAux, labeled };
}

/** The weak supervisor's confident subset: argmax(weak) where its max probability >= threshold. */
export function confidentAuxTarget(weak: Float32Array, k: number, threshold: number): AuxTarget {
  const top = maxProbs(weak, k);
  return oneHotAux(argmaxRows(weak, k).map((c, i) => (top[i] >= threshold ? c : -1)), k);
}

/** The example's group (subset) id, one class per distinct group; rows without a group have no label. */
export function groupAuxTarget(groups: readonly (string | undefined)[]): AuxTarget {
  const names = [...new Set(groups.filter((g): g is string => g !== undefined))].sort();
  if (names.length < 2) throw new Error(`aux_tasks: aux 'groups' needs at least two distinct groups in transfer, found ${names.length}`);
  const index = new Map(names.map((g, i) => [g, i]));
  return oneHotAux(groups.map((g) => (g === undefined ? -1 : index.get(g)!)), names.length);
}

/** One of the task's declared auxiliary tasks (WeakPool.aux): its class per row; rows answered -1 have no label. */
export function declaredAuxTarget(aux: AuxLabels): AuxTarget {
  return oneHotAux(aux.labels, aux.classes.length);
}

/** The auxiliary task's name and target: 'auto' is the task's first declared auxiliary task, else the confident subset. */
function auxTarget(ctx: MethodContext, kind: string, task: string, threshold: number, clusters: number): { kind: string; target: AuxTarget } {
  const t = ctx.transfer;
  const declared = Object.keys(t.aux ?? {});
  if (kind === 'auto') kind = declared.length ? 'task' : 'confident';
  if (kind === 'task') {
    if (!declared.length) throw new Error("aux_tasks: aux 'task' needs auxiliary tasks the task declares, and this one declares none; use aux 'confident' or 'clusters'");
    const name = task || declared[0];
    if (!t.aux![name]) throw new Error(`aux_tasks: the task has no auxiliary task "${name}"; it declares: ${declared.join(', ')}`);
    return { kind: `task:${name}`, target: declaredAuxTarget(t.aux![name]) };
  }
  return { kind, target: builtInAuxTarget(ctx, kind, threshold, clusters) };
}

function builtInAuxTarget(ctx: MethodContext, kind: string, threshold: number, clusters: number): AuxTarget {
  const t = ctx.transfer;
  if (kind === 'confident') return confidentAuxTarget(t.weakProbs, ctx.numClasses, threshold);
  if (kind === 'groups') {
    if (!t.groups) throw new Error("aux_tasks: aux 'groups' needs group ids on transfer, and this task has none; use aux 'confident' or 'clusters'");
    return groupAuxTarget(t.groups);
  }
  if (kind === 'clusters') {
    const { assign } = kmeans(unitRows(t.features, t.dim), t.dim, clusters, ctx.rng.fork('aux-kmeans'));
    return oneHotAux(assign, clusters);
  }
  throw new Error(`aux_tasks: aux must be 'auto', 'task', 'confident', 'groups' or 'clusters', got '${kind}'`);
}

export const auxTasks = registerMethod({
  name: 'aux_tasks',
  description: "Two-headed student (shared hidden layer): main head on the weak labels, auxiliary head on a more reliable target (the task's declared auxiliary task, the confident weak subset, group ids, or feature clusters).",
  params: [
    { name: 'aux', type: 'string', default: 'auto', description: "auxiliary target: 'task' (an auxiliary task the task declares, answered from the inputs), 'confident' (argmax weak where max prob >= threshold), 'groups' (the example's group id; check groups do not encode the label), 'clusters' (k-means cluster of the strong features); 'auto' = 'task' where the task declares one, else 'confident'" },
    { name: 'auxTask', type: 'string', default: '', description: "aux 'task': which declared auxiliary task (default: the first)" },
    { name: 'auxWeight', type: 'number', default: 1, description: 'weight of the auxiliary loss' },
    { name: 'threshold', type: 'number', default: 0.8, description: "aux 'confident': weak max-probability needed for an auxiliary label" },
    { name: 'clusters', type: 'number', default: 8, description: "aux 'clusters': number of k-means clusters" },
    { name: 'hidden', type: 'number', default: 64, description: 'width of the shared hidden layer (0 = none: the heads share nothing)' },
  ],
  async run(ctx, p) {
    const k = ctx.numClasses;
    const n = ctx.transfer.ids.length;
    const auxWeight = checkRange('aux_tasks', 'auxWeight', p.auxWeight as number, 0, 1e6);
    const hidden = checkRange('aux_tasks', 'hidden', p.hidden as number, 0, 1e5);
    const clusters = checkRange('aux_tasks', 'clusters', p.clusters as number, 2, n);
    if (hidden === 0) ctx.log('hidden = 0: the heads share no layer, so the auxiliary task cannot affect the main one');
    const { kind, target: aux } = auxTarget(ctx, p.aux as string, p.auxTask as string, checkRange('aux_tasks', 'threshold', p.threshold as number, 0, 1), clusters);
    if (aux.labeled === 0) ctx.log('no transfer example has an auxiliary label; the auxiliary loss is zero');
    const width = k + aux.kAux;
    const targets = new Float32Array(n * width);
    for (let i = 0; i < n; i++) {
      targets.set(ctx.transfer.weakProbs.subarray(i * k, i * k + k), i * width);
      targets.set(aux.targets.subarray(i * aux.kAux, (i + 1) * aux.kAux), i * width + k);
    }
    const student = await ctx.student.train({
      pool: 'transfer',
      targets,
      extraOutputs: aux.kAux,
      loss: auxLoss(k, aux.kAux, auxWeight),
      config: { hidden: hidden > 0 ? [hidden] : [] },
    });
    return { student, notes: { aux: kind, aux_classes: aux.kAux, aux_labeled: aux.labeled } };
  },
});
