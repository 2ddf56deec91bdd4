import { readdirSync, writeFileSync, appendFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import '../methods/index.js';
import { openStore } from '../store/index.js';
import { Rng } from '../util/rng.js';
import { runExperiment } from './run.js';

function toyData(dir: string, n = 600, seed = 3): string {
  const rng = new Rng(seed);
  const path = join(dir, 'toy.jsonl');
  writeFileSync(
    path,
    Array.from({ length: n }, (_, i) => {
      const f = Array.from({ length: 10 }, () => rng.normal());
      return JSON.stringify({ id: `r${i}`, features: f, label: f[0] + f[1] - f[2] > 0 ? 'a' : 'b' });
    }).join('\n'),
  );
  return path;
}

const asStored = (m: unknown) => JSON.parse(JSON.stringify(m));

describe('what runs trust is verified', () => {
  afterEach(() => vi.restoreAllMocks());

  it('a corrupted or swapped cached ceiling is recomputed, with a warning, to the same numbers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'w2s-integrity-'));
    const source = { data: toyData(dir), dataOptions: { featuresField: 'features' } };
    const env = { cacheDir: join(dir, 'cache'), threads: 1 };
    const first = await runExperiment({ source, method: 'vanilla', seed: 0 }, env);
    const ceilingDir = join(env.cacheDir, 'ceiling');
    const [file] = readdirSync(ceilingDir).filter((f) => f.endsWith('.safetensors'));
    appendFileSync(join(ceilingDir, file), Buffer.from([1, 2, 3]));
    const warnings: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => (warnings.push(String(s)), true));
    const again = await runExperiment({ source, method: 'vanilla', seed: 0 }, env);
    expect(warnings.join('')).toMatch(/does not match its seal .*computing it again/);
    expect(again.metrics.ceiling_cached).toBe(false);
    expect(again.metrics.test).toEqual(first.metrics.test);
  });

  it('a stored run whose record was edited is not reused: it is computed again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'w2s-integrity-'));
    const source = { data: toyData(dir), dataOptions: { featuresField: 'features' } };
    const store = openStore(join(dir, 'results.db'));
    const env = { cacheDir: join(dir, 'cache'), threads: 1, store };
    const honest = await runExperiment({ source, method: 'vanilla', seed: 0 }, env);
    const edited = { ...asStored(honest.metrics), test: { ...asStored(honest.metrics.test), transfer_acc: 1, pgr: 5 } };
    store.db.prepare('UPDATE runs SET metrics_json = ? WHERE run_key = ?').run(JSON.stringify(edited), honest.runKey);
    const logs: string[] = [];
    const again = await runExperiment({ source, method: 'vanilla', seed: 0 }, { ...env, log: (m) => void logs.push(m) });
    expect(again.reused).toBe(false);
    expect(logs.join('\n')).toMatch(/does not verify/);
    expect(again.metrics.test.transfer_acc).toBe(honest.metrics.test.transfer_acc);
    const third = await runExperiment({ source, method: 'vanilla', seed: 0 }, env);
    expect(third.reused).toBe(true);
    store.close();
  });

  it('an edited data file makes a new run, not a reused one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'w2s-integrity-'));
    const data = toyData(dir);
    const source = { data, dataOptions: { featuresField: 'features' } };
    const store = openStore(join(dir, 'results.db'));
    const env = { cacheDir: join(dir, 'cache'), threads: 1, store };
    const a = await runExperiment({ source, method: 'vanilla', seed: 0 }, env);
    toyData(dir, 600, 4);
    const b = await runExperiment({ source, method: 'vanilla', seed: 0 }, env);
    expect(b.reused).toBe(false);
    expect(b.runKey).not.toBe(a.runKey);
    store.close();
  });

  it('two runners on one store (two sweeps) compute a run once: the second waits and reuses it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'w2s-integrity-'));
    const source = { data: toyData(dir), dataOptions: { featuresField: 'features' } };
    const path = join(dir, 'results.db');
    const one = openStore(path);
    const two = openStore(path);
    const cfg = { source, method: 'vanilla', seed: 0 };
    const [a, b] = await Promise.all([
      runExperiment(cfg, { cacheDir: join(dir, 'cache'), threads: 1, store: one }),
      runExperiment(cfg, { cacheDir: join(dir, 'cache'), threads: 1, store: two }),
    ]);
    expect([a.reused, b.reused].sort()).toEqual([false, true]);
    expect(asStored(a.metrics.test)).toEqual(asStored(b.metrics.test));
    expect(one.db.prepare('SELECT COUNT(*) FROM runs').pluck().get()).toBe(1);
    expect(one.db.prepare('SELECT COUNT(*) FROM claims').pluck().get()).toBe(0);
    one.close();
    two.close();
  });
});
