import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../methods/index.js';
import { getRun, openStore } from '../store/index.js';
import { Rng } from '../util/rng.js';
import { PRETRAIN_STEPS_ENV } from './features.js';
import { runExperiment, type ExperimentConfig } from './run.js';

// A small text task: the label is whether a positive word appears; 320 rows keep fine-tuning to seconds.
const dir = mkdtempSync(join(tmpdir(), 'w2s-finetune-run-'));
const words = ['good', 'bad', 'fine', 'awful', 'great', 'poor', 'nice', 'dull', 'the', 'a', 'film', 'plot', 'was', 'very'];
const rng = new Rng(3);
const data = join(dir, 'reviews.jsonl');
writeFileSync(
  data,
  Array.from({ length: 320 }, (_, i) => {
    const text = Array.from({ length: 5 }, () => words[rng.int(words.length)]).join(' ');
    return JSON.stringify({ id: `r${i}`, text, label: /good|great|nice|fine/.test(text) ? 'pos' : 'neg' });
  }).join('\n'),
);
const cacheDir = join(dir, 'cache');
const base: ExperimentConfig = { source: { data, dataOptions: { idField: 'id' } }, weak: 'xs', strong: 's', method: 'vanilla', seed: 0, student: 'finetune', finetune: { epochs: 2, batchSize: 32 } };

describe('runs with --student finetune', () => {
  let steps: string | undefined;
  beforeAll(() => {
    steps = process.env[PRETRAIN_STEPS_ENV];
    process.env[PRETRAIN_STEPS_ENV] = '3';
  });
  afterAll(() => {
    if (steps === undefined) delete process.env[PRETRAIN_STEPS_ENV];
    else process.env[PRETRAIN_STEPS_ENV] = steps;
  });

  it('fine-tunes weak supervisor, ceiling and the method’s student, the student in the method process, and records how', async () => {
    const store = openStore(join(dir, 'runs.db'));
    try {
      const r = await runExperiment(base, { cacheDir, store, threads: 1 });
      const m = r.metrics.test;
      for (const acc of [m.weak_acc, m.ceiling_acc, m.transfer_acc]) expect(acc).toBeGreaterThan(0.5);
      expect(r.metrics.sandbox).not.toBe('off');
      expect(r.metrics.students_trained).toBe(1);
      const stored = getRun(store, r.runKey)!;
      expect((stored.config as { student?: { kind: string } }).student?.kind).toBe('finetune');
      expect((stored.metrics as { threads?: number }).threads).toBe(1); // results reproduce at the same thread count only, so the record says which
      // The probe twin is another run, with other weak labels and ceiling.
      const probe = await runExperiment({ ...base, student: 'probe' }, { cacheDir, store, threads: 1 });
      expect(probe.runKey).not.toBe(r.runKey);
      expect(probe.metrics.weak_cached).toBe(false);
      expect([probe.metrics.test.weak_acc, probe.metrics.test.ceiling_acc]).not.toEqual([m.weak_acc, m.ceiling_acc]);
    } finally {
      store.close();
    }
  }, 240_000);

  it('fine-tunes by default on text data whose models have encoders, and trains probes with an n-gram strong model', async () => {
    const store = openStore(join(dir, 'default-runs.db'));
    try {
      const explicit = await runExperiment(base, { cacheDir, store, threads: 1 });
      const { student: _kind, ...unnamed } = base;
      const byDefault = await runExperiment(unnamed, { cacheDir, store, threads: 1 });
      expect(byDefault.runKey).toBe(explicit.runKey);
      expect(byDefault.reused).toBe(true);
      const ngram = { ...unnamed, strong: 'ngram', finetune: undefined };
      const probeNgram = await runExperiment({ ...ngram, student: 'probe' }, { cacheDir, store, threads: 1 });
      const ngramDefault = await runExperiment(ngram, { cacheDir, store, threads: 1 });
      expect(ngramDefault.runKey).toBe(probeNgram.runKey);
      expect(ngramDefault.reused).toBe(true);
    } finally {
      store.close();
    }
  }, 240_000);

  it('runs methods that choose rows, weights, losses and early stopping unchanged over fine-tuned students', async () => {
    const r = await runExperiment({ ...base, method: 'logconf' }, { cacheDir, threads: 1, sandbox: 'off' });
    expect(r.metrics.test.transfer_acc).toBeGreaterThan(0.5);
    const f = await runExperiment({ ...base, method: 'filter_quantile' }, { cacheDir, threads: 1, sandbox: 'off' });
    expect(f.metrics.test.transfer_acc).toBeGreaterThan(0.5);
    const e = await runExperiment({ ...base, methodParams: { earlyStop: true } }, { cacheDir, threads: 1, sandbox: 'off' });
    expect(e.metrics.test.transfer_acc).toBeGreaterThan(0.5);
  }, 240_000);

  it('refuses to fine-tune models that have no encoder, saying what to use', async () => {
    const feats = join(dir, 'features.jsonl');
    writeFileSync(feats, Array.from({ length: 200 }, (_, i) => JSON.stringify({ id: `f${i}`, x: [i % 3, i % 5, i % 7], label: i % 2 ? 'a' : 'b' })).join('\n'));
    await expect(runExperiment({ source: { data: feats, dataOptions: { featuresField: 'x' } }, method: 'vanilla', seed: 0, student: 'finetune' }, { cacheDir, sandbox: 'off' })).rejects.toThrow(/--student finetune: .*holds feature vectors.*use --student probe/);
    await expect(runExperiment({ ...base, student: 'tune' as never }, { cacheDir, sandbox: 'off' })).rejects.toThrow(/--student "tune" is not a kind of student; use one of: finetune, probe/);
  });
});
