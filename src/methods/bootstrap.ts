import { checkRange, hardLabels } from './labels.js';
import { registerMethod } from './registry.js';
import type { Student } from '../contract/types.js';

/**
 * Bootstrapping (strong-to-strong, born-again distillation): round 0 trains a
 * student on the weak labels; each later round trains a fresh student on the
 * previous student's predictions on transfer. `rounds` = k later rounds, so
 * k + 1 students in all; the last is returned.
 */
export const bootstrap = registerMethod({
  name: 'bootstrap',
  description: "Round 0 on weak labels, then `rounds` fresh students each trained on the previous student's predictions on transfer.",
  params: [
    { name: 'rounds', type: 'number', default: 2, description: 'rounds after the first (k); k + 1 students are trained' },
    { name: 'hard', type: 'boolean', default: false, description: "train later rounds on argmax of the previous student's predictions instead of its soft predictions" },
  ],
  async run(ctx, p) {
    const rounds = checkRange('bootstrap', 'rounds', p.rounds as number, 0, 100);
    if (!Number.isInteger(rounds)) throw new Error(`bootstrap: rounds must be an integer, got ${rounds}`);
    const k = ctx.numClasses;
    let student: Student = await ctx.student.train({ pool: 'transfer', targets: ctx.transfer.weakProbs });
    for (let r = 1; r <= rounds; r++) {
      const prev = await student.predict('transfer');
      student = await ctx.student.train({ pool: 'transfer', targets: p.hard ? hardLabels(prev, k) : prev });
      ctx.log(`round ${r}: trained on round ${r - 1}'s predictions`);
    }
    return { student, notes: { students: rounds + 1 } };
  },
});
