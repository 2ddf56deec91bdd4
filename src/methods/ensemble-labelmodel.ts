import { collectSupervisors, describeSupervisors, HARD_PARAM, singleSupervisorFallback } from './ensemble.js';
import { checkRange, hardLabels } from './labels.js';
import { dawidSkene } from './label-model.js';
import { temperedPosterior } from './label-model-posterior.js';
import { voteConfidence, votesFromProbs } from './votes.js';
import { registerMethod } from './registry.js';

/** A generative label model over the weak supervisors (Dawid–Skene EM with abstentions and correlated blocks); the student learns its posterior (tempered by default, label-model-posterior.ts). */
export const ensembleLabelModel = registerMethod({
  name: 'ensemble_labelmodel',
  extraSupervisors: true,
  description:
    "Fit a label model (Dawid–Skene EM, no ground truth; abstaining is an observed outcome, supervisors sharing a source are one block, blocks found dependent given the class are modelled jointly) to the supervisors' votes; train on its posterior (by default the tempered one: each supervisor through its fitted table, a source's members sharing one vote).",
  params: [
    { name: 'smoothing', type: 'number', default: 0.01, description: 'pseudo-count added to each cell of the label model’s tables' },
    { name: 'maxIter', type: 'number', default: 500, description: 'EM iterations at most' },
    { name: 'bins', type: 'number', default: 1, description: "confidence bins per supervisor block: >1 splits each block's vote by how sure it is (quantiles of its own probabilities), so EM weighs a soft supervisor's unsure votes apart from its sure ones; 1: votes only" },
    { name: 'dependencies', type: 'boolean', default: true, description: "search for blocks that depend on each other given the class and model them jointly (false: declared blocks only, independent given the class; on spam with fine-tuned supervisors its posterior labels transfer 0.005 better, docs/methods.md)" },
    { name: 'posterior', type: 'string', default: 'tempered', description: "what the student learns: 'tempered' (every supervisor through its own fitted table, abstentions included, the g supervisors sharing a source each counting 1/g; label-model-posterior.ts) or 'fit' (the fit's own posterior: each block's outcome through its table, dependent sets jointly). On spam with fine-tuned students the tempered one's student is better on 31 seeds of 40 and worse on 8 (docs/methods.md)" },
    HARD_PARAM,
  ],
  async run(ctx, p) {
    const k = ctx.numClasses;
    const sups = collectSupervisors(ctx, 'ensemble_labelmodel');
    if (sups.names.length === 1) return singleSupervisorFallback(ctx, 'ensemble_labelmodel', p.hard as boolean);
    const m = sups.names.length;
    const votes = votesFromProbs(sups.transfer, k);
    const posterior = p.posterior as string;
    if (posterior !== 'fit' && posterior !== 'tempered') throw new Error(`ensemble_labelmodel: posterior must be 'fit' or 'tempered', got '${posterior}'`);
    const bins = checkRange('ensemble_labelmodel', 'bins', p.bins as number, 1, 100);
    if (!Number.isInteger(bins)) throw new Error(`ensemble_labelmodel: bins must be a whole number, got ${bins}`);
    const lm = dawidSkene(votes, m, k, {
      smoothing: checkRange('ensemble_labelmodel', 'smoothing', p.smoothing as number, 0, 1e6),
      maxIter: checkRange('ensemble_labelmodel', 'maxIter', p.maxIter as number, 1, 1e6),
      sources: sups.sources,
      dependencies: p.dependencies as boolean,
      grading: bins > 1 ? { confidence: voteConfidence(sups.transfer, votes, k), bins } : undefined,
    });
    if (new Set(sups.sources).size === 1) {
      ctx.log(posterior === 'fit'
        ? 'all supervisors share one source: with nothing independent to weigh them against, a row’s posterior is the mean vote shares of the rows where the block’s plurality vote and its count are the same'
        : 'all supervisors share one source: with nothing independent to weigh them against, a row’s posterior is the class prior times the geometric mean of their fitted tables at their votes');
    }
    const dependent = lm.dependent.map((g) => g.map((j) => sups.names[j]).join('+')).join(', ');
    ctx.log(p.dependencies ? `dependent given the class, modelled jointly: ${dependent || 'none found'}` : 'dependency search off: declared blocks only, independent given the class');
    if (bins > 1 && !p.dependencies) {
      ctx.log(`warning: bins=${bins} with the dependency search off. Confidence bins can show dependence between the supervisors that a model without the search explains by relabelling rows: on spam (seed 0) this fit's labels fell from 0.94 to 0.82 accurate. Keep dependencies=true with bins > 1 (docs/methods.md)`);
    }
    ctx.log(`EM ${lm.converged ? 'converged' : 'stopped'} after ${lm.iterations} iterations; accuracies ${describeSupervisors(sups, (j) => lm.accuracy[j].toFixed(3))}`);
    const targets = posterior === 'tempered' ? temperedPosterior(votes, m, k, lm) : lm.posterior;
    const student = await ctx.student.train({ pool: 'transfer', targets: p.hard ? hardLabels(targets, k) : targets });
    return {
      student,
      notes: {
        supervisors: m,
        sources: new Set(sups.sources).size,
        em_iterations: lm.iterations,
        em_converged: lm.converged,
        posterior,
        dependent_sets: dependent,
        ...Object.fromEntries(sups.names.map((s, j) => [`accuracy_${s}`, lm.accuracy[j]])),
      },
    };
  },
});
