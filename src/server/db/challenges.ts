/**
 * Challenges and their ground truth. `labelsOf` is the only reader of the label column;
 * it feeds the scorer, never a response.
 */
import { nowIso, type ServerDb } from './schema.js';

export type Part = 'dev' | 'final';
export const PARTS: readonly Part[] = ['dev', 'final'];
export type BaselineRole = 'weak' | 'ceiling' | 'vanilla';
export const BASELINE_ROLES: readonly BaselineRole[] = ['weak', 'ceiling', 'vanilla'];

/** How the challenge was built; stored as JSON and shown (it holds no labels). */
export interface ChallengeConfig {
  source: { task?: string; data?: string; dataOptions?: Record<string, unknown>; limit?: number };
  weak: string;
  strong: string;
  weakLabels?: string;
  /** How weak supervisor, ceiling and submitted methods' students train (absent: probes). */
  student?: 'probe' | 'finetune';
  /** The Ladder's step η. */
  eta: number;
  devFraction: number;
  /** Final submissions allowed per researcher. */
  maxFinals: number;
  /** The seed whose dev part `/dev` serves and `/predictions` scores. */
  scoringSeed: number;
  /** False: the server audits no submission (so none is the top); absent or true: it audits the top rows (src/server/audit/). */
  audits?: boolean;
}

export interface Challenge {
  id: number;
  name: string;
  salt: string;
  config: ChallengeConfig;
  classes: string[];
  kind: 'text' | 'features';
  seeds: number;
  status: 'open' | 'closed';
  revealed: boolean;
  createdAt: string;
}

export interface ChallengeExample {
  seed: number;
  part: Part;
  opaqueId: string;
  exampleId: string;
  label: number;
  text?: string;
  features?: Float32Array;
}

/** Class indices of the weak, ceiling and vanilla models on one seed's dev and final parts. */
export type Baselines = Map<number, Record<BaselineRole, Record<Part, number[]>>>;

/** A challenge to insert: what it is made of, with its examples and baselines; the store assigns the rest. */
export interface NewChallenge extends Pick<Challenge, 'name' | 'salt' | 'config' | 'classes' | 'kind' | 'seeds'> {
  examples: ChallengeExample[];
  baselines: Baselines;
}

interface Row {
  id: number; name: string; salt: string; config_json: string; classes_json: string; kind: 'text' | 'features';
  seeds: number; status: 'open' | 'closed'; revealed: number; created_at: string;
}

const toChallenge = (r: Row): Challenge => ({
  id: r.id, name: r.name, salt: r.salt, config: JSON.parse(r.config_json), classes: JSON.parse(r.classes_json), kind: r.kind,
  seeds: r.seeds, status: r.status, revealed: r.revealed === 1, createdAt: r.created_at,
});

/** Writes a challenge with its examples and baselines in one transaction: it appears whole or not at all. */
export function insertChallenge(sdb: ServerDb, c: NewChallenge): Challenge {
  const { db } = sdb;
  const id = db.transaction(() => {
    if (db.prepare('SELECT 1 FROM challenges WHERE name = ?').get(c.name)) throw new Error(`challenge "${c.name}" exists; choose another name`);
    const info = db
      .prepare('INSERT INTO challenges (name, salt, config_json, classes_json, kind, seeds, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(c.name, c.salt, JSON.stringify(c.config), JSON.stringify(c.classes), c.kind, c.seeds, 'open', nowIso());
    const cid = Number(info.lastInsertRowid);
    const ex = db.prepare(
      'INSERT INTO challenge_examples (challenge_id, seed, part, position, opaque_id, example_id, label, text, features) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const position = new Map<string, number>();
    for (const e of c.examples) {
      const key = `${e.seed}/${e.part}`;
      const p = position.get(key) ?? 0;
      position.set(key, p + 1);
      const features = e.features ? Buffer.from(e.features.buffer, e.features.byteOffset, e.features.byteLength) : null;
      ex.run(cid, e.seed, e.part, p, e.opaqueId, e.exampleId, e.label, e.text ?? null, features);
    }
    const bl = db.prepare('INSERT INTO baselines (challenge_id, seed, role, dev_json, final_json) VALUES (?, ?, ?, ?, ?)');
    for (const [seed, roles] of c.baselines) for (const role of BASELINE_ROLES) bl.run(cid, seed, role, JSON.stringify(roles[role].dev), JSON.stringify(roles[role].final));
    return cid;
  }).immediate();
  return getChallengeById(sdb, id)!;
}

export function getChallenge(sdb: ServerDb, name: string): Challenge | undefined {
  const r = sdb.db.prepare('SELECT * FROM challenges WHERE name = ?').get(name) as Row | undefined;
  return r && toChallenge(r);
}

export function getChallengeById(sdb: ServerDb, id: number): Challenge | undefined {
  const r = sdb.db.prepare('SELECT * FROM challenges WHERE id = ?').get(id) as Row | undefined;
  return r && toChallenge(r);
}

export function listChallenges(sdb: ServerDb): Challenge[] {
  return (sdb.db.prepare('SELECT * FROM challenges ORDER BY id').all() as Row[]).map(toChallenge);
}

/** Closes a challenge (no more scores or submissions) and/or reveals its final scores. */
export function setChallengeState(sdb: ServerDb, name: string, change: { status?: 'open' | 'closed'; revealed?: boolean }): Challenge {
  const c = getChallenge(sdb, name);
  if (!c) throw new Error(`no challenge named "${name}" (see w2s admin challenge list)`);
  sdb.db.prepare('UPDATE challenges SET status = ?, revealed = ? WHERE id = ?').run(change.status ?? c.status, (change.revealed ?? c.revealed) ? 1 : 0, c.id);
  return getChallenge(sdb, name)!;
}

/** The inputs of one seed's part, in position order: opaque ids and texts or features, no labels. */
export function inputsOf(sdb: ServerDb, c: Challenge, seed: number, part: Part): { ids: string[]; texts?: string[]; features?: number[][] } {
  const rows = sdb.db
    .prepare('SELECT opaque_id, text, features FROM challenge_examples WHERE challenge_id = ? AND seed = ? AND part = ? ORDER BY position')
    .all(c.id, seed, part) as { opaque_id: string; text: string | null; features: Buffer | null }[];
  const ids = rows.map((r) => r.opaque_id);
  if (c.kind === 'text') return { ids, texts: rows.map((r) => r.text ?? '') };
  return { ids, features: rows.map((r) => Array.from(new Float32Array(r.features!.buffer.slice(r.features!.byteOffset, r.features!.byteOffset + r.features!.byteLength)))) };
}

/** Ground truth of one seed's part, in position order. Scorer only. */
export function labelsOf(sdb: ServerDb, c: Challenge, seed: number, part: Part): Int32Array {
  const rows = sdb.db
    .prepare('SELECT label FROM challenge_examples WHERE challenge_id = ? AND seed = ? AND part = ? ORDER BY position')
    .all(c.id, seed, part) as { label: number }[];
  return Int32Array.from(rows, (r) => r.label);
}

/** The original example ids of one seed's part, in position order (for the runner's mapping). */
export function exampleIdsOf(sdb: ServerDb, c: Challenge, seed: number, part: Part): string[] {
  return (sdb.db
    .prepare('SELECT example_id FROM challenge_examples WHERE challenge_id = ? AND seed = ? AND part = ? ORDER BY position')
    .all(c.id, seed, part) as { example_id: string }[]).map((r) => r.example_id);
}

export function baselinesOf(sdb: ServerDb, c: Challenge): Baselines {
  const rows = sdb.db.prepare('SELECT seed, role, dev_json, final_json FROM baselines WHERE challenge_id = ? ORDER BY seed').all(c.id) as {
    seed: number; role: BaselineRole; dev_json: string; final_json: string;
  }[];
  const out: Baselines = new Map();
  for (const r of rows) {
    const entry = out.get(r.seed) ?? ({} as Record<BaselineRole, Record<Part, number[]>>);
    entry[r.role] = { dev: JSON.parse(r.dev_json), final: JSON.parse(r.final_json) };
    out.set(r.seed, entry);
  }
  return out;
}
