/**
 * The server's store: one SQLite file under --home. Ground truth (challenge_examples.label)
 * lives here and nowhere else; no route selects that column for a response.
 */
import Database from 'better-sqlite3';
import { dirname } from 'node:path';
import { ensureDirSync } from '../../util/fs.js';

export const SERVER_SCHEMA_VERSION = 2;

/** The store as version 1 made it; later versions are MIGRATIONS applied on top, so a new store and an upgraded one are the same. */
export const SCHEMA_V1 = `
CREATE TABLE server_schema (version INTEGER NOT NULL);
CREATE TABLE researchers (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  token_id TEXT NOT NULL UNIQUE,
  token_hash TEXT NOT NULL,
  scores_per_hour INTEGER NOT NULL,
  compute_hours REAL NOT NULL,
  revoked_at TEXT,
  created_at TEXT NOT NULL
);
CREATE TABLE challenges (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  salt TEXT NOT NULL,
  config_json TEXT NOT NULL,
  classes_json TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('text', 'features')),
  seeds INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
  revealed INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);
CREATE TABLE challenge_examples (
  challenge_id INTEGER NOT NULL REFERENCES challenges (id),
  seed INTEGER NOT NULL,
  part TEXT NOT NULL CHECK (part IN ('dev', 'final')),
  position INTEGER NOT NULL,
  opaque_id TEXT NOT NULL,
  example_id TEXT NOT NULL,
  label INTEGER NOT NULL,
  text TEXT,
  features BLOB,
  PRIMARY KEY (challenge_id, seed, part, position)
);
CREATE TABLE baselines (
  challenge_id INTEGER NOT NULL REFERENCES challenges (id),
  seed INTEGER NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('weak', 'ceiling', 'vanilla')),
  dev_json TEXT NOT NULL,
  final_json TEXT NOT NULL,
  PRIMARY KEY (challenge_id, seed, role)
);
CREATE TABLE scores (
  id INTEGER PRIMARY KEY,
  researcher_id INTEGER NOT NULL REFERENCES researchers (id),
  challenge_id INTEGER NOT NULL REFERENCES challenges (id),
  source TEXT NOT NULL CHECK (source IN ('predictions', 'submission')),
  true_accuracy REAL NOT NULL,
  released_accuracy REAL,
  improved INTEGER NOT NULL,
  at_ms INTEGER NOT NULL
);
CREATE INDEX scores_by_researcher ON scores (researcher_id, at_ms);
CREATE TABLE snapshots (
  id TEXT PRIMARY KEY,
  parent_id TEXT REFERENCES snapshots (id),
  source TEXT NOT NULL,
  researcher_id INTEGER NOT NULL REFERENCES researchers (id),
  created_at TEXT NOT NULL
);
CREATE TABLE submissions (
  id INTEGER PRIMARY KEY,
  researcher_id INTEGER NOT NULL REFERENCES researchers (id),
  challenge_id INTEGER NOT NULL REFERENCES challenges (id),
  snapshot_id TEXT NOT NULL REFERENCES snapshots (id),
  params_json TEXT NOT NULL,
  seeds INTEGER NOT NULL,
  final INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
  logs TEXT NOT NULL DEFAULT '',
  error TEXT,
  score_id INTEGER REFERENCES scores (id),
  created_at TEXT NOT NULL,
  finished_at TEXT
);
CREATE TABLE submission_predictions (
  submission_id INTEGER NOT NULL REFERENCES submissions (id),
  seed INTEGER NOT NULL,
  dev_json TEXT NOT NULL,
  final_json TEXT NOT NULL,
  PRIMARY KEY (submission_id, seed)
);
CREATE TABLE jobs (
  id INTEGER PRIMARY KEY,
  submission_id INTEGER NOT NULL UNIQUE REFERENCES submissions (id),
  state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  max_attempts INTEGER NOT NULL,
  lease_owner TEXT,
  lease_expires_ms INTEGER,
  started_ms INTEGER,
  finished_ms INTEGER,
  run_ms INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);
CREATE INDEX jobs_by_state ON jobs (state, id);
CREATE TABLE findings (
  id INTEGER PRIMARY KEY,
  researcher_id INTEGER NOT NULL REFERENCES researchers (id),
  challenge_id INTEGER REFERENCES challenges (id),
  submission_id INTEGER REFERENCES submissions (id),
  type TEXT NOT NULL CHECK (type IN ('result', 'hypothesis', 'negative')),
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE comments (
  id INTEGER PRIMARY KEY,
  finding_id INTEGER NOT NULL REFERENCES findings (id),
  researcher_id INTEGER NOT NULL REFERENCES researchers (id),
  body TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE votes (
  finding_id INTEGER NOT NULL REFERENCES findings (id),
  researcher_id INTEGER NOT NULL REFERENCES researchers (id),
  value INTEGER NOT NULL CHECK (value IN (-1, 1)),
  PRIMARY KEY (finding_id, researcher_id)
);
`;

/**
 * Migrations, by the version they lead to: each runs in the opening transaction, on a
 * new store after SCHEMA_V1 and on an older store from its version on.
 * 2: audits (src/server/audit/). An audit's reruns are rows of `submissions` with kind
 *    'audit' (so they go through the same queue, jobs and runner as a researcher's),
 *    described by `audit_runs`; `audits` holds one verdict per audited submission and check.
 */
export const MIGRATIONS: Record<number, string> = {
  2: `
ALTER TABLE submissions ADD COLUMN kind TEXT NOT NULL DEFAULT 'method' CHECK (kind IN ('method', 'audit'));
CREATE TABLE audits (
  submission_id INTEGER NOT NULL REFERENCES submissions (id),
  check_name TEXT NOT NULL CHECK (check_name IN ('teacher-bypass', 'prior-only', 'reseed', 'transfer')),
  status TEXT NOT NULL CHECK (status IN ('pending', 'passed', 'flagged', 'n/a')),
  reason TEXT NOT NULL,
  figures_json TEXT,
  created_at TEXT NOT NULL,
  finished_at TEXT,
  PRIMARY KEY (submission_id, check_name)
);
CREATE TABLE audit_runs (
  run_id INTEGER PRIMARY KEY REFERENCES submissions (id),
  audited_id INTEGER NOT NULL REFERENCES submissions (id),
  role TEXT NOT NULL CHECK (role IN ('honest', 'permuted', 'fresh', 'transfer', 'transfer-vanilla')),
  seeds_json TEXT NOT NULL,
  scores_json TEXT
);
CREATE INDEX audit_runs_by_audited ON audit_runs (audited_id);
`,
};

/** An open server store. */
export interface ServerDb {
  readonly db: Database.Database;
  readonly path: string;
  close(): void;
}

export const serverDbPath = (home: string) => `${home}/server.db`;

/**
 * Opens (creating when missing) the server store in `home`: WAL, so the server and
 * worker processes share it; every write elsewhere is one transaction.
 */
export function openServerDb(home: string): ServerDb {
  const path = serverDbPath(home);
  ensureDirSync(dirname(path));
  const db = new Database(path);
  try {
    db.pragma('busy_timeout = 10000');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.transaction(() => {
      const has = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'server_schema'").get();
      if (!has) {
        const tables = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number };
        if (tables.n > 0) throw new Error(`${path} is not a w2s server store (it has other tables); give --home an empty or server folder`);
        db.exec(SCHEMA_V1);
        db.prepare('INSERT INTO server_schema (version) VALUES (1)').run();
      }
      const v = (db.prepare('SELECT version FROM server_schema').get() as { version: number }).version;
      if (v > SERVER_SCHEMA_VERSION) throw new Error(`${path} has server schema ${v}, newer than this w2s reads (${SERVER_SCHEMA_VERSION}); use a newer w2s`);
      for (let next = v + 1; next <= SERVER_SCHEMA_VERSION; next++) db.exec(MIGRATIONS[next]);
      db.prepare('UPDATE server_schema SET version = ?').run(SERVER_SCHEMA_VERSION);
    }).immediate();
  } catch (err) {
    db.close();
    throw err;
  }
  return { db, path, close: () => db.close() };
}

export const nowIso = () => new Date().toISOString();
