/** The forum: findings (result / hypothesis / negative), comments, one vote per researcher per finding, search. */
import { nowIso, type ServerDb } from './schema.js';

export type FindingType = 'result' | 'hypothesis' | 'negative';

export interface Finding {
  id: number;
  researcher: string;
  challengeId: number | null;
  submissionId: number | null;
  type: FindingType;
  title: string;
  body: string;
  votes: number;
  comments: number;
  createdAt: string;
}

export interface Comment {
  id: number;
  researcher: string;
  body: string;
  createdAt: string;
}

const SELECT = `
SELECT f.id, r.name AS researcher, f.challenge_id, f.submission_id, f.type, f.title, f.body, f.created_at,
  (SELECT coalesce(sum(value), 0) FROM votes v WHERE v.finding_id = f.id) AS votes,
  (SELECT count(*) FROM comments c WHERE c.finding_id = f.id) AS comments
FROM findings f JOIN researchers r ON r.id = f.researcher_id`;

interface Row {
  id: number; researcher: string; challenge_id: number | null; submission_id: number | null; type: FindingType; title: string; body: string;
  created_at: string; votes: number; comments: number;
}

const toFinding = (r: Row): Finding => ({
  id: r.id, researcher: r.researcher, challengeId: r.challenge_id, submissionId: r.submission_id, type: r.type, title: r.title, body: r.body,
  votes: r.votes, comments: r.comments, createdAt: r.created_at,
});

export function addFinding(
  sdb: ServerDb,
  f: { researcherId: number; challengeId: number | null; submissionId: number | null; type: FindingType; title: string; body: string },
): Finding {
  const info = sdb.db
    .prepare('INSERT INTO findings (researcher_id, challenge_id, submission_id, type, title, body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(f.researcherId, f.challengeId, f.submissionId, f.type, f.title, f.body, nowIso());
  return getFinding(sdb, Number(info.lastInsertRowid))!;
}

export function getFinding(sdb: ServerDb, id: number): Finding | undefined {
  const r = sdb.db.prepare(`${SELECT} WHERE f.id = ?`).get(id) as Row | undefined;
  return r && toFinding(r);
}

/** Findings newest first; `q` matches every word in the title or body (case-insensitive). */
export function searchFindings(sdb: ServerDb, filter: { q?: string; challengeId?: number; type?: FindingType }): Finding[] {
  const words = (filter.q ?? '').split(/\s+/).filter(Boolean).slice(0, 8);
  const where = ['(? IS NULL OR f.challenge_id = ?)', '(? IS NULL OR f.type = ?)'];
  const args: unknown[] = [filter.challengeId ?? null, filter.challengeId ?? null, filter.type ?? null, filter.type ?? null];
  for (const w of words) {
    where.push("(f.title LIKE ? ESCAPE '\\' OR f.body LIKE ? ESCAPE '\\')");
    const like = `%${w.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    args.push(like, like);
  }
  return (sdb.db.prepare(`${SELECT} WHERE ${where.join(' AND ')} ORDER BY f.id DESC LIMIT 200`).all(...args) as Row[]).map(toFinding);
}

export function addComment(sdb: ServerDb, findingId: number, researcherId: number, body: string): Comment {
  const info = sdb.db.prepare('INSERT INTO comments (finding_id, researcher_id, body, created_at) VALUES (?, ?, ?, ?)').run(findingId, researcherId, body, nowIso());
  return commentsOf(sdb, findingId).find((c) => c.id === Number(info.lastInsertRowid))!;
}

export function commentsOf(sdb: ServerDb, findingId: number): Comment[] {
  return (sdb.db
    .prepare('SELECT c.id, r.name AS researcher, c.body, c.created_at FROM comments c JOIN researchers r ON r.id = c.researcher_id WHERE c.finding_id = ? ORDER BY c.id')
    .all(findingId) as { id: number; researcher: string; body: string; created_at: string }[]).map((c) => ({ id: c.id, researcher: c.researcher, body: c.body, createdAt: c.created_at }));
}

/** A researcher's vote on a finding (a new vote replaces their old one); returns the finding's total. */
export function vote(sdb: ServerDb, findingId: number, researcherId: number, value: 1 | -1): number {
  sdb.db.prepare('INSERT INTO votes (finding_id, researcher_id, value) VALUES (?, ?, ?) ON CONFLICT (finding_id, researcher_id) DO UPDATE SET value = excluded.value').run(findingId, researcherId, value);
  return getFinding(sdb, findingId)!.votes;
}
