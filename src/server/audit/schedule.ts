/**
 * Running audits: which rows to audit (rules.ts, on the leaderboard's order), the reruns
 * an audit queues, and settling each check once the reruns it needs have finished. Every
 * step runs inside the write that triggered it (a submission's or a rerun's completion),
 * and `reconcileAudits` at server start repeats whatever a crash could have cut short, so
 * an audit is never lost: its reruns are queued jobs, resumed like any other.
 */
import { auditRunsOf, auditsOf, auditRun, challengesQueried, pendingAudits, settleCheck, startAudit, type AuditRun, type PlannedRun } from '../db/audits.js';
import { getChallengeById, listChallenges, type Challenge } from '../db/challenges.js';
import type { ServerDb } from '../db/schema.js';
import { getSubmission, type Submission } from '../db/submissions.js';
import { leaderboard } from '../leaderboard.js';
import type { AuditRunSpec, SeedScores } from '../queue/runner.js';
import { AUDIT_CHECKS, freshSeeds, judgeReseed, judgeTeacher, judgeTransfer, rowsToAudit, transferTargets, type AuditCheck, type Verdict } from './rules.js';

type Role = AuditRunSpec['role'];

/** The reruns each check waits on. */
const NEEDS: Record<AuditCheck, readonly Role[]> = {
  'teacher-bypass': ['honest', 'permuted'],
  'prior-only': ['honest', 'permuted'],
  reseed: ['honest', 'fresh'],
  transfer: ['transfer', 'transfer-vanilla'],
};

const ROLE_NAMES: Record<Role, string> = {
  honest: 'rerun as submitted',
  permuted: 'rerun with its weak labels permuted',
  fresh: 'rerun on fresh seeds',
  transfer: 'rerun on another challenge',
  'transfer-vanilla': "vanilla reference on another challenge",
};

/** The reruns that audit submission `s` on challenge `c`. */
export function planAudit(sdb: ServerDb, s: Submission, c: Challenge): PlannedRun[] {
  const own = Array.from({ length: s.seeds }, (_, i) => i);
  const targets = transferTargets(listChallenges(sdb), c, challengesQueried(sdb, s.researcherId));
  return [
    { role: 'honest', challengeId: c.id, seeds: own },
    { role: 'permuted', challengeId: c.id, seeds: own },
    { role: 'fresh', challengeId: c.id, seeds: freshSeeds(c.salt, c.seeds) },
    ...targets.flatMap((t): PlannedRun[] => {
      const seeds = freshSeeds(t.salt, t.seeds);
      return [{ role: 'transfer', challengeId: t.id, seeds }, { role: 'transfer-vanilla', challengeId: t.id, seeds }];
    }),
  ];
}

/** Starts the audits the rule asks for on challenge `c` (none where the challenge turned audits off); returns the submissions it started auditing. */
export function scheduleAudits(sdb: ServerDb, c: Challenge): number[] {
  if (c.config.audits === false) return [];
  const rows = leaderboard(sdb, c).map((r) => ({ id: r.submission_id, status: r.audit.status }));
  const ids = rowsToAudit(rows);
  for (const id of ids) {
    const s = getSubmission(sdb, id)!;
    startAudit(sdb, s, AUDIT_CHECKS, planAudit(sdb, s, c));
    settleAudits(sdb, id); // a check that needs no rerun (transfer with no other challenge) settles now
  }
  return ids;
}

const scoresOf = (runs: AuditRun[], role: Role): SeedScores[] => runs.filter((r) => r.role === role).flatMap((r) => r.scores ?? []);

function verdictOf(sdb: ServerDb, check: AuditCheck, runs: AuditRun[]): Verdict {
  const failed = runs.find((r) => r.status === 'failed');
  if (failed?.role === 'transfer-vanilla') return { status: 'n/a', reason: `the ${ROLE_NAMES[failed.role]} failed (the server's problem, not the method's)`, figures: {} };
  if (failed) return { status: 'flagged', reason: `its ${ROLE_NAMES[failed.role]} failed: a method that fails when audited cannot be verified`, figures: {} };
  if (check === 'teacher-bypass' || check === 'prior-only') return judgeTeacher(scoresOf(runs, 'honest'), scoresOf(runs, 'permuted'))[check];
  if (check === 'reseed') return judgeReseed(scoresOf(runs, 'honest'), scoresOf(runs, 'fresh'));
  const on = [...new Set(runs.map((r) => r.challengeId))].map((id) => {
    const here = runs.filter((r) => r.challengeId === id);
    return { challenge: getChallengeById(sdb, id)!.name, method: scoresOf(here, 'transfer'), vanilla: scoresOf(here, 'transfer-vanilla') };
  });
  return judgeTransfer(on);
}

/** Settles every pending check of `auditedId` whose reruns have all finished. */
export function settleAudits(sdb: ServerDb, auditedId: number): void {
  const runs = auditRunsOf(sdb, auditedId);
  for (const m of auditsOf(sdb, auditedId)) {
    if (m.status !== 'pending') continue;
    const needed = runs.filter((r) => NEEDS[m.check].includes(r.role));
    if (needed.some((r) => r.status === 'queued' || r.status === 'running')) continue;
    settleCheck(sdb, auditedId, m.check, verdictOf(sdb, m.check, needed));
  }
}

/** After a rerun finished (done or failed): settle the audit it belongs to, and audit the next row if this one was flagged. */
export function afterAuditRun(sdb: ServerDb, runId: number): void {
  const run = auditRun(sdb, runId);
  if (!run) return;
  settleAudits(sdb, run.auditedId);
  const audited = getSubmission(sdb, run.auditedId)!;
  scheduleAudits(sdb, getChallengeById(sdb, audited.challengeId)!);
}

/** At server start: settle what a crash left settled-but-unwritten, and start audits the rule asks for. */
export function reconcileAudits(sdb: ServerDb): void {
  sdb.db.transaction(() => {
    for (const id of pendingAudits(sdb)) settleAudits(sdb, id);
    for (const c of listChallenges(sdb)) scheduleAudits(sdb, c);
  }).immediate();
}
