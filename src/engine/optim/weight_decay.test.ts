// Weight decay applies only where ParamSpec.decay is true: with a zero gradient,
// a decayed parameter shrinks by (1 - lr*wd) per step and the others stay put.
import { describe, expect, it } from 'vitest';
import { Rng } from '../../util/rng.js';
import { LayerNorm, Linear, Module, ParamLayout, Trainer, adamw, mse, sgd, type Optimizer } from '../index.js';

/** `used` is trained; `idle` (a Linear: weight decays, bias does not) and `ln` (no decay) get zero gradients. */
class Probe extends Module {
  readonly used = this.module('used', new Linear(3, 1));
  readonly idle = this.module('idle', new Linear(4, 2));
  readonly ln = this.module('ln', new LayerNorm(5));
}

const LR = 0.1;
const WD = 0.1;
const STEPS = 3;

async function trainIdle(optimizer: Optimizer) {
  const module = new Probe();
  const layout = new ParamLayout(module);
  const theta0 = layout.initialize(new Rng(4));
  // LayerNorm starts at ones/zeros; move it off so that a decay would show.
  const ln = layout.entries.filter((e) => e.name.startsWith('ln.'));
  for (const e of ln) theta0.fill(0.75, e.offset, e.offset + e.size);
  const t = await Trainer.create({
    module,
    inputs: { x: { dtype: 'float32', shape: ['batch', 3] }, y: { dtype: 'float32', shape: ['batch', 1] } },
    loss: (ctx, { x, y }, m) => mse(m.used.forward(ctx, x), y),
    optimizer,
    theta: theta0,
  });
  const feeds = { x: { data: Float32Array.of(1, 2, 3, -1, 0, 1), dims: [2, 3] }, y: { data: Float32Array.of(1, -1), dims: [2, 1] } };
  for (let s = 0; s < STEPS; s++) await t.step(feeds, LR);
  const theta = t.getParams();
  const view = (name: string, a: Float32Array) => {
    const e = layout.entries.find((x) => x.name === name)!;
    return a.subarray(e.offset, e.offset + e.size);
  };
  return { before: (name: string) => view(name, theta0), after: (name: string) => view(name, theta) };
}

function expectShrunk(before: Float32Array, after: Float32Array, factor: number): void {
  for (let i = 0; i < before.length; i++) expect(Math.abs(after[i] - before[i] * factor)).toBeLessThan(1e-6 * Math.abs(before[i]) + 1e-9);
}

describe.each([
  ['AdamW', () => adamw({ weightDecay: WD })],
  ['SGD', () => sgd({ weightDecay: WD })],
] as const)('%s weight decay', (_name, make) => {
  it('shrinks decay=true params by (1 - lr*wd) per step and leaves decay=false params bitwise unchanged', async () => {
    const r = await trainIdle(make());
    expectShrunk(r.before('idle.weight'), r.after('idle.weight'), (1 - LR * WD) ** STEPS);
    for (const name of ['idle.bias', 'ln.weight', 'ln.bias']) expect([...r.after(name)]).toEqual([...r.before(name)]);
    // The trained parameters moved.
    expect([...r.after('used.weight')]).not.toEqual([...r.before('used.weight')]);
  });
});

it('without weight decay a zero-gradient parameter does not move at all', async () => {
  const r = await trainIdle(adamw({ weightDecay: 0 }));
  expect([...r.after('idle.weight')]).toEqual([...r.before('idle.weight')]);
});
