/** Code snapshots: a method's source, content-addressed (SHA-256), with the snapshot it grew from. */
import { createHash } from 'node:crypto';
import { HttpError } from '../http/errors.js';
import { nowIso, type ServerDb } from './schema.js';

export interface Snapshot {
  id: string;
  parentId: string | null;
  source: string;
  researcherId: number;
  createdAt: string;
}

export const snapshotId = (source: string) => createHash('sha256').update(source).digest('hex');

/** Stores the source (once per content) and returns its snapshot; the parent must exist. */
export function putSnapshot(sdb: ServerDb, source: string, researcherId: number, parentId?: string | null): Snapshot {
  const id = snapshotId(source);
  return sdb.db.transaction(() => {
    if (parentId && !sdb.db.prepare('SELECT 1 FROM snapshots WHERE id = ?').get(parentId)) {
      throw new HttpError(400, `parent snapshot ${parentId} does not exist; give the id a submission returned as snapshot_id`);
    }
    sdb.db.prepare('INSERT OR IGNORE INTO snapshots (id, parent_id, source, researcher_id, created_at) VALUES (?, ?, ?, ?, ?)').run(id, parentId ?? null, source, researcherId, nowIso());
    return getSnapshot(sdb, id)!;
  }).immediate();
}

export function getSnapshot(sdb: ServerDb, id: string): Snapshot | undefined {
  const r = sdb.db.prepare('SELECT * FROM snapshots WHERE id = ?').get(id) as
    | { id: string; parent_id: string | null; source: string; researcher_id: number; created_at: string }
    | undefined;
  return r && { id: r.id, parentId: r.parent_id, source: r.source, researcherId: r.researcher_id, createdAt: r.created_at };
}
