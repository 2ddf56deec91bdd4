import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import '../methods/index.js';
import { registerMethod } from '../methods/index.js';
import { openStore, listRuns } from '../store/index.js';
import { splitDataset } from '../tasks/index.js';
import { Rng } from '../util/rng.js';
import { writeNpy } from '../data/fixtures.js';
import { loadSource } from './data.js';
import { runExperiment } from './run.js';
import type { MethodContext } from '../contract/types.js';

// A feature-matrix dataset (no pretraining needed): 16 informative dimensions, labels from a linear rule.
const dir = mkdtempSync(join(tmpdir(), 'w2s-protocol-'));
const data = join(dir, 'toy.jsonl');
const rng = new Rng(11);
const lines: string[] = [];
for (let i = 0; i < 1200; i++) {
  const f = Array.from({ length: 16 }, () => rng.normal());
  const score = f.reduce((s, v, j) => s + v * (j % 2 ? 1 : -0.5), 0) + 0.3 * rng.normal();
  lines.push(JSON.stringify({ id: `r${i}`, features: f, label: score > 0 ? 'pos' : 'neg' }));
}
writeFileSync(data, lines.join('\n'));
const source = { data, dataOptions: { featuresField: 'features' } };
const env = (store?: ReturnType<typeof openStore>) => ({ cacheDir: join(dir, 'cache'), store, threads: 1 });

describe('runExperiment', () => {
  it('scores weak, ceiling and transfer on test, stores the run, and reuses it on a rerun', async () => {
    const store = openStore(join(dir, 'results.db'));
    const r = await runExperiment({ source, method: 'vanilla', seed: 0 }, env(store));
    expect(r.reused).toBe(false);
    expect(r.weak).toBe('proj8');
    expect(r.strong).toBe('raw');
    const m = r.metrics.test;
    expect(m.ceiling_acc).toBeGreaterThan(m.weak_acc + 0.05);
    expect(m.pgr).toBeCloseTo((m.transfer_acc - m.weak_acc) / (m.ceiling_acc - m.weak_acc), 10);
    expect(r.metrics.labels.test.length).toBe(m.n);
    expect(m.imitation.teacherWrongCount).toBeGreaterThan(0);
    const again = await runExperiment({ source, method: 'vanilla', seed: 0 }, env(store));
    expect(again.reused).toBe(true);
    expect(again.metrics.test.transfer_acc).toBe(m.transfer_acc);
    expect(listRuns(store)).toHaveLength(1);
    store.close();
  });

  it('takes weak labels from a file (an LLM or annotators) and scores them as the weak supervisor', async () => {
    const ds = await loadSource(source);
    const splits = splitDataset(ds, { seed: 0 });
    // A supervisor that is right on every example but those whose id ends in 3 or 7.
    const wrong = (id: string) => /[37]$/.test(id);
    const all = [...splits.transfer, ...splits.val, ...splits.test];
    const file = join(dir, 'weak.jsonl');
    writeFileSync(file, all.map((e) => JSON.stringify({ id: e.id, label: wrong(e.id) ? 1 - e.label : e.label, confidence: 0.8 })).join('\n'));
    const r = await runExperiment({ source, weakLabels: file, method: 'vanilla', seed: 0 }, env());
    const expected = splits.test.filter((e) => !wrong(e.id)).length / splits.test.length;
    expect(r.weak).toBe('file:weak.jsonl');
    expect(r.metrics.test.weak_acc).toBeCloseTo(expected, 10);
  });

  it("trains the weak supervisor on another model's features of the same rows (--weak-features)", async () => {
    const ds = await loadSource(source);
    // A weak model that sees only 2 of the 16 dimensions, plus noise.
    const frng = new Rng(3);
    const rows = ds.examples.map((e) => [e.features![1], e.features![3], frng.normal(), frng.normal()]);
    const path = writeNpy(join(dir, 'weak.npy'), '<f4', [rows.length, 4], rows.flat());
    const r = await runExperiment({ source, weak: `file:${path}`, method: 'vanilla', seed: 0 }, env());
    expect(r.metrics.weak_params).toBe(4);
    expect(r.metrics.test.weak_acc).toBeGreaterThan(0.55);
    expect(r.metrics.test.weak_acc).toBeLessThan(r.metrics.test.ceiling_acc - 0.05);
    writeNpy(join(dir, 'short.npy'), '<f4', [10, 4], new Array(40).fill(0));
    await expect(runExperiment({ source, weak: `file:${join(dir, 'short.npy')}`, method: 'vanilla', seed: 0 }, env())).rejects.toThrow(/10 rows of features for 1200 examples/);
  });

  it('gives a method no way to reach test examples or any label', async () => {
    let seen: MethodContext | null = null;
    registerMethod({
      name: 'spy_for_test',
      description: 'records its context',
      params: [],
      async run(ctx) {
        seen = ctx;
        return { student: await ctx.student.train({ pool: 'transfer', targets: ctx.transfer.weakProbs }) };
      },
    });
    await runExperiment({ source, method: 'spy_for_test', seed: 1 }, { ...env(), sandbox: 'off' });
    const ctx = seen as unknown as MethodContext;
    expect(Object.keys(ctx).sort()).toEqual(['classes', 'log', 'numClasses', 'oracle', 'rng', 'seed', 'student', 'supervisor', 'transfer', 'val']);
    for (const pool of [ctx.transfer, ctx.val]) expect(Object.keys(pool)).not.toContain('labels');
    await expect(ctx.oracle.query(Int32Array.of(0))).rejects.toThrow(/budget exceeded/);
    const student = await ctx.student.train({ pool: 'transfer', targets: ctx.transfer.weakProbs });
    await expect(student.predict('test' as never)).rejects.toThrow(/only 'transfer' and 'val'/);
  });
});
