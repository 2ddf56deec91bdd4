import Database from 'better-sqlite3';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';
import { ensureDirSync } from '../util/fs.js';
import { hostSecret } from '../util/secret.js';
import { migrate } from './schema.js';

/** An open results store. Close it when done; other processes may read it meanwhile (WAL). */
export interface Store {
  readonly db: Database.Database;
  readonly path: string;
  /** The key that seals stored runs (beside the store, mode 0600; random for ':memory:'). */
  readonly secret: Buffer;
  close(): void;
}

/**
 * Opens (creating when missing, with its parent folders) the SQLite results store
 * at `path`, in WAL mode with foreign keys on, and creates or checks the schema.
 * ':memory:' gives a private in-memory store (not WAL).
 */
export function openStore(path: string): Store {
  const memory = path === ':memory:';
  if (!memory) ensureDirSync(dirname(path));
  const db = new Database(path);
  try {
    db.pragma('busy_timeout = 5000');
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (!memory && mode !== 'wal') throw new Error(`${path}: could not switch to WAL journal mode (got ${String(mode)})`);
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db, path);
  } catch (err) {
    db.close();
    throw err;
  }
  const secret = memory ? randomBytes(32) : hostSecret(dirname(path));
  return { db, path, secret, close: () => db.close() };
}
