/**
 * The queue, behind one small interface so the embedded queue (embedded.ts: jobs in the
 * SQLite store, leases with heartbeats) and BullMQ (bullmq.ts: jobs on Redis, locks and
 * stalled-job detection) are interchangeable. Either way the store stays the record: a
 * submission and its job row are written in one transaction before any queue sees them,
 * every worker runs the same job code (job.ts), and every outcome is written by the same
 * completion path (complete.ts) only while the queue still holds the job — so a job is
 * retried at most once when its worker dies and is never completed twice.
 */
import type { SubmissionRunner } from './runner.js';

export interface Worker {
  readonly owner: string;
  /** Resolves once the loop has stopped (after its current job). */
  stop(): Promise<void>;
}

export interface SubmissionQueue {
  readonly kind: 'embedded' | 'bullmq';
  /** Hands a submission already recorded in the store to the workers; repeating it is harmless. */
  dispatch(submissionId: number): Promise<void>;
  /** Starts a worker loop in this process. */
  startWorker(runner: SubmissionRunner): Worker;
  /** Stops the loops this queue started in this process and lets go of its connections. */
  close(): Promise<void>;
}
