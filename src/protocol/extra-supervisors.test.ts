import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import '../methods/index.js';
import { registerMethod } from '../methods/index.js';
import { Rng } from '../util/rng.js';
import { runExperiment } from './run.js';

// Feature data (nothing to pretrain) and a second opinion on every row, as an LLM's answers would come: a labels file.
const dir = mkdtempSync(join(tmpdir(), 'w2s-extra-'));
const data = join(dir, 'toy.jsonl');
const answers = join(dir, 'llm-answers.jsonl');
const rng = new Rng(5);
const rows: string[] = [];
const labels: string[] = [];
for (let i = 0; i < 600; i++) {
  const f = Array.from({ length: 8 }, () => rng.normal());
  const y = f[0] + f[1] > 0 ? 'pos' : 'neg';
  rows.push(JSON.stringify({ id: `r${i}`, features: f, label: y }));
  labels.push(JSON.stringify({ id: `r${i}`, label: rng.next() < 0.85 ? y : y === 'pos' ? 'neg' : 'pos', confidence: 0.8 }));
}
writeFileSync(data, rows.join('\n'));
writeFileSync(answers, labels.join('\n'));
const source = { data, dataOptions: { featuresField: 'features', idField: 'id' } };
const env = { cacheDir: join(dir, 'cache'), threads: 1, sandbox: 'off' as const };

let seen: { names: string[]; sources: (string | undefined)[]; rows: number; transfer: number } | undefined;
registerMethod({
  name: 'extra_spy_for_test',
  description: 'records the extra supervisors it is given',
  params: [],
  extraSupervisors: true,
  async run(ctx) {
    const extra = [...ctx.supervisor.extra.entries()];
    const mine = extra.find(([n]) => n === 'file:llm-answers.jsonl');
    seen = { names: extra.map(([n]) => n), sources: extra.map(([, e]) => e.source), rows: (mine?.[1].transfer.length ?? 0) / ctx.numClasses, transfer: ctx.transfer.ids.length };
    return { student: await ctx.student.train({ pool: 'transfer', targets: ctx.transfer.weakProbs }) };
  },
});

describe('--extra-supervisor', () => {
  it('gives a method that combines supervisors one more, labelled in the host for transfer and val, and joins the run key', async () => {
    const plain = await runExperiment({ source, method: 'extra_spy_for_test', seed: 0 }, env);
    expect(seen!.names).not.toContain('file:llm-answers.jsonl');
    const r = await runExperiment({ source, method: 'extra_spy_for_test', seed: 0, extraSupervisors: [`labels:${answers}`] }, env);
    expect(seen!.names).toContain('file:llm-answers.jsonl');
    expect(seen!.sources[seen!.names.indexOf('file:llm-answers.jsonl')]).toBe('file:llm-answers.jsonl');
    expect(seen!.rows).toBe(seen!.transfer);
    expect(r.runKey).not.toBe(plain.runKey);
    // A label model weighs it with the rest.
    const lm = await runExperiment({ source, method: 'ensemble_labelmodel', seed: 0, extraSupervisors: [`labels:${answers}`] }, env);
    expect(lm.metrics.test.transfer_acc).toBeGreaterThan(0.6);
  });

  it('is refused for a method that trains on one supervisor, and for a model that would be trained here', async () => {
    await expect(runExperiment({ source, method: 'vanilla', seed: 0, extraSupervisors: [`labels:${answers}`] }, env)).rejects.toThrow(/--extra-supervisor: method vanilla trains on one supervisor's labels/);
    await expect(runExperiment({ source, method: 'extra_spy_for_test', seed: 0, extraSupervisors: ['proj4'] }, env)).rejects.toThrow(/--extra-supervisor proj4: a model is trained here/);
  });
});
