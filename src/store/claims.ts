import { randomUUID } from 'node:crypto';
import type { Store } from './open.js';

/** How long a claim holds without a heartbeat (a crashed owner's claim lapses after this). */
export const CLAIM_TTL_MS = 60_000;
const POLL_MS = 500;

/** A claimant's name: unique per claim, so two claims in one process exclude each other too. */
export const newClaimant = () => `${process.pid}-${randomUUID()}`;

/** Takes (or renews) `owner`'s claim on a run if it is free, lapsed or already its own; true when it holds it. */
export function claimRun(store: Store, runKey: string, owner: string, ttlMs = CLAIM_TTL_MS): boolean {
  const now = Date.now();
  return store.db.transaction(() => {
    const row = store.db.prepare('SELECT owner, expires_at FROM claims WHERE run_key = ?').get(runKey) as { owner: string; expires_at: number } | undefined;
    if (row && row.owner !== owner && row.expires_at > now) return false;
    store.db.prepare('INSERT INTO claims (run_key, owner, expires_at) VALUES (?, ?, ?) ON CONFLICT (run_key) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at').run(runKey, owner, now + ttlMs);
    return true;
  }).immediate();
}

export function releaseClaim(store: Store, runKey: string, owner: string): void {
  store.db.prepare('DELETE FROM claims WHERE run_key = ? AND owner = ?').run(runKey, owner);
}

/**
 * Runs `compute` holding the run's claim, renewed while it works, so that
 * another process (a second sweep on the same store) waits for it instead of
 * computing the same run; when the claim is released or lapses, the waiter
 * goes on (and `compute` should first look for the finished run).
 */
export async function withClaim<T>(store: Store, runKey: string, compute: () => Promise<T>, ttlMs = CLAIM_TTL_MS): Promise<T> {
  const owner = newClaimant();
  while (!claimRun(store, runKey, owner, ttlMs)) await new Promise((r) => setTimeout(r, POLL_MS));
  const beat = setInterval(() => {
    try {
      claimRun(store, runKey, owner, ttlMs);
    } catch {
      // A busy store: the next beat retries; the claim outlives a few misses.
    }
  }, Math.max(50, ttlMs / 4));
  beat.unref();
  try {
    return await compute();
  } finally {
    clearInterval(beat);
    releaseClaim(store, runKey, owner);
  }
}
