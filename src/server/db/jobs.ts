/**
 * The embedded queue: one job per submission, in the server store. A worker claims a job
 * with a lease (owner + expiry) and renews it with heartbeats. A job whose lease runs out
 * (its worker died or stalled) is queued again if it has attempts left, else failed. A
 * result is written only in a transaction that still holds the lease, so a job is never
 * completed twice: a stalled worker that wakes after its lease was taken over finds its
 * completion refused.
 */
import { afterAuditRun } from '../audit/schedule.js';
import { nowIso, type ServerDb } from './schema.js';

export interface Lease {
  jobId: number;
  submissionId: number;
  attempt: number;
  owner: string;
}

interface JobRow {
  id: number; submission_id: number; state: string; attempts: number; max_attempts: number;
  lease_owner: string | null; lease_expires_ms: number | null; started_ms: number | null;
}

const appendLog = (sdb: ServerDb, submissionId: number, line: string) =>
  sdb.db.prepare("UPDATE submissions SET logs = logs || ? WHERE id = ?").run(`${line}\n`, submissionId);

/** Requeues or fails jobs whose lease has expired; returns how many it touched. */
export function recoverExpired(sdb: ServerDb, now: number): number {
  const expired = sdb.db.prepare("SELECT * FROM jobs WHERE state = 'running' AND lease_expires_ms < ?").all(now) as JobRow[];
  for (const j of expired) {
    const ran = Math.max(0, (j.lease_expires_ms ?? now) - (j.started_ms ?? now));
    const retry = j.attempts < j.max_attempts;
    sdb.db
      .prepare('UPDATE jobs SET state = ?, lease_owner = NULL, lease_expires_ms = NULL, run_ms = run_ms + ?, finished_ms = ? WHERE id = ?')
      .run(retry ? 'queued' : 'failed', ran, retry ? null : now, j.id);
    appendLog(sdb, j.submission_id, `[queue] attempt ${j.attempts}: worker ${j.lease_owner} stopped sending heartbeats; ${retry ? 'queued again' : 'no attempts left'}`);
    if (retry) sdb.db.prepare("UPDATE submissions SET status = 'queued' WHERE id = ?").run(j.submission_id);
    else {
      sdb.db
        .prepare("UPDATE submissions SET status = 'failed', error = ?, finished_at = ? WHERE id = ?")
        .run(`the worker running it died on each of ${j.max_attempts} attempts`, nowIso(), j.submission_id);
      afterAuditRun(sdb, j.submission_id); // settles the audit when it was an audit's rerun
    }
  }
  return expired.length;
}

/** The oldest queued job, leased to `owner` until now + leaseMs; null when none is waiting. */
export function claimJob(sdb: ServerDb, owner: string, leaseMs: number, now: number): Lease | null {
  return sdb.db.transaction(() => {
    recoverExpired(sdb, now);
    const j = sdb.db.prepare("SELECT * FROM jobs WHERE state = 'queued' ORDER BY id LIMIT 1").get() as JobRow | undefined;
    if (!j) return null;
    const attempt = j.attempts + 1;
    sdb.db
      .prepare("UPDATE jobs SET state = 'running', attempts = ?, lease_owner = ?, lease_expires_ms = ?, started_ms = ? WHERE id = ?")
      .run(attempt, owner, now + leaseMs, now, j.id);
    sdb.db.prepare("UPDATE submissions SET status = 'running' WHERE id = ?").run(j.submission_id);
    appendLog(sdb, j.submission_id, `[queue] attempt ${attempt} started on worker ${owner}`);
    return { jobId: j.id, submissionId: j.submission_id, attempt, owner };
  }).immediate();
}

/** Extends the lease; false when the worker no longer holds it (it must stop and discard its work). */
export function heartbeat(sdb: ServerDb, lease: Lease, leaseMs: number, now: number): boolean {
  const info = sdb.db
    .prepare("UPDATE jobs SET lease_expires_ms = ? WHERE id = ? AND lease_owner = ? AND attempts = ? AND state = 'running' AND lease_expires_ms >= ?")
    .run(now + leaseMs, lease.jobId, lease.owner, lease.attempt, now);
  return info.changes === 1;
}

/**
 * Ends the job while still holding its lease, running `write` (the result) in the same
 * transaction. Returns false, writing nothing, when the lease was lost.
 */
export function finishJob(sdb: ServerDb, lease: Lease, state: 'done' | 'failed', now: number, write: () => void): boolean {
  return sdb.db.transaction(() => {
    const j = sdb.db.prepare('SELECT * FROM jobs WHERE id = ?').get(lease.jobId) as JobRow;
    const held = j.state === 'running' && j.lease_owner === lease.owner && j.attempts === lease.attempt && (j.lease_expires_ms ?? 0) >= now;
    if (!held) return false;
    sdb.db
      .prepare('UPDATE jobs SET state = ?, lease_owner = NULL, lease_expires_ms = NULL, finished_ms = ?, run_ms = run_ms + ? WHERE id = ?')
      .run(state, now, Math.max(0, now - (j.started_ms ?? now)), j.id);
    write();
    return true;
  }).immediate();
}

export function jobOf(sdb: ServerDb, submissionId: number): { state: string; attempts: number; maxAttempts: number } | undefined {
  const j = sdb.db.prepare('SELECT state, attempts, max_attempts FROM jobs WHERE submission_id = ?').get(submissionId) as
    | { state: string; attempts: number; max_attempts: number }
    | undefined;
  return j && { state: j.state, attempts: j.attempts, maxAttempts: j.max_attempts };
}

/** A hold by an outside queue (BullMQ) never expires here: that queue has its own locks and stall detection. */
const HELD_FOREVER = Number.MAX_SAFE_INTEGER;

/**
 * Hands queued jobs to an outside queue named `owner`: they stay 'running' in this table,
 * held by `owner` without expiry, so no embedded worker claims them and no lease recovery
 * requeues them; the outside queue settles each with finishJob. Returns the submissions handed over.
 */
export function holdQueued(sdb: ServerDb, owner: string, submissionId?: number): number[] {
  return sdb.db.transaction(() => {
    const rows = sdb.db
      .prepare("SELECT submission_id AS id FROM jobs WHERE state = 'queued' AND (? IS NULL OR submission_id = ?) ORDER BY id")
      .all(submissionId ?? null, submissionId ?? null) as { id: number }[];
    const hold = sdb.db.prepare("UPDATE jobs SET state = 'running', lease_owner = ?, lease_expires_ms = ? WHERE submission_id = ? AND state = 'queued'");
    for (const r of rows) hold.run(owner, HELD_FOREVER, r.id);
    return rows.map((r) => r.id);
  }).immediate();
}

/** Submissions whose jobs `owner` holds and has not settled. */
export function heldBy(sdb: ServerDb, owner: string): number[] {
  const rows = sdb.db.prepare("SELECT submission_id AS id FROM jobs WHERE state = 'running' AND lease_owner = ? ORDER BY id").all(owner) as { id: number }[];
  return rows.map((r) => r.id);
}

/**
 * Records that the outside queue started attempt `attempt` of a job it holds (on `worker`,
 * at `startedMs`); earlier attempts it never reported stalled. No-op for an attempt already recorded.
 */
export function noteAttempt(sdb: ServerDb, owner: string, submissionId: number, attempt: number, startedMs: number, worker: string): void {
  sdb.db.transaction(() => {
    const j = sdb.db.prepare("SELECT * FROM jobs WHERE submission_id = ? AND state = 'running' AND lease_owner = ?").get(submissionId, owner) as JobRow | undefined;
    if (!j || attempt <= j.attempts) return;
    for (let a = Math.max(1, j.attempts); a < attempt; a++) {
      appendLog(sdb, submissionId, `[queue] attempt ${a}: its worker stopped renewing the job's lock (killed or stalled); queued again`);
    }
    sdb.db.prepare('UPDATE jobs SET attempts = ?, started_ms = ? WHERE id = ?').run(attempt, startedMs, j.id);
    sdb.db.prepare("UPDATE submissions SET status = 'running' WHERE id = ?").run(submissionId);
    appendLog(sdb, submissionId, `[queue] attempt ${attempt} started on worker ${worker}`);
  }).immediate();
}

/** The lease an outside queue holds on a submission's job, for finishJob; null when it holds none (settled, or never handed over). */
export function heldLease(sdb: ServerDb, owner: string, submissionId: number): Lease | null {
  const j = sdb.db.prepare("SELECT * FROM jobs WHERE submission_id = ? AND state = 'running' AND lease_owner = ?").get(submissionId, owner) as JobRow | undefined;
  return j ? { jobId: j.id, submissionId, attempt: j.attempts, owner } : null;
}

export { appendLog };
