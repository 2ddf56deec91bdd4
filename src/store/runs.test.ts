import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { configHash } from '../util/hash.js';
import { openStore, type Store } from './open.js';
import { deleteRun, getRun, hasRun, listRuns, runKeyOf, saveRun } from './runs.js';
import { SCHEMA_VERSION } from './schema.js';
import type { RunInput } from './types.js';

let dir: string;
let store: Store;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'w2s-store-'));
  store = openStore(join(dir, 'nested', 'results.db'));
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

function makeRun(over: Partial<Omit<RunInput, 'config'>> & { config?: Record<string, unknown> } = {}): RunInput {
  const config = over.config ?? { task: 'sst2', weak: 'tiny', strong: 'small', method: 'xent', seed: 1, lr: 0.001 };
  return {
    runKey: runKeyOf(config),
    task: 'sst2',
    weak: 'tiny',
    strong: 'small',
    method: 'xent',
    seed: 1,
    codeVersion: '0.1.0+abc1234',
    timings: { weakTrainMs: 120, transferTrainMs: 450.5 },
    metrics: { pgr: 0.4, transferAcc: 0.71 },
    predictions: [
      { role: 'weak', split: 'test', exampleIds: ['a', 'b'], numClasses: 2, probs: new Float32Array([0.9, 0.1, 0.3, 0.7]) },
      { role: 'transfer', split: 'test', exampleIds: ['a', 'b'], numClasses: 2, probs: new Float64Array([0.6, 0.4, 0.2, 0.8]) },
      { role: 'ceiling', split: 'ood_test', exampleIds: [7, 8, 9], numClasses: 3, probs: new Float32Array(9).fill(1 / 3) },
    ],
    startedAt: '2026-01-02T03:04:05.000Z',
    finishedAt: '2026-01-02T03:05:00.000Z',
    ...over,
    config,
  };
}

function count(table: string): number {
  return store.db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;
}

describe('saveRun / getRun', () => {
  it('round-trips a run with its predictions', () => {
    const run = makeRun({ metrics: { pgr: NaN, transferAcc: 0.71, perSeed: [0.1, 0.2] } });
    const id = saveRun(store, run);
    const got = getRun(store, run.runKey)!;
    expect(got.id).toBe(id);
    expect(got).toMatchObject({
      runKey: run.runKey, task: 'sst2', weak: 'tiny', strong: 'small', method: 'xent', seed: 1,
      codeVersion: '0.1.0+abc1234', status: 'done', startedAt: run.startedAt, finishedAt: run.finishedAt,
      timings: run.timings, config: run.config,
    });
    // NaN metrics are stored as JSON null (documented).
    expect(got.metrics).toEqual({ pgr: null, transferAcc: 0.71, perSeed: [0.1, 0.2] });
    expect(Date.parse(got.createdAt)).not.toBeNaN();
    expect(got.predictions.map((p) => `${p.role}/${p.split}`)).toEqual(['weak/test', 'transfer/test', 'ceiling/ood_test']);
    const [weak, transfer, ceiling] = got.predictions;
    expect(weak.probs).toBeInstanceOf(Float32Array);
    expect(weak.probs).toEqual(new Float32Array([0.9, 0.1, 0.3, 0.7]));
    expect(transfer.probs).toEqual(new Float32Array([0.6, 0.4, 0.2, 0.8]));
    expect(weak.exampleIds).toEqual(['a', 'b']);
    expect(ceiling).toMatchObject({ numClasses: 3, exampleIds: [7, 8, 9] });
    expect(ceiling.probs).toHaveLength(9);
  });

  it('stores the config canonically, whatever its key order', () => {
    const run = makeRun({ config: { b: 2, a: { y: 1, x: 0 } } });
    saveRun(store, run);
    expect(store.db.prepare('SELECT config_json FROM runs').pluck().get()).toBe('{"a":{"x":0,"y":1},"b":2}');
    expect(run.runKey).toBe(configHash({ a: { x: 0, y: 1 }, b: 2 }));
  });

  it('returns undefined for an unknown key', () => {
    expect(getRun(store, 'missing')).toBeUndefined();
  });
});

describe('transactions', () => {
  it('rolls back the run row and earlier predictions when a prediction insert fails', () => {
    store.db.exec(`CREATE TEMP TRIGGER fail_transfer BEFORE INSERT ON main.predictions
      WHEN NEW.role = 'transfer' BEGIN SELECT RAISE(ABORT, 'injected failure'); END`);
    const run = makeRun();
    expect(() => saveRun(store, run)).toThrow(/injected failure/);
    expect(count('runs')).toBe(0);
    expect(count('predictions')).toBe(0);
    expect(hasRun(store, run.runKey)).toBe(false);
    store.db.exec('DROP TRIGGER temp.fail_transfer');
    saveRun(store, run);
    expect(count('predictions')).toBe(3);
  });

  it('rejects bad predictions before writing anything', () => {
    const good = makeRun();
    const dup = makeRun({ predictions: [good.predictions[0], good.predictions[0]] });
    expect(() => saveRun(store, dup)).toThrow(/two sets for role 'weak' on split 'test'/);
    const short = makeRun({ predictions: [{ ...good.predictions[0], probs: new Float32Array(3) }] });
    expect(() => saveRun(store, short)).toThrow(/3 values but 2 examples x 2 classes/);
    const nan = makeRun({ predictions: [{ ...good.predictions[0], probs: new Float32Array([0.5, NaN, 0.5, 0.5]) }] });
    expect(() => saveRun(store, nan)).toThrow(/not finite/);
    const role = makeRun({ predictions: [{ ...good.predictions[0], role: 'student' as 'weak' }] });
    expect(() => saveRun(store, role)).toThrow(/role is 'student'/);
    const ids = makeRun({ predictions: [{ ...good.predictions[0], exampleIds: ['a', 'a'] }] });
    expect(() => saveRun(store, ids)).toThrow(/twice/);
    expect(() => saveRun(store, makeRun({ seed: 1.5 }))).toThrow(/seed must be an integer/);
    expect(() => saveRun(store, makeRun({ runKey: '' }))).toThrow(/runKey/);
    expect(() => saveRun(store, makeRun({ timings: { ms: NaN } }))).toThrow(/timings\.ms/);
    expect(() => saveRun(store, makeRun({ startedAt: 'yesterday' }))).toThrow(/startedAt/);
    expect(count('runs')).toBe(0);
  });
});

describe('resume semantics', () => {
  it('hasRun turns true after a save, and a second save of the key keeps the first run', () => {
    const run = makeRun();
    expect(hasRun(store, run.runKey)).toBe(false);
    const id = saveRun(store, run);
    expect(hasRun(store, run.runKey)).toBe(true);
    const again = saveRun(store, { ...run, metrics: { pgr: 0.99 }, predictions: [] });
    expect(again).toBe(id);
    expect(count('runs')).toBe(1);
    expect(count('predictions')).toBe(3);
    expect(getRun(store, run.runKey)!.metrics).toEqual({ pgr: 0.4, transferAcc: 0.71 });
  });

  it('deleteRun removes the run and its predictions', () => {
    const run = makeRun();
    saveRun(store, run);
    saveRun(store, makeRun({ config: { other: true } }));
    expect(deleteRun(store, run.runKey)).toBe(true);
    expect(deleteRun(store, run.runKey)).toBe(false);
    expect(hasRun(store, run.runKey)).toBe(false);
    expect(count('runs')).toBe(1);
    expect(count('predictions')).toBe(3);
  });
});

describe('listRuns', () => {
  it('filters by task, method, strong and weak', () => {
    const specs = [
      { task: 'sst2', method: 'xent', strong: 'small', weak: 'tiny' },
      { task: 'sst2', method: 'logconf', strong: 'small', weak: 'tiny' },
      { task: 'boolq', method: 'xent', strong: 'base', weak: 'tiny' },
      { task: 'sst2', method: 'xent', strong: 'base', weak: 'mini' },
    ];
    specs.forEach((s, i) => saveRun(store, makeRun({ ...s, seed: i, config: { ...s, seed: i } })));
    expect(listRuns(store)).toHaveLength(4);
    expect(listRuns(store, { task: 'sst2' }).map((r) => r.seed)).toEqual([0, 1, 3]);
    expect(listRuns(store, { task: 'sst2', method: 'xent' }).map((r) => r.seed)).toEqual([0, 3]);
    expect(listRuns(store, { strong: 'base' }).map((r) => r.seed)).toEqual([2, 3]);
    expect(listRuns(store, { weak: 'mini' }).map((r) => r.seed)).toEqual([3]);
    expect(listRuns(store, { task: 'nope' })).toEqual([]);
    expect(listRuns(store, { task: 'boolq' })[0]).not.toHaveProperty('predictions');
  });
});

describe('openStore', () => {
  it('reopens an existing file with its runs, in WAL mode', () => {
    const run = makeRun();
    saveRun(store, run);
    const path = store.path;
    store.close();
    store = openStore(path);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.db.prepare('SELECT version FROM schema_version').pluck().all()).toEqual([SCHEMA_VERSION]);
    expect(getRun(store, run.runKey)!.predictions).toHaveLength(3);
  });

  it('refuses a newer schema and a database that is not a store', () => {
    const path = store.path;
    store.db.prepare('UPDATE schema_version SET version = ?').run(SCHEMA_VERSION + 1);
    store.close();
    expect(() => openStore(path)).toThrow(/newer than this code/);
    const other = join(dir, 'other.db');
    const o = openStore(join(dir, 'scratch.db'));
    o.db.exec(`ATTACH '${other}' AS x; CREATE TABLE x.foo (a); DETACH x;`);
    o.close();
    expect(() => openStore(other)).toThrow(/not a w2s store/);
    writeFileSync(join(dir, 'junk.db'), 'not sqlite at all, just some text that is long enough to matter'.repeat(10));
    expect(() => openStore(join(dir, 'junk.db'))).toThrow();
    store = openStore(':memory:');
  });
});
