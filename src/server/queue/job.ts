/**
 * The job code every queue runs: what a job carries (read from the store), running it
 * with the SubmissionRunner, and the outcome that goes back to be written by the one
 * completion path (`outcomeWrite` in complete.ts). A queue only decides where this runs
 * and how the outcome travels; it never scores, retries a method, or writes a result itself.
 */
import { auditRun } from '../db/audits.js';
import { exampleIdsOf, getChallengeById } from '../db/challenges.js';
import type { ServerDb } from '../db/schema.js';
import { getSnapshot } from '../db/snapshots.js';
import { queuedRun } from '../db/submissions.js';
import { RunnerFailure, type AuditRunSpec, type JobSpec, type RunnerResult, type SubmissionRunner } from './runner.js';

/** What a run produced: predictions to score, or why it failed (a method's failure is an outcome, not a retry). */
export type JobOutcome = { status: 'done'; result: RunnerResult } | { status: 'failed'; error: string; logs: string };

/** The job of a submission (or of an audit's rerun: its seeds, no examples to predict, and how it reruns), as the store has it. */
export function loadJob(sdb: ServerDb, submissionId: number): JobSpec {
  const submission = queuedRun(sdb, submissionId);
  if (!submission) throw new Error(`no submission ${submissionId} in ${sdb.path}`);
  const challenge = getChallengeById(sdb, submission.challengeId)!;
  const snapshot = getSnapshot(sdb, submission.snapshotId)!;
  if (submission.kind === 'audit') {
    const run = auditRun(sdb, submissionId)!;
    const audit: AuditRunSpec = {
      auditedId: run.auditedId, role: run.role, method: run.role === 'transfer-vanilla' ? 'vanilla' : 'snapshot',
      ...(run.role === 'permuted' ? { teacher: 'permuted' as const } : {}),
    };
    return { submission, challenge, snapshot, seeds: run.seeds.map((seed) => ({ seed, dev: [], final: [] })), audit };
  }
  const seeds = Array.from({ length: submission.seeds }, (_, seed) => ({
    seed, dev: exampleIdsOf(sdb, challenge, seed, 'dev'), final: exampleIdsOf(sdb, challenge, seed, 'final'),
  }));
  return { submission, challenge, snapshot, seeds };
}

/** Runs the job; never throws for what the method did (that becomes a failed outcome with its logs). */
export async function executeJob(spec: JobSpec, runner: SubmissionRunner, signal: AbortSignal): Promise<JobOutcome> {
  try {
    return { status: 'done', result: await runner.run({ ...spec, signal }) };
  } catch (e) {
    const err = e as Error;
    return { status: 'failed', error: `the method failed: ${err.message}`, logs: e instanceof RunnerFailure ? e.logs : (err.stack ?? err.message) };
  }
}
