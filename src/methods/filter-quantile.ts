import { checkRange } from './labels.js';
import { keptNotes, quantileKeep, trainOnRows } from './filters.js';
import { registerMethod } from './registry.js';

/** Confidence filtering per class, so a filter cannot empty a class the weak supervisor is less sure of. */
export const filterQuantile = registerMethod({
  name: 'filter_quantile',
  description: "Keep, within each weak-predicted class, the share `keep` of examples with the highest weak confidence; train on those.",
  params: [
    { name: 'keep', type: 'number', default: 0.7, description: 'share of each predicted class kept, in (0, 1]' },
    { name: 'hard', type: 'boolean', default: false, description: 'train on argmax(weak) instead of the soft weak labels' },
  ],
  async run(ctx, p) {
    const keep = checkRange('filter_quantile', 'keep', p.keep as number, 0, 1, { loOpen: true });
    const rows = quantileKeep(ctx.transfer.weakProbs, ctx.numClasses, keep);
    ctx.log(`kept ${rows.length} of ${ctx.transfer.ids.length} transfer examples`);
    const student = await trainOnRows(ctx, rows, p.hard as boolean, 'filter_quantile');
    return { student, notes: keptNotes(rows.length, ctx.transfer.ids.length) };
  },
});
