/**
 * Released scores: every scoring request goes through the researcher's Ladder on the
 * challenge, in one transaction with the hourly quota check, so concurrent requests can
 * neither race the Ladder nor overrun the quota.
 */
import { HttpError } from '../http/errors.js';
import { ladderStart, ladderStep } from '../holdout/ladder.js';
import type { Challenge } from './challenges.js';
import type { ServerDb } from './schema.js';
import type { Researcher } from './tokens.js';

export interface Release {
  scoreId: number;
  /** The accuracy the Ladder releases (a multiple of η, or the researcher's best). */
  accuracy: number;
  improved: boolean;
  best: number;
}

const HOUR = 3_600_000;

/** Scores this researcher received in the last hour, and when the oldest leaves the window. */
export function scoreQuota(sdb: ServerDb, r: Researcher, now: number): { used: number; retryAfterS: number } {
  const row = sdb.db.prepare('SELECT count(*) AS n, min(at_ms) AS oldest FROM scores WHERE researcher_id = ? AND at_ms > ?').get(r.id, now - HOUR) as {
    n: number; oldest: number | null;
  };
  const pending = sdb.db
    .prepare("SELECT count(*) AS n FROM submissions WHERE researcher_id = ? AND kind = 'method' AND status IN ('queued', 'running')")
    .get(r.id) as { n: number };
  return { used: row.n + pending.n, retryAfterS: row.oldest === null ? 60 : Math.max(1, Math.ceil((row.oldest + HOUR - now) / 1000)) };
}

/** A 429 when the researcher has used this hour's scores. */
export function checkScoreQuota(sdb: ServerDb, r: Researcher, now: number): void {
  const q = scoreQuota(sdb, r, now);
  if (q.used >= r.scoresPerHour) {
    throw new HttpError(429, `${r.name} has used ${r.scoresPerHour} scores in the last hour (queued submissions count); retry in ${q.retryAfterS} s`, {
      'Retry-After': String(q.retryAfterS),
    });
  }
}

/** The researcher's best released dev accuracy on the challenge, or the Ladder's start. */
export function ladderBest(sdb: ServerDb, r: Researcher, c: Challenge, weakDev: number): number {
  const row = sdb.db.prepare('SELECT max(released_accuracy) AS best FROM scores WHERE researcher_id = ? AND challenge_id = ? AND improved = 1').get(r.id, c.id) as {
    best: number | null;
  };
  return row.best ?? ladderStart(weakDev, c.config.eta);
}

/**
 * Runs the Ladder on a true dev accuracy and records it. `quota` false for a submission,
 * whose quota was taken when it was queued.
 */
export function releaseScore(
  sdb: ServerDb,
  q: { researcher: Researcher; challenge: Challenge; accuracy: number; weakDev: number; source: 'predictions' | 'submission'; now: number; quota: boolean },
): Release {
  return sdb.db.transaction(() => {
    if (q.quota) checkScoreQuota(sdb, q.researcher, q.now);
    const best = ladderBest(sdb, q.researcher, q.challenge, q.weakDev);
    const step = ladderStep(best, q.accuracy, q.challenge.config.eta);
    const info = sdb.db
      .prepare('INSERT INTO scores (researcher_id, challenge_id, source, true_accuracy, released_accuracy, improved, at_ms) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(q.researcher.id, q.challenge.id, q.source, q.accuracy, step.released, step.improved ? 1 : 0, q.now);
    return { scoreId: Number(info.lastInsertRowid), accuracy: step.released, improved: step.improved, best: step.best };
  }).immediate();
}
