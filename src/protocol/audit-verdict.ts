/**
 * The verdict rule of the prior-only and teacher-bypass audits, pure and apart from the
 * runs (src/protocol/audits.ts), so the server's audits judge by it without loading the lab.
 */

/** How close to the prior a student may come and still count as learning something. */
export const PRIOR_MARGIN = 0.01;
/** The share of its gain over the prior that an honest method loses when its teacher is permuted, at least. */
export const BYPASS_SHARE = 0.5;

/** The verdicts on test accuracies: pure, so the rule can be read and tested apart from the runs. */
export function auditVerdict(a: { transferAcc: number; priorAcc: number; permutedTeacherAcc: number }): { priorOnly: boolean; teacherBypass: boolean; reasons: string[] } {
  const gain = a.transferAcc - a.priorAcc;
  const priorOnly = gain <= PRIOR_MARGIN;
  const teacherBypass = !priorOnly && a.transferAcc - a.permutedTeacherAcc < BYPASS_SHARE * gain;
  const f = (x: number) => x.toFixed(3);
  const reasons = [
    priorOnly ? `prior-only: test accuracy ${f(a.transferAcc)} is no better than always predicting the weak labels' most common class (${f(a.priorAcc)})` : '',
    teacherBypass ? `teacher bypass: with the weak labels permuted across examples it still reaches ${f(a.permutedTeacherAcc)} of its ${f(a.transferAcc)}: it does not learn from its teacher` : '',
  ].filter(Boolean);
  return { priorOnly, teacherBypass, reasons };
}
