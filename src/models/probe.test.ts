import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Rng } from '../util/rng.js';
import { takeRows } from '../util/rows.js';
import { PROBE_STEPS_PER_RUN, trainProbe } from './probe.js';

const sameBits = (a: Float32Array, b: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));

describe('trainProbe', () => {
  // 300 rows of 16 features; the class is the sign of feature 0 plus feature 1. 300/64 gives 5 batches an epoch, the last short.
  const rng = new Rng(5);
  const n = 300;
  const dim = 16;
  const features = Float32Array.from({ length: n * dim }, () => rng.normal());
  const labels = Array.from({ length: n }, (_, i) => (features[i * dim] + features[i * dim + 1] > 0 ? 1 : 0));
  const targets = Float32Array.from({ length: n * 2 }, (_, j) => (labels[j >> 1] === (j & 1) ? 0.9 : 0.1));
  const weights = Float32Array.from({ length: n }, (_, i) => 0.5 + (i % 3) / 2);
  const train = (stepsPerRun: number) => trainProbe({ features, dim, targets, weights, numClasses: 2, seed: 3, threads: 1, stepsPerRun, config: { epochs: 20 } });

  it('learns the task, with the same weights bitwise however many steps go into one run', async () => {
    const one = await train(1);
    const probs = await one.predict(features);
    const acc = labels.filter((y, i) => (probs[i * 2 + 1] > 0.5 ? 1 : 0) === y).length / n;
    expect(acc).toBeGreaterThan(0.9);
    for (const k of [PROBE_STEPS_PER_RUN, 3, 64]) expect(sameBits((await train(k)).theta, one.theta)).toBe(true);
  });

  it('gives the same weights bitwise when the rows arrive in another order (a host-keyed view order cannot move a student)', async () => {
    const one = await train(PROBE_STEPS_PER_RUN);
    const p = new Rng(9).permutation(n);
    const shuffled = await trainProbe({
      features: takeRows(features, dim, p), dim, targets: takeRows(targets, 2, p), weights: takeRows(weights, 1, p),
      numClasses: 2, seed: 3, threads: 1, stepsPerRun: PROBE_STEPS_PER_RUN, config: { epochs: 20 },
    });
    expect(sameBits(shuffled.theta, one.theta)).toBe(true);
  });

  it('prints nothing from ONNX Runtime when a run of several steps holds a short batch', () => {
    // ONNX Runtime warns "Shape mismatch attempting to re-use buffer" once per tensor when the
    // steps of one run share a named dim but not its size; a sweep printed thousands of lines.
    const script = fileURLToPath(new URL('./fixtures/short-batch-probe.ts', import.meta.url));
    const r = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe('trained\n');
    expect(r.stderr).toBe('');
  });
});
