import type { MethodContext } from '../contract/types.js';
import { kmeans, nameClusters, type Naming } from './kmeans.js';
import { argmaxAgreement, checkRange, oneHotRows, smoothLabels } from './labels.js';
import { fitStandardizer, standardize } from '../models/probe.js';
import { registerMethod } from './registry.js';

/** Group index per row (−1 for none) from group names. */
export function groupIndex(groups: readonly (string | undefined)[]): Int32Array {
  const ids = new Map<string, number>();
  return Int32Array.from(groups, (g) => {
    if (g === undefined) return -1;
    if (!ids.has(g)) ids.set(g, ids.size);
    return ids.get(g)!;
  });
}

/**
 * The strong model's own labels: k-means on its standardised transfer
 * features with k = number of classes, optionally constrained so examples of
 * one consistency group share a cluster, each cluster then named with a class.
 */
export function consistencyLabels(ctx: MethodContext, opts: { naming: Naming; restarts: number; useGroups: boolean }): { labels: Int32Array; inertia: number } {
  const t = ctx.transfer;
  const k = ctx.numClasses;
  const x = standardize(t.features, t.dim, fitStandardizer(t.features, t.dim));
  let groups: Int32Array | undefined;
  if (opts.useGroups) {
    if (!t.groups) throw new Error('consistency: useGroups is set but transfer has no group ids');
    groups = groupIndex(t.groups);
  }
  const { assign, inertia } = kmeans(x, t.dim, k, ctx.rng.fork('consistency-kmeans'), { restarts: opts.restarts, groups });
  const name = nameClusters(assign, t.weakProbs, k, opts.naming);
  return { labels: Int32Array.from(assign, (c) => name[c]), inertia };
}

/**
 * Unsupervised elicitation: labels from the structure of the strong model's
 * own features, made consistent, with no teacher in the labels themselves.
 * The teacher is used for nothing but naming the clusters: with naming
 * 'agreement' each cluster takes the class the weak labels put most mass on
 * within it (a one-to-one assignment); with 'prior' the cluster whose share of
 * examples best matches a class's share of the weak labels gets that class.
 *
 * Groups: with useGroups, examples sharing a group id are forced into one
 * cluster (use only where a group really means "same answer"; a group that
 * encodes the label, as the spam task's corpus folders do, would leak it).
 */
export const consistency = registerMethod({
  name: 'consistency',
  description: "Label transfer by k-means clusters of the strong model's features (optionally consistent within groups), clusters named via the weak labels only; train on those.",
  params: [
    { name: 'naming', type: 'string', default: 'agreement', description: "how clusters get class names: 'agreement' (most weak-label mass) or 'prior' (cluster size vs the weak class prior)" },
    { name: 'restarts', type: 'number', default: 4, description: 'k-means++ restarts; the lowest inertia wins' },
    { name: 'useGroups', type: 'boolean', default: false, description: 'force examples sharing a group id into one cluster' },
    { name: 'smoothing', type: 'number', default: 0.1, description: 'label smoothing of the one-hot cluster labels, in [0, 1)' },
  ],
  async run(ctx, p) {
    const naming = p.naming as string;
    if (naming !== 'agreement' && naming !== 'prior') throw new Error(`consistency: naming must be 'agreement' or 'prior', got '${naming}'`);
    const restarts = checkRange('consistency', 'restarts', p.restarts as number, 1, 1000);
    const smoothing = checkRange('consistency', 'smoothing', p.smoothing as number, 0, 1, { hiOpen: true });
    const k = ctx.numClasses;
    const { labels } = consistencyLabels(ctx, { naming, restarts, useGroups: p.useGroups as boolean });
    const targets = smoothLabels(oneHotRows(labels, k), k, smoothing);
    const agree = argmaxAgreement(targets, ctx.transfer.weakProbs, k);
    ctx.log(`cluster labels agree with the weak labels on ${(100 * agree).toFixed(1)}% of transfer`);
    const student = await ctx.student.train({ pool: 'transfer', targets });
    return { student, notes: { cluster_weak_agreement: agree } };
  },
});
