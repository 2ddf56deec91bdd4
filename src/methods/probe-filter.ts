import { checkRange } from './labels.js';
import { dropHighest, keptNotes, trainOnRows } from './filters.js';
import { PROBE_PARAMS, probeLabels, rowDistance } from './probe-labels.js';
import { registerMethod } from './registry.js';

/** Drop the examples whose weak label a probe on the strong features most disagrees with. */
export const probeFilter = registerMethod({
  name: 'probe_filter',
  description: 'Drop the share `drop` of transfer examples where a kNN/logistic probe on the strong features most disagrees with the weak label; train on the rest.',
  params: [
    ...PROBE_PARAMS,
    { name: 'drop', type: 'number', default: 0.2, description: 'share of transfer examples dropped (largest total-variation distance between probe and weak label)' },
    { name: 'hard', type: 'boolean', default: false, description: 'train on argmax(weak) instead of the soft weak labels' },
  ],
  async run(ctx, p) {
    const drop = checkRange('probe_filter', 'drop', p.drop as number, 0, 1, { hiOpen: true });
    const kNeighbors = checkRange('probe_filter', 'k', p.k as number, 1, 1e6);
    const labels = await probeLabels(ctx, p.probe as string, kNeighbors, p.folds as number);
    const rows = dropHighest(rowDistance(labels, ctx.transfer.weakProbs, ctx.numClasses), drop);
    ctx.log(`kept ${rows.length} of ${ctx.transfer.ids.length} transfer examples`);
    const student = await trainOnRows(ctx, rows, p.hard as boolean, 'probe_filter');
    return { student, notes: keptNotes(rows.length, ctx.transfer.ids.length) };
  },
});
