/**
 * The embedded queue: jobs in the server store (db/jobs.ts). A worker loop claims a job
 * with a lease, keeps it alive with heartbeats, runs the job code (job.ts) and writes the
 * outcome while still holding the lease. Several loops (in the server or in `w2s worker`
 * processes on the same home) share one store.
 */
import { randomBytes } from 'node:crypto';
import { claimJob, finishJob, heartbeat, type Lease } from '../db/jobs.js';
import type { ServerDb } from '../db/schema.js';
import { outcomeWrite } from './complete.js';
import { executeJob, loadJob } from './job.js';
import type { SubmissionQueue, Worker } from './queue.js';
import type { SubmissionRunner } from './runner.js';

export type { Worker } from './queue.js';

export interface WorkerOptions {
  /** How long a lease lasts without a heartbeat. */
  leaseMs?: number;
  heartbeatMs?: number;
  pollMs?: number;
  owner?: string;
  now?: () => number;
  onEvent?: (event: string, lease: Lease) => void;
}

export const DEFAULT_LEASE_MS = 30_000;

/** Runs one claimed job to the end; returns what happened ('lost': the lease was gone, nothing was written). */
export async function runJob(sdb: ServerDb, lease: Lease, runner: SubmissionRunner, o: Required<Pick<WorkerOptions, 'leaseMs' | 'heartbeatMs' | 'now'>>): Promise<'done' | 'failed' | 'lost'> {
  const spec = loadJob(sdb, lease.submissionId);
  const abort = new AbortController();
  const beat = setInterval(() => {
    if (!heartbeat(sdb, lease, o.leaseMs, o.now())) abort.abort();
  }, o.heartbeatMs);
  let outcome;
  try {
    outcome = await executeJob(spec, runner, abort.signal);
  } finally {
    clearInterval(beat);
  }
  const w = outcomeWrite(sdb, spec, outcome, o.now());
  return finishJob(sdb, lease, w.state, o.now(), w.write) ? w.state : 'lost';
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

/** The embedded queue on a store: workers poll it, so dispatching is nothing to do. */
export function embeddedQueue(sdb: ServerDb, options: WorkerOptions = {}): SubmissionQueue {
  const workers: Worker[] = [];
  return {
    kind: 'embedded',
    dispatch: async () => {},
    startWorker(runner) {
      const w = startWorker(sdb, runner, options);
      workers.push(w);
      return w;
    },
    close: async () => {
      await Promise.all(workers.splice(0).map((w) => w.stop()));
    },
  };
}
