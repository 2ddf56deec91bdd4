/**
 * Audits that catch reward hacking before a result counts (the 2026 sandbox's
 * hacks: skipping the teacher, predicting the most common answer).
 * - *Prior-only*: the method's student does no better on test than always
 *   predicting the weak labels' most common class.
 * - *Teacher bypass*: the run again with the weak labels (and every extra
 *   supervisor) permuted across examples. A method that learns from its teacher
 *   collapses; one whose accuracy survives did not need the teacher — it found
 *   the labels elsewhere.
 * A flagged method is marked with the reason, not dropped.
 */
import { auditVerdict } from './audit-verdict.js';
import { runExperiment, type ExperimentConfig, type RunEnv, type RunOutcome } from './run.js';

export { auditVerdict, BYPASS_SHARE, PRIOR_MARGIN } from './audit-verdict.js';

export interface AuditResult {
  transferAcc: number;
  priorAcc: number;
  permutedTeacherAcc: number;
  priorOnly: boolean;
  teacherBypass: boolean;
  flagged: boolean;
  reasons: string[];
  runs: { honest: RunOutcome; permuted: RunOutcome };
}

/** Runs a method as configured and with its teacher permuted, and judges both audits on test. */
export async function auditMethod(cfg: ExperimentConfig, env: RunEnv): Promise<AuditResult> {
  const honest = await runExperiment({ ...cfg, teacher: undefined }, env);
  const permuted = await runExperiment({ ...cfg, teacher: 'permuted' }, env);
  const t = honest.metrics.test as typeof honest.metrics.test & { prior_acc?: number };
  if (t.prior_acc === undefined) throw new Error('audit: the run has no prior_acc (a run stored by an older w2s); run it again with a fresh store');
  const accs = { transferAcc: t.transfer_acc, priorAcc: t.prior_acc, permutedTeacherAcc: permuted.metrics.test.transfer_acc };
  const v = auditVerdict(accs);
  return { ...accs, ...v, flagged: v.priorOnly || v.teacherBypass, runs: { honest, permuted } };
}
