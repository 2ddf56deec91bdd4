// The engine's training step against PyTorch: same MLP, same initial weights,
// same batch, five steps of AdamW and of SGD with momentum. The fixture is
// written by bench/trajectory_reference.py (float64); this test never runs Python.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MLP, Trainer, adamw, sgd, softmaxCrossEntropy, type Optimizer } from '../index.js';

interface Trajectory {
  losses: number[];
  theta: number[];
}
interface Fixture {
  sizes: number[];
  steps: number;
  x: { dims: number[]; data: number[] };
  targets: { dims: number[]; data: number[] };
  theta0: number[];
  adamw: Trajectory & { options: { lr: number; weightDecay: number; beta1: number; beta2: number; eps: number } };
  sgd: Trajectory & { options: { lr: number; momentum: number } };
}

const fixture = JSON.parse(readFileSync(new URL('./fixtures/trajectory.json', import.meta.url), 'utf8')) as Fixture;

/**
 * Largest |ours - ref| / max(|ref|, 0.1): relative, except that values smaller
 * than 0.1 compare absolutely (to 1e-6 at TOL). Adam divides each gradient by its
 * own magnitude, so a weight whose gradient is tiny (here ~4e-6) moves by a full
 * lr-sized step whose float32 rounding is absolute, not relative to the weight:
 * PyTorch's own float32 run is 7e-7 away from its float64 run on such weights.
 */
function maxRelDeviation(ours: ArrayLike<number>, ref: readonly number[]): number {
  expect(ours.length).toBe(ref.length);
  let worst = 0;
  for (let i = 0; i < ref.length; i++) worst = Math.max(worst, Math.abs(ours[i] - ref[i]) / Math.max(Math.abs(ref[i]), 0.1));
  return worst;
}

async function run(optimizer: Optimizer, lr: number): Promise<{ losses: number[]; theta: Float32Array }> {
  const module = new MLP(fixture.sizes);
  const trainer = await Trainer.create({
    module,
    inputs: { x: { dtype: 'float32', shape: ['batch', fixture.sizes[0]] }, t: { dtype: 'float32', shape: ['batch', fixture.sizes.at(-1)!] } },
    loss: (ctx, { x, t }, m) => softmaxCrossEntropy(m.forward(ctx, x), t),
    optimizer,
    theta: Float32Array.from(fixture.theta0),
  });
  const feeds = {
    x: { data: Float32Array.from(fixture.x.data), dims: fixture.x.dims },
    t: { data: Float32Array.from(fixture.targets.data), dims: fixture.targets.dims },
  };
  const losses: number[] = [];
  for (let s = 0; s < fixture.steps; s++) losses.push((await trainer.step(feeds, lr)).loss);
  return { losses, theta: trainer.getParams() };
}

const TOL = 1e-5;

describe('training trajectory matches PyTorch', () => {
  it('uses the fixture it expects (layout: fc0.weight [in,out], fc0.bias, fc1.weight, fc1.bias)', () => {
    expect(new MLP(fixture.sizes).numParams()).toBe(fixture.theta0.length);
  });

  it('AdamW (decay on weights only): per-step losses and final weights', async () => {
    const o = fixture.adamw.options;
    const { losses, theta } = await run(adamw({ beta1: o.beta1, beta2: o.beta2, eps: o.eps, weightDecay: o.weightDecay }), o.lr);
    const dLoss = maxRelDeviation(losses, fixture.adamw.losses);
    const dTheta = maxRelDeviation(theta, fixture.adamw.theta);
    expect(dLoss, 'max relative deviation of the per-step losses').toBeLessThan(TOL);
    expect(dTheta, 'max relative deviation of the final weights').toBeLessThan(TOL);
    // The weights moved: a no-op optimizer would not pass.
    expect(maxRelDeviation(fixture.theta0, fixture.adamw.theta)).toBeGreaterThan(100 * TOL);
  });

  it('SGD with momentum 0.9: per-step losses and final weights', async () => {
    const o = fixture.sgd.options;
    const { losses, theta } = await run(sgd({ momentum: o.momentum }), o.lr);
    const dLoss = maxRelDeviation(losses, fixture.sgd.losses);
    const dTheta = maxRelDeviation(theta, fixture.sgd.theta);
    expect(dLoss, 'max relative deviation of the per-step losses').toBeLessThan(TOL);
    expect(dTheta, 'max relative deviation of the final weights').toBeLessThan(TOL);
  });
});
