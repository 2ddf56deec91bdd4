import { checkRange } from './labels.js';
import { disagreement, dropHighest, keptNotes, trainOnRows, type DisagreementMeasure } from './filters.js';
import { registerMethod } from './registry.js';

/** Drop the examples where a first-pass student most disagrees with its teacher, then retrain. */
export const filterDisagreement = registerMethod({
  name: 'filter_disagreement',
  description: 'Train a first student on all weak labels, drop the share `drop` of transfer examples where it disagrees most with the teacher, retrain.',
  params: [
    { name: 'drop', type: 'number', default: 0.2, description: 'share of transfer examples dropped, in [0, 1)' },
    { name: 'measure', type: 'string', default: 'kl', description: "'kl': KL(weak ‖ student); 'teacher_prob': 1 − weak probability of the student's class" },
    { name: 'hard', type: 'boolean', default: false, description: 'train the second student on argmax(weak) instead of the soft weak labels' },
  ],
  async run(ctx, p) {
    const drop = checkRange('filter_disagreement', 'drop', p.drop as number, 0, 1, { hiOpen: true });
    const measure = p.measure as string;
    if (measure !== 'kl' && measure !== 'teacher_prob') throw new Error(`filter_disagreement: measure must be 'kl' or 'teacher_prob', got '${measure}'`);
    const k = ctx.numClasses;
    const first = await ctx.student.train({ pool: 'transfer', targets: ctx.transfer.weakProbs });
    const scores = disagreement(ctx.transfer.weakProbs, await first.predict('transfer'), k, measure as DisagreementMeasure);
    const rows = dropHighest(scores, drop);
    ctx.log(`first-pass student trained; kept ${rows.length} of ${ctx.transfer.ids.length} transfer examples`);
    const student = await trainOnRows(ctx, rows, p.hard as boolean, 'filter_disagreement');
    return { student, notes: keptNotes(rows.length, ctx.transfer.ids.length) };
  },
});
