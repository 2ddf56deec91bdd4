/**
 * The one completion path, run while the job is held: a submission's outcome into stored
 * predictions and a released score (or a failure), then the audits that result calls for;
 * an audit rerun's outcome into its scores (no release: the researcher sees only the verdict).
 */
import { mean } from '../../metrics/index.js';
import { afterAuditRun, scheduleAudits } from '../audit/schedule.js';
import { recordRunScores } from '../db/audits.js';
import { fixedBaselines } from '../challenge/baselines.js';
import { labelsOf, type Challenge } from '../db/challenges.js';
import { appendLog } from '../db/jobs.js';
import { releaseScore } from '../db/scores.js';
import { nowIso, type ServerDb } from '../db/schema.js';
import type { Submission } from '../db/submissions.js';
import { getResearcher } from '../db/tokens.js';
import { accuracyOf, predictionProblem } from '../holdout/score.js';
import type { JobOutcome } from './job.js';
import type { JobSpec, RunnerResult, SeedScores } from './runner.js';

/** Why a runner's result cannot be scored, or null. */
export function resultProblem(job: JobSpec, r: RunnerResult): string | null {
  const k = job.challenge.classes.length;
  for (const s of job.seeds) {
    const got = r.perSeed.find((p) => p.seed === s.seed);
    if (!got) return `the runner returned no predictions for seed ${s.seed}`;
    for (const part of ['dev', 'final'] as const) {
      const problem = predictionProblem(got[part], s[part].length, k);
      if (problem) return `seed ${s.seed} ${part}: ${problem}`;
    }
  }
  return null;
}

/** Writes predictions, releases the mean dev accuracy over seeds through the Ladder, marks the submission done. */
export function writeResult(sdb: ServerDb, sub: Submission, c: Challenge, r: RunnerResult, now: number): void {
  const put = sdb.db.prepare('INSERT INTO submission_predictions (submission_id, seed, dev_json, final_json) VALUES (?, ?, ?, ?)');
  const devAcc: number[] = [];
  for (const p of r.perSeed) {
    put.run(sub.id, p.seed, JSON.stringify(p.dev), JSON.stringify(p.final));
    devAcc.push(accuracyOf(p.dev, labelsOf(sdb, c, p.seed, 'dev')));
  }
  const researcher = getResearcher(sdb, sub.researcherId)!;
  const release = releaseScore(sdb, {
    researcher, challenge: c, accuracy: mean(devAcc), weakDev: fixedBaselines(sdb, c, 'dev').weak, source: 'submission', now, quota: false,
  });
  if (r.logs) appendLog(sdb, sub.id, r.logs);
  sdb.db.prepare("UPDATE submissions SET status = 'done', score_id = ?, finished_at = ? WHERE id = ?").run(release.scoreId, nowIso(), sub.id);
  scheduleAudits(sdb, c);
}

export function writeFailure(sdb: ServerDb, sub: Submission, error: string, logs: string): void {
  if (logs) appendLog(sdb, sub.id, logs);
  sdb.db.prepare("UPDATE submissions SET status = 'failed', error = ?, finished_at = ? WHERE id = ?").run(error, nowIso(), sub.id);
}

/**
 * What finishing a job records and the write that does it, for the queue to run inside
 * its hold on the job (finishJob): a result is checked before it is scored, so a runner
 * (or a remote worker) returning the wrong shape fails the submission instead of the store.
 */
export function outcomeWrite(sdb: ServerDb, spec: JobSpec, outcome: JobOutcome, now: number): { state: 'done' | 'failed'; write: () => void } {
  const sub = spec.submission;
  if (spec.audit) return auditOutcomeWrite(sdb, spec, outcome);
  if (outcome.status === 'failed') return { state: 'failed', write: () => writeFailure(sdb, sub, outcome.error, outcome.logs) };
  const problem = resultProblem(spec, outcome.result);
  if (problem) return { state: 'failed', write: () => writeFailure(sdb, sub, `the runner's result cannot be scored: ${problem}`, outcome.result.logs) };
  return { state: 'done', write: () => writeResult(sdb, sub, spec.challenge, outcome.result, now) };
}

/** An audit rerun's outcome: the run's test scores per seed (or its failure), then the audit it belongs to is settled. */
function auditOutcomeWrite(sdb: ServerDb, spec: JobSpec, outcome: JobOutcome): { state: 'done' | 'failed'; write: () => void } {
  const sub = spec.submission;
  const fail = (error: string, logs: string) => ({ state: 'failed' as const, write: () => (writeFailure(sdb, sub, error, logs), afterAuditRun(sdb, sub.id)) });
  if (outcome.status === 'failed') return fail(outcome.error, outcome.logs);
  const scores: SeedScores[] = [];
  for (const s of spec.seeds) {
    const got = outcome.result.perSeed.find((p) => p.seed === s.seed)?.scores;
    if (!got) return fail(`the runner returned no test scores for seed ${s.seed} (an audit rerun needs them)`, outcome.result.logs);
    scores.push(got);
  }
  return {
    state: 'done',
    write: () => {
      if (outcome.result.logs) appendLog(sdb, sub.id, outcome.result.logs);
      recordRunScores(sdb, sub.id, scores);
      afterAuditRun(sdb, sub.id);
    },
  };
}
