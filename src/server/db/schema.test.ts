import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openServerDb, SCHEMA_V1, SERVER_SCHEMA_VERSION, serverDbPath } from './schema.js';

describe('the server store\'s migrations', () => {
  it('brings a version-1 store to the current version, keeping its rows, and makes new stores the same', () => {
    const home = mkdtempSync(join(tmpdir(), 'w2s-schema-'));
    const old = new Database(serverDbPath(home));
    old.exec(SCHEMA_V1);
    old.prepare('INSERT INTO server_schema (version) VALUES (1)').run();
    old.prepare("INSERT INTO researchers (name, token_id, token_hash, scores_per_hour, compute_hours, created_at) VALUES ('ann', 't', 'h', 10, 1, 'now')").run();
    old.prepare("INSERT INTO challenges (name, salt, config_json, classes_json, kind, seeds, status, created_at) VALUES ('c', 's', '{}', '[]', 'text', 1, 'open', 'now')").run();
    old.prepare("INSERT INTO snapshots (id, source, researcher_id, created_at) VALUES ('x', 'src', 1, 'now')").run();
    old.prepare("INSERT INTO submissions (researcher_id, challenge_id, snapshot_id, params_json, seeds, final, status, created_at) VALUES (1, 1, 'x', '{}', 1, 0, 'done', 'now')").run();
    old.close();

    const sdb = openServerDb(home);
    const tables = (db: Database.Database) => (db.prepare("SELECT name, sql FROM sqlite_master WHERE type IN ('table', 'index') ORDER BY name").all() as { name: string }[]).map((t) => t.name);
    try {
      expect((sdb.db.prepare('SELECT version FROM server_schema').get() as { version: number }).version).toBe(SERVER_SCHEMA_VERSION);
      expect(sdb.db.prepare('SELECT kind FROM submissions').all()).toEqual([{ kind: 'method' }]);
      expect(tables(sdb.db)).toEqual(expect.arrayContaining(['audits', 'audit_runs']));
      const fresh = openServerDb(mkdtempSync(join(tmpdir(), 'w2s-schema-')));
      expect(tables(fresh.db)).toEqual(tables(sdb.db));
      fresh.close();
    } finally {
      sdb.close();
    }
    expect(() => openServerDb(home)).not.toThrow(); // opening again migrates nothing
  });

  it('refuses a store from a newer w2s', () => {
    const home = mkdtempSync(join(tmpdir(), 'w2s-schema-'));
    openServerDb(home).close();
    const db = new Database(serverDbPath(home));
    db.prepare('UPDATE server_schema SET version = 99').run();
    db.close();
    expect(() => openServerDb(home)).toThrow(/server schema 99, newer than this w2s reads/);
  });
});
