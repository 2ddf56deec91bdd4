/** Constructed runs for tests of summaries and of what displays them (tables, JSON, report). */
import { Rng } from '../util/rng.js';
import { scoreSplit } from './run-metrics.js';
import type { SummaryRun } from './summary.js';

export const K = 2;

/** Probabilities that are right with probability `acc`, per example. */
export function predictions(labels: Int32Array, acc: number, rng: Rng): Float32Array {
  const p = new Float32Array(labels.length * K);
  labels.forEach((y, i) => {
    const pred = rng.next() < acc ? y : 1 - y;
    const conf = 0.55 + 0.4 * rng.next();
    p[i * K + pred] = conf;
    p[i * K + 1 - pred] = 1 - conf;
  });
  return p;
}

/** A stored-looking run on a toy binary task whose weak, ceiling and transfer predictions are right with the given accuracies. */
export function fakeRun(method: string, seed: number, accs: [number, number, number], opts: { params?: Record<string, unknown>; n?: number } = {}): SummaryRun {
  const rng = new Rng(seed * 7919 + 1);
  const n = opts.n ?? 300;
  const labels = Int32Array.from({ length: n }, () => rng.int(2));
  // weak and ceiling depend only on the seed (as cached weak labels and ceilings do); transfer on the method too.
  const base = new Rng(seed);
  const weak = predictions(labels, accs[0], base);
  const ceiling = predictions(labels, accs[1], base);
  const transfer = predictions(labels, accs[2], new Rng(seed * 31 + method.length));
  const groups = Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 'a' : 'b'));
  const test = scoreSplit({ labels, weak, ceiling, transfer, groups, difficulty: Array.from({ length: n }, (_, i) => i % 4) }, K);
  const metrics = {
    test, labels: { test: Array.from(labels) }, num_classes: K, classes: ['ham', 'spam'], weak_params: 1000, strong_params: 8000,
    method_params: opts.params ?? {}, method_notes: {}, oracle_queries: 0, students_trained: 1, estimated_flops: 1e6,
  };
  return {
    task: 'toy', weak: 'xs', strong: 's', method, seed,
    // Through JSON, as the store does: NaN becomes null.
    metrics: JSON.parse(JSON.stringify(metrics)),
    timings: { methodMs: 1000 * (method === 'vanilla' ? 1 : 2), totalMs: 5000 },
    config: { data: 'd', seed, method, methodParams: opts.params ?? {}, weak: 'xs', strong: 's', probe: {} },
    predictions: [
      { role: 'weak', split: 'test', numClasses: K, probs: weak },
      { role: 'ceiling', split: 'test', numClasses: K, probs: ceiling },
      { role: 'transfer', split: 'test', numClasses: K, probs: transfer },
    ],
  };
}

/** The run with an n-gram reference accuracy stored on test (and on ood_test when given), as the score phase stores it. */
export function withReference(r: SummaryRun, test: number, ood?: number): SummaryRun {
  const m = r.metrics as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  return { ...r, metrics: { ...m, test: { ...m.test, reference_acc: test }, ...(ood === undefined ? {} : { ood_test: { ...m.ood_test, reference_acc: ood } }) } };
}
