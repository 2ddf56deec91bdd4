/**
 * `npx tsx bench/students.ts [--tasks spam,reviews,pos,FILE.jsonl] [--seeds 1] [--first-seed 0] [--models xs,l] [--cache DIR] [--finetune JSON] [--ladder general|task|DIR] [--task-steps N]`
 *
 * Fine-tuned students against frozen-feature probes, as a ceiling is trained:
 * each ladder model on the transfer split's ground truth (the protocol's own
 * splits), scored on test, with the wall time of each student's training, and
 * the n-gram reference on the same splits. The encoders are the protocol's
 * (`ladderEncoder`): the shipped general ladder by default, `--task-steps N`
 * pretrains it further on the task's text (cached), `--ladder task` is the
 * task-only ladder. One JSON line per student (with the CPU seconds of
 * fine-tuning, all threads: on a shared machine a steadier cost than wall
 * time), then a markdown table: the first model is the weak one, the last the
 * ceiling.
 */
import { parseArgs } from 'node:util';
import { argmax } from '../src/metrics/index.js';
import { ensureFeatures } from '../src/models/cache.js';
import { trainFinetune, type FinetuneConfig } from '../src/models/finetune/index.js';
import { ladderEncoder, ladderSource } from '../src/models/general/index.js';
import { referencePredictions } from '../src/protocol/reference.js';
import { DEFAULT_PROBE, trainProbe } from '../src/models/probe.js';
import { MIN_PER_SPLIT } from '../src/protocol/run.js';
import { loadUserData } from '../src/data/index.js';
import { loadTask, splitDataset, type Example } from '../src/tasks/index.js';

const { values } = parseArgs({
  options: {
    tasks: { type: 'string', default: 'spam,reviews,pos' },
    seeds: { type: 'string', default: '1' },
    'first-seed': { type: 'string', default: '0' },
    models: { type: 'string', default: 'xs,l' },
    cache: { type: 'string', default: '.w2s/cache' },
    finetune: { type: 'string', default: '{}' },
    ladder: { type: 'string', default: 'general' },
    'task-steps': { type: 'string', default: '0' },
  },
});
const source = ladderSource(values.ladder);
const taskSteps = Number(values['task-steps']);
const ftConfig = JSON.parse(values.finetune!) as Partial<FinetuneConfig>;
const emit = (o: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(o)}\n`);
const rows: { task: string; model: string; seed: number; probe: number; finetune: number; probeS: number; finetuneS: number }[] = [];
const references = new Map<string, number>();

function accuracy(probs: Float32Array, labels: Int32Array, k: number): number {
  const pred = argmax(probs, k);
  let right = 0;
  for (let i = 0; i < labels.length; i++) right += pred[i] === labels[i] ? 1 : 0;
  return right / labels.length;
}

for (const task of values.tasks!.split(',')) {
  // A built-in task's name, or a user file (`w2s run --data FILE`'s loader and defaults).
  const ds = /\.(jsonl|csv|tsv)$/.test(task) ? await loadUserData(task) : await loadTask(task);
  const k = ds.classes.length;
  const texts = ds.examples.map((e) => e.text ?? '');
  const index = new Map(ds.examples.map((e, i) => [e, i]));
  const corpus = { name: task, texts };
  const first = Number(values['first-seed']);
  for (let seed = first; seed < first + Number(values.seeds); seed++) {
    const splits = splitDataset(ds, { seed, minPerSplit: MIN_PER_SPLIT });
    const rowsOf = (part: Example[]) => Int32Array.from(part, (e) => index.get(e)!);
    const labels = (part: Example[]) => Int32Array.from(part, (e) => e.label);
    const oneHot = (l: Int32Array) => {
      const t = new Float32Array(l.length * k);
      l.forEach((c, i) => (t[i * k + c] = 1));
      return t;
    };
    const [train, test] = [splits.transfer, splits.test];
    const ref = referencePredictions(splits, k)?.test;
    if (ref) {
      references.set(`${task}/${seed}`, accuracy(ref, labels(test), k));
      emit({ task, seed, reference: references.get(`${task}/${seed}`) });
    }
    for (const name of values.models!.split(',')) {
      const enc = await ladderEncoder(name, { cacheDir: values.cache!, corpus, source, taskSteps: source.kind === 'task' ? undefined : taskSteps });
      const f = await ensureFeatures({ cacheDir: values.cache!, enc, corpus });
      const take = (part: Example[]) => {
        const r = rowsOf(part);
        const out = new Float32Array(r.length * f.dim);
        r.forEach((row, i) => out.set(f.features.subarray(row * f.dim, (row + 1) * f.dim), i * f.dim));
        return out;
      };
      let t0 = performance.now();
      const probe = await trainProbe({ features: take(train), dim: f.dim, targets: oneHot(labels(train)), numClasses: k, config: DEFAULT_PROBE, seed });
      const probeS = (performance.now() - t0) / 1000;
      const probeAcc = accuracy(await probe.predict(take(test)), labels(test), k);
      const tokens = (part: Example[]) => enc.tokenRows(part.map((e) => e.text ?? ''));
      t0 = performance.now();
      const cpu0 = process.cpuUsage();
      const tuned = await trainFinetune({ base: { config: enc.config, theta: enc.theta }, tokens: tokens(train), targets: oneHot(labels(train)), numClasses: k, seed, config: ftConfig });
      const finetuneS = (performance.now() - t0) / 1000;
      const cpu = process.cpuUsage(cpu0);
      const finetuneCpuS = (cpu.user + cpu.system) / 1e6;
      const tunedAcc = accuracy(await tuned.predict(tokens(test)), labels(test), k);
      const row = { task, model: name, seed, probe: probeAcc, finetune: tunedAcc, probeS, finetuneS };
      rows.push(row);
      emit({ ...row, finetuneCpuS, transfer: train.length, test: test.length, finetuneConfig: ftConfig, ladder: values.ladder, taskSteps, encoder: enc.source });
    }
  }
}

const f3 = (x: number) => x.toFixed(3);
console.log('\n| task | model | seed | probe acc | fine-tuned acc | probe s | fine-tune s |\n| --- | --- | --- | --- | --- | --- | --- |');
for (const r of rows) console.log(`| ${r.task} | ${r.model} | ${r.seed} | ${f3(r.probe)} | ${f3(r.finetune)} | ${r.probeS.toFixed(1)} | ${r.finetuneS.toFixed(1)} |`);

// Weak (first model) against ceiling (last), both trained the same way, beside the n-gram reference.
const names = values.models!.split(',');
const [weak, strong] = [names[0], names[names.length - 1]];
console.log(`\n| task | seed | weak ${weak}, probe | weak ${weak}, fine-tuned | ceiling ${strong}, probe | ceiling ${strong}, fine-tuned | gap, probe | gap, fine-tuned | n-gram reference |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- |`);
for (const key of new Set(rows.map((r) => `${r.task}/${r.seed}`))) {
  const w = rows.find((r) => `${r.task}/${r.seed}` === key && r.model === weak);
  const c = rows.find((r) => `${r.task}/${r.seed}` === key && r.model === strong);
  if (!w || !c) continue;
  const ref = references.get(key);
  console.log(`| ${w.task} | ${w.seed} | ${f3(w.probe)} | ${f3(w.finetune)} | ${f3(c.probe)} | ${f3(c.finetune)} | ${f3(c.probe - w.probe)} | ${f3(c.finetune - w.finetune)} | ${ref === undefined ? '—' : f3(ref)} |`);
}
