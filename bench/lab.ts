/**
 * `npm run bench:lab [-- --cold] [--tasks spam,pos,reviews] [--seeds 3] [--pretrain-steps N]`
 *
 * Times the README quickstart end to end: every built-in quickstart task with
 * the default weak and strong models, vanilla, over seeds, then the summary.
 * Prints one JSON line per stage (pretraining per model, features, weak,
 * ceiling, n-gram reference, method, scoring, summary) and a total line. Runs go to a temporary
 * store so nothing is reused; `--cold` also uses an empty temporary cache, so
 * pretraining is measured (otherwise the .w2s/cache of earlier runs is used).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import '../src/methods/index.js';
import { PRETRAIN_STEPS_ENV } from '../src/protocol/features.js';
import { runExperiment } from '../src/protocol/run.js';
import { summarize } from '../src/protocol/summary.js';
import { getRun, openStore } from '../src/store/index.js';

const { values } = parseArgs({
  options: {
    cold: { type: 'boolean', default: false },
    tasks: { type: 'string', default: 'spam,pos,reviews' },
    seeds: { type: 'string', default: '3' },
    'pretrain-steps': { type: 'string' },
    cache: { type: 'string', default: '.w2s/cache' },
  },
});
if (values['pretrain-steps']) process.env[PRETRAIN_STEPS_ENV] = values['pretrain-steps'];
const tmp = mkdtempSync(join(tmpdir(), 'w2s-bench-lab-'));
const cacheDir = values.cold ? join(tmp, 'cache') : values.cache;
const store = openStore(join(tmp, 'results.db'));
const emit = (o: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(o)}\n`);
const round = (ms: number) => Math.round(ms);

const pretrainStart = new Map<string, number>();
const pretrainMs = new Map<string, number>();
const events = {
  onPretrainStart: ({ model }: { model: string }) => void pretrainStart.set(model, performance.now()),
  onPretrainProgress: (model: string, p: { step: number; steps: number }) => {
    if (p.step === p.steps) pretrainMs.set(model, performance.now() - pretrainStart.get(model)!);
  },
};

const t0 = performance.now();
emit({ bench: 'lab', cache: values.cold ? 'cold' : 'warm', cacheDir, tasks: values.tasks, seeds: Number(values.seeds), threads: 'default' });
for (const task of values.tasks!.split(',')) {
  const tTask = performance.now();
  const keys: string[] = [];
  for (let seed = 0; seed < Number(values.seeds); seed++) {
    pretrainMs.clear();
    const r = await runExperiment({ source: { task }, method: 'vanilla', seed }, { cacheDir, store, events });
    keys.push(r.runKey);
    const t = r.timings;
    for (const [model, ms] of pretrainMs) emit({ task, seed, stage: 'pretrain', model, ms: round(ms) });
    for (const model of [r.weak, r.strong]) {
      const f = t[`features_${model}_ms`] ?? 0;
      emit({ task, seed, stage: 'features', model, ms: round(f - (pretrainMs.get(model) ?? 0)) });
    }
    const known = ['loadMs', 'weakMs', 'ceilingMs', 'referenceMs', 'methodMs', `features_${r.weak}_ms`, `features_${r.strong}_ms`];
    const scoring = t.totalMs - known.reduce((s, k) => s + (t[k] ?? 0), 0);
    emit({ task, seed, stage: 'load', ms: round(t.loadMs) });
    emit({ task, seed, stage: 'weak', ms: round(t.weakMs), cached: r.metrics.weak_cached });
    emit({ task, seed, stage: 'ceiling', ms: round(t.ceilingMs), cached: r.metrics.ceiling_cached });
    if (t.referenceMs !== undefined) emit({ task, seed, stage: 'reference', ms: round(t.referenceMs) });
    emit({ task, seed, stage: 'method', method: 'vanilla', ms: round(t.methodMs) });
    emit({ task, seed, stage: 'scoring', ms: round(scoring) });
    emit({ task, seed, stage: 'run_total', ms: round(t.totalMs), weak: r.weak, strong: r.strong, pgr: r.metrics.test.pgr });
  }
  const tSum = performance.now();
  const [s] = summarize(keys.map((k) => getRun(store, k)!), { samples: 2000, seed: 0 });
  emit({ task, stage: 'summary', ms: round(performance.now() - tSum), pgr_fixed: s.pgr_fixed.estimate, weak_acc: s.weak_acc.estimate, ceiling_acc: s.ceiling_acc.estimate, transfer_acc: s.transfer_acc.estimate });
  emit({ task, stage: 'task_total', ms: round(performance.now() - tTask) });
}
emit({ stage: 'total', ms: round(performance.now() - t0) });
store.close();
rmSync(tmp, { recursive: true, force: true });
