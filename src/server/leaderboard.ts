/**
 * A challenge's leaderboard, recomputed from stored predictions on every request (no
 * number a method reports is used). Before the challenge is revealed a row shows only
 * its released dev score (the Ladder's); after, its final-part accuracy and PGR against
 * the fixed baselines with 95% intervals over seeds and examples, and the paired
 * difference in PGR to vanilla on the same seeds. Each row carries its audit (audit/): a
 * flagged row stays listed with its mark, and the challenge's top is the best row that passed.
 */
import { bootstrapPgr, pairedDifferenceCi, pgr, type SeedCorrectness } from '../metrics/index.js';
import { Rng } from '../util/rng.js';
import { fixedBaselines } from './challenge/baselines.js';
import { baselinesOf, labelsOf, type Challenge } from './db/challenges.js';
import type { ServerDb } from './db/schema.js';
import { auditStatus, type AuditCheck, type AuditStatus, type CheckStatus } from './audit/rules.js';
import { auditsOf } from './db/audits.js';
import { getSnapshot } from './db/snapshots.js';
import { listSubmissions, submissionPredictions, type Submission } from './db/submissions.js';
import { getResearcher } from './db/tokens.js';
import { hits } from './holdout/score.js';
import { round } from './routes/lookup.js';

export interface Interval {
  estimate: number | null;
  low: number | null;
  high: number | null;
}

export interface FinalScores {
  accuracy: number | null;
  pgr: Interval;
  vs_vanilla: Interval & { p_value: number | null };
}

export interface LeaderboardRow {
  submission_id: number;
  researcher: string;
  snapshot_id: string;
  parent_id: string | null;
  params: Record<string, unknown>;
  seeds: number;
  final: boolean;
  released: { accuracy: number; pgr: number | null } | null;
  final_scores: FinalScores | null;
  audit: RowAudit;
}

/** What a row shows of its audit: the verdict of each check, with its figures only once the challenge is revealed. */
export interface RowAudit {
  status: AuditStatus;
  checks: { check: AuditCheck; status: CheckStatus; reason: string; figures: Record<string, number> | null }[];
}

export function rowAudit(sdb: ServerDb, c: Challenge, submissionId: number): RowAudit {
  const checks = auditsOf(sdb, submissionId).map((m) => ({ check: m.check, status: m.status, reason: m.reason, figures: c.revealed ? m.figures : null }));
  return { status: auditStatus(checks), checks };
}

/** The challenge's top: the best-ranked row whose audit passed (a flagged, pending or unaudited row never is). */
export function topOf(rows: readonly LeaderboardRow[]): number | null {
  return rows.find((r) => r.audit.status === 'passed')?.submission_id ?? null;
}

const interval = (x: { estimate: number; low: number; high: number }): Interval => ({ estimate: round(x.estimate), low: round(x.low), high: round(x.high) });

/** The released dev score of a submission (what its owner saw). */
export function releasedOf(sdb: ServerDb, c: Challenge, s: Submission): LeaderboardRow['released'] {
  if (s.scoreId === null) return null;
  const r = sdb.db.prepare('SELECT released_accuracy FROM scores WHERE id = ?').get(s.scoreId) as { released_accuracy: number };
  const b = fixedBaselines(sdb, c, 'dev');
  return { accuracy: r.released_accuracy, pgr: round(pgr(round(b.weak)!, round(b.ceiling)!, r.released_accuracy)) };
}

/** Final-part scores of a final submission with intervals; null unless the challenge is revealed. */
export function finalScoresOf(sdb: ServerDb, c: Challenge, s: Submission, samples = 1000): FinalScores | null {
  if (!c.revealed || !s.final || s.status !== 'done') return null;
  const base = baselinesOf(sdb, c);
  const preds = submissionPredictions(sdb, s.id);
  const a: SeedCorrectness[] = [];
  const b: SeedCorrectness[] = [];
  let correct = 0, total = 0;
  for (const p of preds) {
    const labels = labelsOf(sdb, c, p.seed, 'final');
    const bl = base.get(p.seed)!;
    const weakCorrect = hits(bl.weak.final, labels), ceilingCorrect = hits(bl.ceiling.final, labels);
    const transferCorrect = hits(p.final, labels);
    for (const v of transferCorrect) correct += v;
    total += labels.length;
    a.push({ weakCorrect, ceilingCorrect, transferCorrect });
    b.push({ weakCorrect, ceilingCorrect, transferCorrect: hits(bl.vanilla.final, labels) });
  }
  const pg = bootstrapPgr({ seeds: a, fixedBaselines: true, samples, rng: new Rng(s.id) });
  const diff = pairedDifferenceCi({ a, b, fixedBaselines: true, samples, rng: new Rng(s.id + 1) });
  return {
    accuracy: round(correct / total),
    pgr: interval(pg),
    vs_vanilla: { ...interval(diff), p_value: round(diff.pValue) },
  };
}

export function leaderboard(sdb: ServerDb, c: Challenge): LeaderboardRow[] {
  const rows = listSubmissions(sdb, { challengeId: c.id, status: 'done' }).map((s): LeaderboardRow => {
    const snap = getSnapshot(sdb, s.snapshotId)!;
    return {
      submission_id: s.id,
      researcher: getResearcher(sdb, s.researcherId)!.name,
      snapshot_id: s.snapshotId,
      parent_id: snap.parentId,
      params: s.params,
      seeds: s.seeds,
      final: s.final,
      released: releasedOf(sdb, c, s),
      final_scores: finalScoresOf(sdb, c, s),
      audit: rowAudit(sdb, c, s.id),
    };
  });
  const key = (r: LeaderboardRow) => r.final_scores?.pgr.estimate ?? r.released?.accuracy ?? -Infinity;
  return rows.sort((x, y) => key(y) - key(x) || x.submission_id - y.submission_id);
}
