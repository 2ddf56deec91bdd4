import { registerMethod } from './registry.js';
import { hardLabels, smoothLabels } from './labels.js';

/** Fine-tune the student on the weak labels: the baseline every method is compared with. */
export const vanilla = registerMethod({
  name: 'vanilla',
  description: 'Train the student on the weak labels with cross-entropy (soft or hard), optional label smoothing and early stopping on weak-labeled val.',
  params: [
    { name: 'hard', type: 'boolean', default: false, description: 'use argmax(weak) instead of the soft weak probabilities' },
    { name: 'smoothing', type: 'number', default: 0, description: 'label smoothing epsilon in [0, 1)' },
    { name: 'earlyStop', type: 'boolean', default: false, description: 'keep the epoch with the best agreement with weak labels on val' },
  ],
  async run(ctx, p) {
    const k = ctx.numClasses;
    let targets = p.hard ? hardLabels(ctx.transfer.weakProbs, k) : ctx.transfer.weakProbs;
    if ((p.smoothing as number) > 0) targets = smoothLabels(targets, k, p.smoothing as number);
    const student = await ctx.student.train({ pool: 'transfer', targets, earlyStopOnWeakVal: p.earlyStop as boolean });
    return { student };
  },
});
