import { checkRange, hardLabels, argmaxAgreement } from './labels.js';
import { PROBE_PARAMS, probeLabels } from './probe-labels.js';
import { registerMethod } from './registry.js';

/** Replace the weak labels by what a probe on the strong features, fitted to the other examples' weak labels, predicts. */
export const probeRelabel = registerMethod({
  name: 'probe_relabel',
  description: "Relabel transfer with a kNN (leave-one-out) or logistic (out-of-fold) probe fitted to the weak labels on the strong features; train on those.",
  params: [...PROBE_PARAMS, { name: 'hard', type: 'boolean', default: false, description: "train on argmax of the probe's labels" }],
  async run(ctx, p) {
    const k = ctx.numClasses;
    const kNeighbors = checkRange('probe_relabel', 'k', p.k as number, 1, 1e6);
    const labels = await probeLabels(ctx, p.probe as string, kNeighbors, p.folds as number);
    const agree = argmaxAgreement(labels, ctx.transfer.weakProbs, k);
    ctx.log(`probe (${p.probe}) agrees with the weak labels on ${(100 * agree).toFixed(1)}% of transfer`);
    const student = await ctx.student.train({ pool: 'transfer', targets: p.hard ? hardLabels(labels, k) : labels });
    return { student, notes: { probe_weak_agreement: agree } };
  },
});
