/**
 * Audits in the store: one verdict per audited submission and check (`audits`), and the
 * reruns they wait on (`audit_runs`, each a `submissions` row of kind 'audit' with its job,
 * so it goes through the same queue as any submission and resumes after a restart).
 */
import type { AuditCheck, CheckStatus } from '../audit/rules.js';
import type { AuditRunSpec, SeedScores } from '../queue/runner.js';
import { nowIso, type ServerDb } from './schema.js';
import { enqueueSubmission, type Submission, type SubmissionStatus } from './submissions.js';

export interface AuditMark {
  check: AuditCheck;
  status: CheckStatus;
  reason: string;
  figures: Record<string, number> | null;
  finishedAt: string | null;
}

export interface AuditRun {
  runId: number;
  auditedId: number;
  role: AuditRunSpec['role'];
  challengeId: number;
  seeds: number[];
  status: SubmissionStatus;
  error: string | null;
  /** Per seed, in `seeds` order; null until the rerun is done. */
  scores: SeedScores[] | null;
}

/** A rerun to queue: its role, the challenge it runs on, its seeds. */
export interface PlannedRun {
  role: AuditRunSpec['role'];
  challengeId: number;
  seeds: number[];
}

/** The checks of a submission in a fixed order; none when it is not audited. */
export function auditsOf(sdb: ServerDb, submissionId: number): AuditMark[] {
  const rows = sdb.db
    .prepare("SELECT check_name, status, reason, figures_json, finished_at FROM audits WHERE submission_id = ? ORDER BY CASE check_name WHEN 'teacher-bypass' THEN 0 WHEN 'prior-only' THEN 1 WHEN 'reseed' THEN 2 ELSE 3 END")
    .all(submissionId) as { check_name: AuditCheck; status: CheckStatus; reason: string; figures_json: string | null; finished_at: string | null }[];
  return rows.map((r) => ({ check: r.check_name, status: r.status, reason: r.reason, figures: r.figures_json ? JSON.parse(r.figures_json) : null, finishedAt: r.finished_at }));
}

/**
 * Starts auditing `audited`: its checks, pending, and each planned rerun queued as the
 * server's (kind 'audit') — one transaction, so an audit exists whole or not at all.
 */
export function startAudit(sdb: ServerDb, audited: Submission, checks: readonly AuditCheck[], runs: readonly PlannedRun[]): void {
  sdb.db.transaction(() => {
    const put = sdb.db.prepare("INSERT INTO audits (submission_id, check_name, status, reason, created_at) VALUES (?, ?, 'pending', 'waiting for its reruns', ?)");
    for (const c of checks) put.run(audited.id, c, nowIso());
    for (const r of runs) {
      const run = enqueueSubmission(sdb, {
        researcherId: audited.researcherId, challengeId: r.challengeId, snapshotId: audited.snapshotId, params: audited.params,
        seeds: r.seeds.length, final: false, kind: 'audit',
      });
      sdb.db.prepare('INSERT INTO audit_runs (run_id, audited_id, role, seeds_json) VALUES (?, ?, ?, ?)').run(run.id, audited.id, r.role, JSON.stringify(r.seeds));
    }
  }).immediate();
}

interface RunRow { run_id: number; audited_id: number; role: AuditRunSpec['role']; seeds_json: string; scores_json: string | null; challenge_id: number; status: SubmissionStatus; error: string | null }

const toRun = (r: RunRow): AuditRun => ({
  runId: r.run_id, auditedId: r.audited_id, role: r.role, challengeId: r.challenge_id, seeds: JSON.parse(r.seeds_json), status: r.status, error: r.error,
  scores: r.scores_json ? JSON.parse(r.scores_json) : null,
});

const RUNS = 'SELECT a.*, s.challenge_id, s.status, s.error FROM audit_runs a JOIN submissions s ON s.id = a.run_id';

export function auditRun(sdb: ServerDb, runId: number): AuditRun | undefined {
  const r = sdb.db.prepare(`${RUNS} WHERE a.run_id = ?`).get(runId) as RunRow | undefined;
  return r && toRun(r);
}

export function auditRunsOf(sdb: ServerDb, auditedId: number): AuditRun[] {
  return (sdb.db.prepare(`${RUNS} WHERE a.audited_id = ? ORDER BY a.run_id`).all(auditedId) as RunRow[]).map(toRun);
}

/** Audited submissions with a check still pending. */
export function pendingAudits(sdb: ServerDb): number[] {
  return (sdb.db.prepare("SELECT DISTINCT submission_id AS id FROM audits WHERE status = 'pending' ORDER BY id").all() as { id: number }[]).map((r) => r.id);
}

/** Records a finished rerun's scores and marks it done (inside the queue's hold on its job). */
export function recordRunScores(sdb: ServerDb, runId: number, scores: readonly SeedScores[]): void {
  sdb.db.prepare('UPDATE audit_runs SET scores_json = ? WHERE run_id = ?').run(JSON.stringify(scores), runId);
  sdb.db.prepare("UPDATE submissions SET status = 'done', finished_at = ? WHERE id = ?").run(nowIso(), runId);
}

/** Settles one pending check; a settled check is never rewritten. */
export function settleCheck(sdb: ServerDb, submissionId: number, check: AuditCheck, v: { status: Exclude<CheckStatus, 'pending'>; reason: string; figures: Record<string, number> }): void {
  sdb.db
    .prepare("UPDATE audits SET status = ?, reason = ?, figures_json = ?, finished_at = ? WHERE submission_id = ? AND check_name = ? AND status = 'pending'")
    .run(v.status, v.reason, JSON.stringify(v.figures), nowIso(), submissionId, check);
}

/** The challenges a researcher has queried: any submission or released score on them. */
export function challengesQueried(sdb: ServerDb, researcherId: number): Set<number> {
  const rows = sdb.db
    .prepare("SELECT challenge_id AS id FROM submissions WHERE researcher_id = ? AND kind = 'method' UNION SELECT challenge_id AS id FROM scores WHERE researcher_id = ?")
    .all(researcherId, researcherId) as { id: number }[];
  return new Set(rows.map((r) => r.id));
}
