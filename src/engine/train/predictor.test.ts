import { describe, expect, it } from 'vitest';
import { Rng } from '../../util/rng.js';
import { MLP, ParamLayout, Predictor, withPredictor, type PredictorSpec } from '../index.js';

describe('withPredictor', () => {
  const module = new MLP([3, 2]);
  const spec: PredictorSpec<MLP> = { module, inputs: { x: { dtype: 'float32', shape: ['batch', 3] } }, forward: (ctx, { x }, m) => ({ y: m.forward(ctx, x) }) };
  const theta = new ParamLayout(module).initialize(new Rng(1));
  const x = { x: { data: Float32Array.of(1, 2, 3), dims: [1, 3] } };

  it('returns what the callback returns and frees a baked-weights session after it, also when the callback throws', async () => {
    let kept: Predictor<MLP> | undefined;
    const y = await withPredictor(Predictor.create(spec, theta), async (p) => {
      kept = p;
      return (await p.run(x)).y.data as Float32Array;
    });
    expect(y.length).toBe(2);
    await expect(kept!.run(x)).rejects.toThrow(); // released: its session is gone

    let thrown: Predictor<MLP> | undefined;
    await expect(withPredictor(Predictor.create(spec, theta), async (p) => {
      thrown = p;
      throw new Error('batch 3 failed');
    })).rejects.toThrow('batch 3 failed');
    await expect(thrown!.run(x)).rejects.toThrow();
  });
});
