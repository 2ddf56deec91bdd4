/**
 * A worker loop of the embedded queue: claim a job, keep its lease alive with
 * heartbeats, hand it to the SubmissionRunner, and write the result or the failure
 * while still holding the lease. Several loops (in the server or in `w2s worker`
 * processes) share one store.
 */
import { randomBytes } from 'node:crypto';
import { exampleIdsOf, getChallengeById } from '../db/challenges.js';
import { claimJob, finishJob, heartbeat, type Lease } from '../db/jobs.js';
import type { ServerDb } from '../db/schema.js';
import { getSnapshot } from '../db/snapshots.js';
import { getSubmission } from '../db/submissions.js';
import { resultProblem, writeFailure, writeResult } from './complete.js';
import { RunnerFailure, type SubmissionJob, type SubmissionRunner } from './runner.js';

export interface WorkerOptions {
  /** How long a lease lasts without a heartbeat. */
  leaseMs?: number;
  heartbeatMs?: number;
  pollMs?: number;
  owner?: string;
  now?: () => number;
  onEvent?: (event: string, lease: Lease) => void;
}

export interface Worker {
  readonly owner: string;
  /** Resolves once the loop has stopped (after its current job). */
  stop(): Promise<void>;
}

export const DEFAULT_LEASE_MS = 30_000;

/** Runs one claimed job to the end; returns what happened. */
export async function runJob(sdb: ServerDb, lease: Lease, runner: SubmissionRunner, o: Required<Pick<WorkerOptions, 'leaseMs' | 'heartbeatMs' | 'now'>>): Promise<'done' | 'failed' | 'lost'> {
  const sub = getSubmission(sdb, lease.submissionId)!;
  const challenge = getChallengeById(sdb, sub.challengeId)!;
  const snapshot = getSnapshot(sdb, sub.snapshotId)!;
  const abort = new AbortController();
  const beat = setInterval(() => {
    if (!heartbeat(sdb, lease, o.leaseMs, o.now())) abort.abort();
  }, o.heartbeatMs);
  const seeds = Array.from({ length: sub.seeds }, (_, seed) => ({
    seed, dev: exampleIdsOf(sdb, challenge, seed, 'dev'), final: exampleIdsOf(sdb, challenge, seed, 'final'),
  }));
  const job: SubmissionJob = { submission: sub, challenge, snapshot, seeds, signal: abort.signal };
  let ok: boolean;
  let outcome: 'done' | 'failed';
  try {
    const result = await runner.run(job);
    const problem = resultProblem(job, result);
    outcome = problem ? 'failed' : 'done';
    ok = finishJob(sdb, lease, outcome, o.now(), () =>
      problem ? writeFailure(sdb, sub, `the runner's result cannot be scored: ${problem}`, result.logs) : writeResult(sdb, sub, challenge, result, o.now()),
    );
  } catch (e) {
    const err = e as Error;
    const logs = e instanceof RunnerFailure ? e.logs : (err.stack ?? err.message);
    outcome = 'failed';
    ok = finishJob(sdb, lease, 'failed', o.now(), () => writeFailure(sdb, sub, `the method failed: ${err.message}`, logs));
  } finally {
    clearInterval(beat);
  }
  return ok ? outcome : 'lost';
}

/** Starts a worker loop polling the store for jobs. */
export function startWorker(sdb: ServerDb, runner: SubmissionRunner, options: WorkerOptions = {}): Worker {
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const o = { leaseMs, heartbeatMs: options.heartbeatMs ?? Math.max(50, Math.floor(leaseMs / 3)), now: options.now ?? Date.now };
  const pollMs = options.pollMs ?? 500;
  const owner = options.owner ?? `${process.pid}-${randomBytes(3).toString('hex')}`;
  let stopping = false;
  let wake: (() => void) | null = null;
  const loop = (async () => {
    while (!stopping) {
      const lease = claimJob(sdb, owner, leaseMs, o.now());
      if (!lease) {
        await new Promise<void>((r) => {
          const t = setTimeout(r, pollMs);
          wake = () => (clearTimeout(t), r());
        });
        wake = null;
        continue;
      }
      options.onEvent?.('claimed', lease);
      const outcome = await runJob(sdb, lease, runner, o);
      options.onEvent?.(outcome, lease);
    }
  })();
  return {
    owner,
    stop: async () => {
      stopping = true;
      wake?.();
      await loop;
    },
  };
}
