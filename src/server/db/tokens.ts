/**
 * Researchers and their bearer tokens. A token is `w2s_<id>_<secret>`: the id (public)
 * finds the row, the secret (256 random bits) is stored only as its SHA-256 and compared
 * in constant time. Plain SHA-256 suffices for random 256-bit secrets (no dictionary to
 * guess from).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { nowIso, type ServerDb } from './schema.js';

export interface Researcher {
  id: number;
  name: string;
  scoresPerHour: number;
  computeHours: number;
  revokedAt: string | null;
  createdAt: string;
}

export const DEFAULT_SCORES_PER_HOUR = 100;
export const DEFAULT_COMPUTE_HOURS = 10;

interface Row {
  id: number;
  name: string;
  token_id: string;
  token_hash: string;
  scores_per_hour: number;
  compute_hours: number;
  revoked_at: string | null;
  created_at: string;
}

const toResearcher = (r: Row): Researcher => ({
  id: r.id, name: r.name, scoresPerHour: r.scores_per_hour, computeHours: r.compute_hours, revokedAt: r.revoked_at, createdAt: r.created_at,
});

const sha256 = (s: string) => createHash('sha256').update(s).digest();

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/** Creates a researcher and returns its token (shown once; only its hash is kept). */
export function createToken(
  sdb: ServerDb,
  name: string,
  limits: { scoresPerHour?: number; computeHours?: number } = {},
): { researcher: Researcher; token: string } {
  if (!NAME.test(name)) throw new Error(`researcher name "${name}" must be 1-64 letters, digits, '_', '.' or '-', starting with a letter or digit`);
  const existing = sdb.db.prepare('SELECT id FROM researchers WHERE name = ?').get(name);
  if (existing) throw new Error(`researcher "${name}" exists; revoke it first (w2s admin token revoke ${name}) or choose another name`);
  const tokenId = randomBytes(6).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  const scoresPerHour = limits.scoresPerHour ?? DEFAULT_SCORES_PER_HOUR;
  const computeHours = limits.computeHours ?? DEFAULT_COMPUTE_HOURS;
  const info = sdb.db
    .prepare('INSERT INTO researchers (name, token_id, token_hash, scores_per_hour, compute_hours, created_at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(name, tokenId, sha256(secret).toString('hex'), scoresPerHour, computeHours, nowIso());
  const researcher = getResearcher(sdb, Number(info.lastInsertRowid))!;
  return { researcher, token: `w2s_${tokenId}_${secret}` };
}

/** Marks the researcher's token revoked; its name stays taken so history keeps its owner. */
export function revokeToken(sdb: ServerDb, name: string): Researcher {
  const info = sdb.db.prepare('UPDATE researchers SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL').run(nowIso(), name);
  if (info.changes === 0) {
    const r = sdb.db.prepare('SELECT revoked_at FROM researchers WHERE name = ?').get(name) as { revoked_at: string } | undefined;
    throw new Error(r ? `researcher "${name}" is already revoked (${r.revoked_at})` : `no researcher named "${name}" (see w2s admin token list)`);
  }
  return toResearcher(sdb.db.prepare('SELECT * FROM researchers WHERE name = ?').get(name) as Row);
}

export function listResearchers(sdb: ServerDb): Researcher[] {
  return (sdb.db.prepare('SELECT * FROM researchers ORDER BY id').all() as Row[]).map(toResearcher);
}

export function getResearcher(sdb: ServerDb, id: number): Researcher | undefined {
  const r = sdb.db.prepare('SELECT * FROM researchers WHERE id = ?').get(id) as Row | undefined;
  return r && toResearcher(r);
}

/** The researcher a bearer token belongs to, or a reason it does not authenticate. */
export function verifyToken(sdb: ServerDb, token: string): Researcher | { error: string } {
  const m = /^w2s_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m) return { error: 'malformed token: expected w2s_<id>_<secret> as printed by `w2s admin token create`' };
  const row = sdb.db.prepare('SELECT * FROM researchers WHERE token_id = ?').get(m[1]) as Row | undefined;
  const given = sha256(m[2]);
  // Compare against a dummy when the id is unknown, so both paths cost the same.
  const stored = row ? Buffer.from(row.token_hash, 'hex') : sha256('no such token');
  const equal = timingSafeEqual(given, stored);
  if (!row || !equal) return { error: 'unknown token' };
  if (row.revoked_at) return { error: `token revoked at ${row.revoked_at}` };
  return toResearcher(row);
}
