import { checkRange } from './labels.js';
import { confidenceKeep, keptNotes, trainOnRows, type ConfidenceRule } from './filters.js';
import { registerMethod } from './registry.js';

/** Train only on the transfer examples the weak supervisor is confident about. */
export const filterConfidence = registerMethod({
  name: 'filter_confidence',
  description: "Drop transfer examples the weak supervisor is unsure of (p(class 1) in [low, high], or max probability below a threshold), train on the rest.",
  params: [
    { name: 'mode', type: 'string', default: 'band', description: "'band': drop if p(class 1) is in [low, high] (max probability for >2 classes); 'max': keep if max probability >= threshold" },
    { name: 'low', type: 'number', default: 0.25, description: "mode 'band': lower end of the dropped band" },
    { name: 'high', type: 'number', default: 0.75, description: "mode 'band': upper end of the dropped band" },
    { name: 'threshold', type: 'number', default: 0.75, description: "mode 'max': keep rows whose largest weak probability is at least this" },
    { name: 'hard', type: 'boolean', default: false, description: 'train on argmax(weak) instead of the soft weak labels' },
  ],
  async run(ctx, p) {
    const mode = p.mode as string;
    let rule: ConfidenceRule;
    if (mode === 'band') {
      const low = checkRange('filter_confidence', 'low', p.low as number, 0, 1);
      const high = checkRange('filter_confidence', 'high', p.high as number, low, 1);
      rule = { mode, low, high };
    } else if (mode === 'max') {
      rule = { mode, threshold: checkRange('filter_confidence', 'threshold', p.threshold as number, 0, 1) };
    } else {
      throw new Error(`filter_confidence: mode must be 'band' or 'max', got '${mode}'`);
    }
    const rows = confidenceKeep(ctx.transfer.weakProbs, ctx.numClasses, rule);
    ctx.log(`kept ${rows.length} of ${ctx.transfer.ids.length} transfer examples`);
    const student = await trainOnRows(ctx, rows, p.hard as boolean, 'filter_confidence');
    return { student, notes: keptNotes(rows.length, ctx.transfer.ids.length) };
  },
});
