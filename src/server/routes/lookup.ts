/** Resource lookups shared by routes: the thing, or a 404 that says where to look. */
import { getChallenge, type Challenge } from '../db/challenges.js';
import type { ServerDb } from '../db/schema.js';
import { notFound } from '../http/errors.js';

export function challengeOr404(sdb: ServerDb, name: string): Challenge {
  const c = getChallenge(sdb, name);
  if (!c) throw notFound(`no challenge named "${name}" (GET /api/v1/challenges lists them)`);
  return c;
}

/** Rounded for display: released numbers never carry more digits than they mean. */
export const round = (x: number, digits = 3) => (Number.isFinite(x) ? Number(x.toFixed(digits)) : null);

export function positiveIntParam(value: string, what: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1) throw notFound(`${what} must be a positive integer, got "${value}"`);
  return n;
}
