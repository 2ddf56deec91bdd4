/**
 * Submissions: a snapshot, params and seeds on a challenge; queued with their job in one
 * transaction. A row of kind 'audit' is a rerun the server queues to audit a researcher's
 * submission (src/server/audit/): it runs through the same queue and runner, but it is the
 * server's — no researcher lists it, opens it, or pays for it in compute or score quota.
 */
import { nowIso, type ServerDb } from './schema.js';

export type SubmissionStatus = 'queued' | 'running' | 'done' | 'failed';
export type SubmissionKind = 'method' | 'audit';

export interface Submission {
  id: number;
  kind: SubmissionKind;
  researcherId: number;
  challengeId: number;
  snapshotId: string;
  params: Record<string, unknown>;
  seeds: number;
  final: boolean;
  status: SubmissionStatus;
  logs: string;
  error: string | null;
  scoreId: number | null;
  createdAt: string;
  finishedAt: string | null;
}

interface Row {
  id: number; kind: SubmissionKind; researcher_id: number; challenge_id: number; snapshot_id: string; params_json: string; seeds: number; final: number;
  status: SubmissionStatus; logs: string; error: string | null; score_id: number | null; created_at: string; finished_at: string | null;
}

const toSubmission = (r: Row): Submission => ({
  id: r.id, kind: r.kind, researcherId: r.researcher_id, challengeId: r.challenge_id, snapshotId: r.snapshot_id, params: JSON.parse(r.params_json),
  seeds: r.seeds, final: r.final === 1, status: r.status, logs: r.logs, error: r.error, scoreId: r.score_id, createdAt: r.created_at, finishedAt: r.finished_at,
});

/** Creates the submission and its job (up to `maxAttempts` runs if workers die) atomically. */
export function enqueueSubmission(
  sdb: ServerDb,
  s: { researcherId: number; challengeId: number; snapshotId: string; params: Record<string, unknown>; seeds: number; final: boolean; kind?: SubmissionKind },
  maxAttempts = 2,
  check?: () => void,
): Submission {
  const id = sdb.db.transaction(() => {
    check?.();
    const info = sdb.db
      .prepare('INSERT INTO submissions (researcher_id, challenge_id, snapshot_id, params_json, seeds, final, status, kind, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(s.researcherId, s.challengeId, s.snapshotId, JSON.stringify(s.params), s.seeds, s.final ? 1 : 0, 'queued', s.kind ?? 'method', nowIso());
    const sid = Number(info.lastInsertRowid);
    sdb.db.prepare("INSERT INTO jobs (submission_id, state, max_attempts, created_at) VALUES (?, 'queued', ?, ?)").run(sid, maxAttempts, nowIso());
    return sid;
  }).immediate();
  return queuedRun(sdb, id)!;
}

/** A researcher's submission (kind 'method'); an audit's rerun is not one. */
export function getSubmission(sdb: ServerDb, id: number): Submission | undefined {
  const r = queuedRun(sdb, id);
  return r?.kind === 'method' ? r : undefined;
}

/** Any row the queue runs, a researcher's submission or an audit's rerun: for the queue's job code. */
export function queuedRun(sdb: ServerDb, id: number): Submission | undefined {
  const r = sdb.db.prepare('SELECT * FROM submissions WHERE id = ?').get(id) as Row | undefined;
  return r && toSubmission(r);
}

/** Researchers' submissions (never an audit's reruns), oldest first. */
export function listSubmissions(sdb: ServerDb, filter: { challengeId?: number; status?: SubmissionStatus } = {}): Submission[] {
  const rows = sdb.db
    .prepare("SELECT * FROM submissions WHERE kind = 'method' AND (? IS NULL OR challenge_id = ?) AND (? IS NULL OR status = ?) ORDER BY id")
    .all(filter.challengeId ?? null, filter.challengeId ?? null, filter.status ?? null, filter.status ?? null) as Row[];
  return rows.map(toSubmission);
}

/** Stored predictions of a finished submission: class indices per seed on dev and final. */
export function submissionPredictions(sdb: ServerDb, id: number): { seed: number; dev: number[]; final: number[] }[] {
  const rows = sdb.db.prepare('SELECT seed, dev_json, final_json FROM submission_predictions WHERE submission_id = ? ORDER BY seed').all(id) as {
    seed: number; dev_json: string; final_json: string;
  }[];
  return rows.map((r) => ({ seed: r.seed, dev: JSON.parse(r.dev_json), final: JSON.parse(r.final_json) }));
}

export function finalsUsed(sdb: ServerDb, researcherId: number, challengeId: number): number {
  const r = sdb.db.prepare("SELECT count(*) AS n FROM submissions WHERE kind = 'method' AND researcher_id = ? AND challenge_id = ? AND final = 1 AND status != 'failed'").get(researcherId, challengeId) as { n: number };
  return r.n;
}

/** Compute a researcher's jobs have used, in hours (wall time of every attempt); audits of their submissions are the server's. */
export function computeHoursUsed(sdb: ServerDb, researcherId: number): number {
  const r = sdb.db
    .prepare("SELECT coalesce(sum(j.run_ms), 0) AS ms FROM jobs j JOIN submissions s ON s.id = j.submission_id WHERE s.researcher_id = ? AND s.kind = 'method'")
    .get(researcherId) as { ms: number };
  return r.ms / 3_600_000;
}

/** Compute the server has spent on audits, in hours. */
export function auditComputeHours(sdb: ServerDb): number {
  const r = sdb.db.prepare("SELECT coalesce(sum(j.run_ms), 0) AS ms FROM jobs j JOIN submissions s ON s.id = j.submission_id WHERE s.kind = 'audit'").get() as { ms: number };
  return r.ms / 3_600_000;
}
