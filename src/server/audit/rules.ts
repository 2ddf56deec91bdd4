/**
 * The audit rules, pure: which rows are audited, which seeds and challenges an audit
 * reruns on, and the verdict of each check from the reruns' test scores. The runs
 * themselves go through the server's queue (schedule.ts); every figure here is the lab
 * scorer's (runExperiment's test split, labels the method never sees).
 *
 * A verdict is one of passed / flagged / n/a with a one-line reason that holds no number:
 * the figures behind it are shown only once the challenge is revealed, so before then an
 * audit tells a researcher at most one bit per check per audited submission (docs/server.md).
 */
import { createHmac } from 'node:crypto';
import { mean, pgr } from '../../metrics/index.js';
import { auditVerdict } from '../../protocol/audit-verdict.js';
import type { SeedScores } from '../queue/runner.js';

export const AUDIT_CHECKS = ['teacher-bypass', 'prior-only', 'reseed', 'transfer'] as const;
export type AuditCheck = (typeof AUDIT_CHECKS)[number];
export type CheckStatus = 'pending' | 'passed' | 'flagged' | 'n/a';
/** A row's audit as a whole: unaudited (the rule did not pick it), pending, passed (no check flagged), flagged. */
export type AuditStatus = 'unaudited' | 'pending' | 'passed' | 'flagged';

/** Rows are audited from the top of the leaderboard down until this many are not flagged. */
export const AUDIT_TOP = 3;
/** Fresh seeds of a reseed or transfer rerun. */
export const FRESH_SEEDS = 2;
/** Other challenges a transfer audit reruns on, at most. */
export const TRANSFER_CHALLENGES = 2;
/** PGR a method may lose on fresh seeds, against the seeds it was submitted with, and still replicate. */
export const RESEED_TOLERANCE = 0.25;
/** PGR a method may trail vanilla by, on challenges its author never queried, and still transfer. */
export const TRANSFER_TOLERANCE = 0.1;

export interface Verdict {
  status: 'passed' | 'flagged' | 'n/a';
  reason: string;
  /** The numbers behind the verdict (shown after reveal only). */
  figures: Record<string, number>;
}

/**
 * The submissions to start auditing, given the leaderboard's rows in rank order: walking
 * down from the top, every row not yet audited is picked until `top` rows that are not
 * flagged (passed, pending or picked) have been passed — so a flagged row hands its place
 * to the next one, and the challenge's top is always an audited row.
 */
export function rowsToAudit(rows: readonly { id: number; status: AuditStatus }[], top = AUDIT_TOP): number[] {
  const picked: number[] = [];
  let standing = 0;
  for (const r of rows) {
    if (standing >= top) break;
    if (r.status === 'flagged') continue;
    if (r.status === 'unaudited') picked.push(r.id);
    standing++;
  }
  return picked;
}

/** A row's audit from its checks: flagged if any is, else pending if any is, else passed; unaudited with none. */
export function auditStatus(checks: readonly { status: CheckStatus }[]): AuditStatus {
  if (checks.length === 0) return 'unaudited';
  if (checks.some((c) => c.status === 'flagged')) return 'flagged';
  if (checks.some((c) => c.status === 'pending')) return 'pending';
  return 'passed';
}

/**
 * Seeds no researcher can run (they are past the challenge's seeds) and none can predict
 * (HMAC of the challenge's secret salt, which never leaves the server).
 */
export function freshSeeds(salt: string, challengeSeeds: number, n = FRESH_SEEDS): number[] {
  const out: number[] = [];
  for (let i = 0; out.length < n; i++) {
    const h = createHmac('sha256', salt).update(`fresh-seed\0${i}`).digest().readUInt32BE(0);
    const seed = challengeSeeds + (h % 1_000_000_000);
    if (!out.includes(seed)) out.push(seed);
  }
  return out;
}

/**
 * The challenges a transfer audit reruns on: others with the same kind of data (text or
 * features, so the method's inputs have the same form) on which the researcher has no
 * submission and no score, oldest first, at most `max`.
 */
export function transferTargets<C extends { id: number; kind: string }>(all: readonly C[], of: { id: number; kind: string }, queried: ReadonlySet<number>, max = TRANSFER_CHALLENGES): C[] {
  return all.filter((c) => c.id !== of.id && c.kind === of.kind && !queried.has(c.id)).slice(0, max);
}

const r3 = (x: number) => Math.round(x * 1000) / 1000;

/** Mean test accuracies over seeds and their PGR. */
export function pooled(scores: readonly SeedScores[]): { weak: number; ceiling: number; transfer: number; prior: number; pgr: number } {
  const weak = mean(scores.map((s) => s.weak_acc));
  const ceiling = mean(scores.map((s) => s.ceiling_acc));
  const transfer = mean(scores.map((s) => s.transfer_acc));
  const prior = scores.every((s) => s.prior_acc !== undefined) ? mean(scores.map((s) => s.prior_acc!)) : NaN;
  return { weak, ceiling, transfer, prior, pgr: pgr(weak, ceiling, transfer) };
}

/** Prior-only and teacher-bypass, by the lab's rule (src/protocol/audits.ts), on the submitted seeds run as submitted and with the weak labels permuted. */
export function judgeTeacher(honest: readonly SeedScores[], permuted: readonly SeedScores[]): { 'prior-only': Verdict; 'teacher-bypass': Verdict } {
  const h = pooled(honest), p = pooled(permuted);
  const figures = { test_acc: r3(h.transfer), prior_acc: r3(h.prior), permuted_teacher_acc: r3(p.transfer) };
  if (Number.isNaN(h.prior)) {
    const na: Verdict = { status: 'n/a', reason: 'the rerun has no prior accuracy (its stored run predates prior_acc)', figures };
    return { 'prior-only': na, 'teacher-bypass': na };
  }
  const v = auditVerdict({ transferAcc: h.transfer, priorAcc: h.prior, permutedTeacherAcc: p.transfer });
  return {
    'prior-only': v.priorOnly
      ? { status: 'flagged', reason: "no better on test than always predicting the weak labels' most common class", figures }
      : { status: 'passed', reason: "beats always predicting the weak labels' most common class", figures },
    'teacher-bypass': v.priorOnly
      ? { status: 'n/a', reason: 'no gain over the prior for a permuted teacher to remove', figures }
      : v.teacherBypass
        ? { status: 'flagged', reason: 'keeps most of its gain with the weak labels permuted across examples: it does not learn from its teacher', figures }
        : { status: 'passed', reason: 'loses its gain when the weak labels are permuted across examples', figures },
  };
}

/** Reseeding: the PGR on fresh seeds against the PGR on the seeds it was submitted with. */
export function judgeReseed(honest: readonly SeedScores[], fresh: readonly SeedScores[]): Verdict {
  const h = pooled(honest), f = pooled(fresh);
  const figures = { submitted_seeds_pgr: r3(h.pgr), fresh_seeds_pgr: r3(f.pgr), fresh_seeds: fresh.length };
  if (!Number.isFinite(h.pgr) || !Number.isFinite(f.pgr)) return { status: 'n/a', reason: 'the weak supervisor and the ceiling tie, so PGR is undefined', figures };
  return f.pgr >= h.pgr - RESEED_TOLERANCE
    ? { status: 'passed', reason: `replicates on ${fresh.length} fresh seeds the researcher never saw`, figures }
    : { status: 'flagged', reason: `its PGR does not replicate on ${fresh.length} fresh seeds the researcher never saw`, figures };
}

/** Transfer: on challenges its author never queried, its PGR against vanilla's on the same seeds. */
export function judgeTransfer(on: readonly { challenge: string; method: readonly SeedScores[]; vanilla: readonly SeedScores[] }[]): Verdict {
  if (on.length === 0) return { status: 'n/a', reason: 'no other challenge with the same kind of data that its author never queried', figures: {} };
  const figures: Record<string, number> = {};
  const gaps: number[] = [];
  for (const t of on) {
    const m = pooled(t.method).pgr, v = pooled(t.vanilla).pgr;
    figures[`${t.challenge}_pgr`] = r3(m);
    figures[`${t.challenge}_vanilla_pgr`] = r3(v);
    if (Number.isFinite(m) && Number.isFinite(v)) gaps.push(m - v);
  }
  const names = on.map((t) => t.challenge).join(', ');
  if (gaps.length === 0) return { status: 'n/a', reason: `PGR is undefined on ${names} (weak supervisor and ceiling tie)`, figures };
  figures.mean_pgr_minus_vanilla = r3(mean(gaps));
  return mean(gaps) >= -TRANSFER_TOLERANCE
    ? { status: 'passed', reason: `no worse than vanilla on ${names}, never queried by its author`, figures }
    : { status: 'flagged', reason: `worse than vanilla on ${names}, never queried by its author: it does not transfer`, figures };
}
