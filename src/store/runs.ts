import { timingSafeEqual } from 'node:crypto';
import { keyedHash } from '../util/secret.js';
import { configHash, stableStringify } from '../util/hash.js';
import { decodeProbs, encodeProbs } from './blob.js';
import type { Store } from './open.js';
import type { Prediction, RunFilter, RunInput, RunRecord, RunStatus, RunSummary } from './types.js';
import { validateRun } from './validate.js';

interface RunRow {
  id: number;
  run_key: string;
  task: string;
  weak: string;
  strong: string;
  method: string;
  seed: number;
  config_json: string;
  code_version: string;
  status: RunStatus;
  started_at: string | null;
  finished_at: string | null;
  timings_json: string;
  metrics_json: string;
  created_at: string;
}

interface PredictionRow {
  role: Prediction['role'];
  split: Prediction['split'];
  example_ids_json: string;
  num_classes: number;
  probs: Buffer;
}

/** The run key of a full run config (seed included): its configHash. */
export function runKeyOf(config: object): string {
  return configHash(config);
}

/**
 * Saves a finished run and all its predictions in one transaction: either all of
 * it is stored or none. Returns the run id.
 *
 * Idempotent by run key: when a run with `run.runKey` is already stored, nothing
 * is written (the stored run is neither overwritten nor merged) and the existing
 * id is returned. Delete the run first to replace it.
 */
export function saveRun(store: Store, run: RunInput): number {
  validateRun(run);
  const { db } = store;
  const configJson = stableStringify(run.config);
  const existing = db.prepare('SELECT id FROM runs WHERE run_key = ?').pluck();
  const insertRun = db.prepare(
    `INSERT INTO runs (run_key, task, weak, strong, method, seed, config_json, code_version, status,
       started_at, finished_at, timings_json, metrics_json, created_at, seal)
     VALUES (@runKey, @task, @weak, @strong, @method, @seed, @configJson, @codeVersion, 'done',
       @startedAt, @finishedAt, @timingsJson, @metricsJson, @createdAt, @seal)`,
  );
  const insertPrediction = db.prepare(
    `INSERT INTO predictions (run_id, role, split, example_ids_json, num_classes, probs)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const write = db.transaction((): number => {
    const found = existing.get(run.runKey) as number | undefined;
    if (found !== undefined) return found;
    const timingsJson = JSON.stringify(run.timings);
    const metricsJson = JSON.stringify(run.metrics);
    const rows = run.predictions.map((p) => ({ role: p.role, split: p.split, ids: JSON.stringify(p.exampleIds), k: p.numClasses, blob: encodeProbs(p.probs) }));
    const info = insertRun.run({
      runKey: run.runKey,
      task: run.task,
      weak: run.weak,
      strong: run.strong,
      method: run.method,
      seed: run.seed,
      configJson,
      codeVersion: run.codeVersion,
      startedAt: run.startedAt ?? null,
      finishedAt: run.finishedAt ?? null,
      timingsJson,
      metricsJson,
      createdAt: new Date().toISOString(),
      seal: sealOf(store.secret, run.runKey, configJson, metricsJson, rows),
    });
    const id = Number(info.lastInsertRowid);
    for (const p of rows) insertPrediction.run(id, p.role, p.split, p.ids, p.k, p.blob);
    return id;
  });
  return write.immediate();
}

/** Whether a run with this key is stored (a finished run: resume skips it). */
export function hasRun(store: Store, runKey: string): boolean {
  return store.db.prepare('SELECT 1 FROM runs WHERE run_key = ?').pluck().get(runKey) !== undefined;
}

/** The stored run with its predictions, or undefined. */
export function getRun(store: Store, runKey: string): RunRecord | undefined {
  const row = store.db.prepare('SELECT * FROM runs WHERE run_key = ?').get(runKey) as RunRow | undefined;
  if (!row) return undefined;
  const predictions = (
    store.db
      .prepare('SELECT role, split, example_ids_json, num_classes, probs FROM predictions WHERE run_id = ? ORDER BY rowid')
      .all(row.id) as PredictionRow[]
  ).map((p) => ({
    role: p.role,
    split: p.split,
    exampleIds: JSON.parse(p.example_ids_json) as Prediction['exampleIds'],
    numClasses: p.num_classes,
    probs: decodeProbs(p.probs),
  }));
  return { ...toSummary(row), predictions };
}

/**
 * The keyed hash that seals a stored run: its key, config, metrics and every
 * prediction set (role, split, ids, probabilities). Timings are left out.
 */
function sealOf(secret: Buffer, runKey: string, configJson: string, metricsJson: string, rows: readonly { role: string; split: string; ids: string; k: number; blob: Uint8Array }[]): string {
  return keyedHash(secret, 'run', runKey, configJson, metricsJson, ...rows.flatMap((r) => [r.role, r.split, r.ids, String(r.k), r.blob]));
}

/**
 * The stored run if its seal verifies; 'unverified' when a record exists but
 * was edited, corrupted, sealed with another key or written before seals
 * (it must be recomputed); undefined when there is none.
 */
export function getVerifiedRun(store: Store, runKey: string): RunRecord | 'unverified' | undefined {
  const row = store.db.prepare('SELECT * FROM runs WHERE run_key = ?').get(runKey) as (RunRow & { seal: string | null }) | undefined;
  if (!row) return undefined;
  const preds = store.db.prepare('SELECT role, split, example_ids_json, num_classes, probs FROM predictions WHERE run_id = ? ORDER BY rowid').all(row.id) as PredictionRow[];
  const rows = preds.map((p) => ({ role: p.role, split: p.split, ids: p.example_ids_json, k: p.num_classes, blob: p.probs as Uint8Array }));
  const want = sealOf(store.secret, row.run_key, row.config_json, row.metrics_json, rows);
  const ok = typeof row.seal === 'string' && row.seal.length === want.length && timingSafeEqual(Buffer.from(row.seal), Buffer.from(want));
  return ok ? getRun(store, runKey) : 'unverified';
}

/** Stored runs (without predictions), oldest first, matching every given filter field. */
export function listRuns(store: Store, filter: RunFilter = {}): RunSummary[] {
  const columns = ['task', 'method', 'strong', 'weak'] as const;
  const where: string[] = [];
  const values: string[] = [];
  for (const column of columns) {
    const v = filter[column];
    if (v !== undefined) {
      where.push(`${column} = ?`);
      values.push(v);
    }
  }
  const sql = `SELECT * FROM runs ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id`;
  return (store.db.prepare(sql).all(...values) as RunRow[]).map(toSummary);
}

/** Deletes a run and its predictions; returns whether it existed. */
export function deleteRun(store: Store, runKey: string): boolean {
  return store.db.prepare('DELETE FROM runs WHERE run_key = ?').run(runKey).changes > 0;
}

function toSummary(row: RunRow): RunSummary {
  return {
    id: row.id,
    runKey: row.run_key,
    task: row.task,
    weak: row.weak,
    strong: row.strong,
    method: row.method,
    seed: row.seed,
    config: JSON.parse(row.config_json) as Record<string, unknown>,
    codeVersion: row.code_version,
    status: row.status,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    timings: JSON.parse(row.timings_json) as Record<string, number>,
    metrics: JSON.parse(row.metrics_json) as Record<string, unknown>,
    createdAt: row.created_at,
  };
}
