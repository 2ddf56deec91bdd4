import type Database from 'better-sqlite3';

/** The schema this code writes. Bump it and add a step to MIGRATIONS to change the schema. */
export const SCHEMA_VERSION = 2;

const CREATE_V1 = `
CREATE TABLE schema_version (version INTEGER NOT NULL);
CREATE TABLE runs (
  id INTEGER PRIMARY KEY,
  run_key TEXT NOT NULL UNIQUE,
  task TEXT NOT NULL,
  weak TEXT NOT NULL,
  strong TEXT NOT NULL,
  method TEXT NOT NULL,
  seed INTEGER NOT NULL,
  config_json TEXT NOT NULL,
  code_version TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('done')),
  started_at TEXT,
  finished_at TEXT,
  timings_json TEXT NOT NULL,
  metrics_json TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX runs_by_task_method ON runs (task, method);
CREATE TABLE predictions (
  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('weak', 'ceiling', 'transfer')),
  split TEXT NOT NULL CHECK (split IN ('test', 'ood_test', 'transfer', 'val')),
  example_ids_json TEXT NOT NULL,
  num_classes INTEGER NOT NULL CHECK (num_classes >= 2),
  probs BLOB NOT NULL,
  PRIMARY KEY (run_id, role, split)
);
CREATE TABLE artifacts (
  key TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  path TEXT NOT NULL,
  config_json TEXT NOT NULL,
  created_at TEXT NOT NULL
);
`;

/**
 * 2: each run carries a seal (a keyed hash of its record and predictions,
 * checked before a stored run is reused), and claims let two sweeps share a
 * store without computing one run twice.
 */
const V2 = `
ALTER TABLE runs ADD COLUMN seal TEXT;
CREATE TABLE claims (
  run_key TEXT PRIMARY KEY,
  owner TEXT NOT NULL,
  expires_at INTEGER NOT NULL
);
`;

/** Steps from version i to i + 1, indexed by i - 1. */
const MIGRATIONS: ReadonlyArray<(db: Database.Database) => void> = [(db) => db.exec(V2)];

/**
 * Creates the schema in an empty database, or checks and upgrades an existing
 * one, in one transaction. Throws for a database that is not a w2s store or was
 * written by a newer schema.
 */
export function migrate(db: Database.Database, path: string): void {
  db.transaction(() => {
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all() as string[];
    if (tables.length === 0) {
      db.exec(CREATE_V1);
      db.prepare('INSERT INTO schema_version (version) VALUES (?)').run(1);
    } else if (!tables.includes('schema_version')) {
      throw new Error(`${path} is a SQLite database but not a w2s store (no schema_version table); pick another file`);
    }
    let version = db.prepare('SELECT version FROM schema_version').pluck().get() as number | undefined;
    if (version === undefined) throw new Error(`${path}: schema_version table is empty; the store is damaged`);
    if (version > SCHEMA_VERSION) {
      throw new Error(`${path} has schema version ${version}, newer than this code's ${SCHEMA_VERSION}; update w2s to read it`);
    }
    while (version < SCHEMA_VERSION) {
      MIGRATIONS[version - 1](db);
      version++;
      db.prepare('UPDATE schema_version SET version = ?').run(version);
    }
  }).immediate();
}
