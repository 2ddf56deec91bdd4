import { collectSupervisors, HARD_PARAM, singleSupervisorFallback } from './ensemble.js';
import { checkRange, hardLabels } from './labels.js';
import { dawidSkene, votesFromProbs } from './label-model.js';
import { registerMethod } from './registry.js';

/** A generative label model over the weak supervisors (Dawid–Skene EM); the student learns its posterior. */
export const ensembleLabelModel = registerMethod({
  name: 'ensemble_labelmodel',
  extraSupervisors: true,
  description: "Fit a Dawid–Skene label model (EM, per-supervisor confusion matrices, no ground truth) to the supervisors' votes; train on its posterior.",
  params: [
    { name: 'smoothing', type: 'number', default: 0.01, description: 'pseudo-count added to each confusion-matrix cell' },
    { name: 'maxIter', type: 'number', default: 500, description: 'EM iterations at most' },
    HARD_PARAM,
  ],
  async run(ctx, p) {
    const k = ctx.numClasses;
    const sups = collectSupervisors(ctx, 'ensemble_labelmodel');
    if (sups.names.length === 1) return singleSupervisorFallback(ctx, 'ensemble_labelmodel', p.hard as boolean);
    const m = sups.names.length;
    const lm = dawidSkene(votesFromProbs(sups.transfer, k), m, k, {
      smoothing: checkRange('ensemble_labelmodel', 'smoothing', p.smoothing as number, 0, 1e6),
      maxIter: checkRange('ensemble_labelmodel', 'maxIter', p.maxIter as number, 1, 1e6),
    });
    ctx.log(`EM ${lm.converged ? 'converged' : 'stopped'} after ${lm.iterations} iterations; accuracies ${sups.names.map((s, j) => `${s}=${lm.accuracy[j].toFixed(3)}`).join(', ')}`);
    const student = await ctx.student.train({ pool: 'transfer', targets: p.hard ? hardLabels(lm.posterior, k) : lm.posterior });
    return {
      student,
      notes: {
        supervisors: m,
        em_iterations: lm.iterations,
        em_converged: lm.converged,
        ...Object.fromEntries(sups.names.map((s, j) => [`accuracy_${s}`, lm.accuracy[j]])),
      },
    };
  },
});
