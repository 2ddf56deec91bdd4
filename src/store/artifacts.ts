import { stableStringify } from '../util/hash.js';
import type { Store } from './open.js';
import type { Artifact, ArtifactInput } from './types.js';

interface ArtifactRow {
  key: string;
  kind: string;
  path: string;
  config_json: string;
  created_at: string;
}

/**
 * Records a cached artifact under its key (normally the configHash of the config
 * that produced it). Putting an existing key replaces its kind, path and config
 * and refreshes created_at: the newest write of a key wins.
 */
export function putArtifact(store: Store, artifact: ArtifactInput): void {
  for (const field of ['key', 'kind', 'path'] as const) {
    if (typeof artifact[field] !== 'string' || artifact[field].length === 0) {
      throw new Error(`artifact.${field} must be a non-empty string, got ${JSON.stringify(artifact[field])}`);
    }
  }
  store.db
    .prepare(
      `INSERT INTO artifacts (key, kind, path, config_json, created_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET kind = excluded.kind, path = excluded.path,
         config_json = excluded.config_json, created_at = excluded.created_at`,
    )
    .run(artifact.key, artifact.kind, artifact.path, stableStringify(artifact.config), new Date().toISOString());
}

export function getArtifact(store: Store, key: string): Artifact | undefined {
  const row = store.db.prepare('SELECT * FROM artifacts WHERE key = ?').get(key) as ArtifactRow | undefined;
  return row ? toArtifact(row) : undefined;
}

/** All artifacts, or those of one kind, ordered by key. */
export function listArtifacts(store: Store, kind?: string): Artifact[] {
  const rows = (
    kind === undefined
      ? store.db.prepare('SELECT * FROM artifacts ORDER BY key').all()
      : store.db.prepare('SELECT * FROM artifacts WHERE kind = ? ORDER BY key').all(kind)
  ) as ArtifactRow[];
  return rows.map(toArtifact);
}

/** Removes the index entry (not the file on disk); returns whether it existed. */
export function deleteArtifact(store: Store, key: string): boolean {
  return store.db.prepare('DELETE FROM artifacts WHERE key = ?').run(key).changes > 0;
}

function toArtifact(row: ArtifactRow): Artifact {
  return {
    key: row.key,
    kind: row.kind,
    path: row.path,
    config: JSON.parse(row.config_json) as Record<string, unknown>,
    createdAt: row.created_at,
  };
}
