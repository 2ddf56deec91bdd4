/**
 * `npm run bench:ngram [-- --tasks spam,pos,reviews] [--seeds 0,1,2]`
 *
 * The n-gram reference (src/models/ngram) against scikit-learn's
 * TfidfVectorizer(char_wb 1–5) + TfidfVectorizer(word 1–2) + LogisticRegression
 * (bench/ngram_sklearn.py) on the protocol's own splits: trained on `transfer`
 * with ground truth, scored on `test` (and `ood_test` where the task has one).
 * Prints a table of accuracy, wall and CPU time side by side, then one JSON
 * line. The two sides run one after the other, so compare CPU seconds on a
 * machine shared with other work.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { table } from '../src/cli/format.js';
import { accuracy } from '../src/metrics/index.js';
import { DEFAULT_LOGREG, DEFAULT_VECTORIZER, trainNgramReference } from '../src/models/ngram/index.js';
import { loadTask, splitDataset, type Example } from '../src/tasks/index.js';

const { values } = parseArgs({ options: { tasks: { type: 'string', default: 'spam,pos,reviews' }, seeds: { type: 'string', default: '0' } } });
const tasks = values.tasks.split(',');
const seeds = values.seeds.split(',').map(Number);
const options = { ...DEFAULT_VECTORIZER, ...DEFAULT_LOGREG } as const;

const cpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
const part = (xs: readonly Example[]) => ({ texts: xs.map((e) => e.text!), labels: xs.map((e) => e.label) });

interface Row { task: string; seed: number; features: number; iterations: number; acc: Record<string, number>; seconds: number; cpu_seconds: number }
const ours: Row[] = [];
const jobs: unknown[] = [];
for (const name of tasks) {
  const ds = await loadTask(name);
  for (const seed of seeds) {
    const s = splitDataset(ds, { seed });
    const train = part(s.transfer);
    const scored = Object.fromEntries(Object.entries({ test: s.test, ood_test: s.ood_test }).filter(([, v]) => v?.length).map(([k, v]) => [k, part(v!)]));
    const t0 = performance.now();
    const c0 = cpuSeconds();
    const m = trainNgramReference({ ...train, numClasses: ds.classes.length, options });
    const acc = Object.fromEntries(Object.entries(scored).map(([k, v]) => [k, accuracy(m.predict(v.texts), ds.classes.length, Int32Array.from(v.labels))]));
    ours.push({ task: name, seed, features: m.numFeatures, iterations: m.iterations, acc, seconds: (performance.now() - t0) / 1000, cpu_seconds: cpuSeconds() - c0 });
    jobs.push({ name, seed, classes: ds.classes, train, scored });
  }
}

const script = join(dirname(fileURLToPath(import.meta.url)), 'ngram_sklearn.py');
const py = spawnSync('/usr/bin/python3', [script], { input: JSON.stringify({ options, tasks: jobs }), encoding: 'utf8', maxBuffer: 1 << 26 });
if (py.status !== 0) {
  process.stderr.write(`scikit-learn side failed (needs /usr/bin/python3 with scikit-learn: apt-get install python3-sklearn):\n${py.stderr}`);
  process.exit(1);
}
const theirs: Row[] = py.stdout.trim().split('\n').map((l) => JSON.parse(l));

const f3 = (v: number | undefined) => (v === undefined ? '-' : v.toFixed(3));
const rows = ours.map((a, i) => {
  const b = theirs[i];
  return [a.task, String(a.seed), `${a.features} / ${b.features}`, `${a.iterations} / ${b.iterations}`,
    f3(a.acc.test), f3(b.acc.test), f3(a.acc.ood_test), f3(b.acc.ood_test), a.seconds.toFixed(2), b.seconds.toFixed(2), a.cpu_seconds.toFixed(2), b.cpu_seconds.toFixed(2)];
});
process.stdout.write(`${table(['task', 'seed', 'features ours / sk', 'iterations ours / sk', 'test ours', 'test sklearn', 'ood ours', 'ood sklearn', 'ours s', 'sklearn s', 'ours cpu s', 'sklearn cpu s'], rows, 'llll')}\n`);
const diffs = ours.flatMap((a, i) => Object.keys(a.acc).map((k) => Math.abs(a.acc[k] - theirs[i].acc[k])));
process.stdout.write(`${JSON.stringify({ max_abs_acc_diff: Math.max(...diffs), ours_seconds: ours.reduce((s, r) => s + r.seconds, 0), sklearn_seconds: theirs.reduce((s, r) => s + r.seconds, 0), ours_cpu_seconds: ours.reduce((s, r) => s + r.cpu_seconds, 0), sklearn_cpu_seconds: theirs.reduce((s, r) => s + r.cpu_seconds, 0) })}\n`);
