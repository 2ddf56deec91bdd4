import { describe, expect, it } from 'vitest';
import { Rng } from '../../util/rng.js';
import { ParamLayout, Predictor, TransformerEncoder } from '../index.js';

describe('TransformerEncoder.hidden with position ids', () => {
  const enc = new TransformerEncoder({ vocabSize: 50, maxLen: 16, dim: 8, heads: 2, layers: 2, ffDim: 16 });
  const theta = new ParamLayout(enc).initialize(new Rng(1));
  const rng = new Rng(2);

  it('runs one graph at any length, equal to the graph built for that length', async () => {
    const symbolic = await Predictor.create({
      module: enc,
      inputs: { ids: { dtype: 'int64', shape: ['batch', 'seq'] }, mask: { dtype: 'float32', shape: ['batch', 'seq'] }, pos: { dtype: 'int64', shape: ['seq'] } },
      forward: (ctx, { ids, mask, pos }, m) => ({ h: m.hidden(ctx, ids, mask, pos) }),
      runtime: { threads: 1 },
    }, theta);
    for (const T of [3, 9, 16]) {
      const fixed = await Predictor.create({
        module: enc,
        inputs: { ids: { dtype: 'int64', shape: ['batch', T] }, mask: { dtype: 'float32', shape: ['batch', T] } },
        forward: (ctx, { ids, mask }, m) => ({ h: m.hidden(ctx, ids, mask) }),
        runtime: { threads: 1 },
      }, theta);
      const ids = { data: BigInt64Array.from({ length: 2 * T }, () => BigInt(rng.int(50))), dims: [2, T] };
      const mask = { data: Float32Array.from({ length: 2 * T }, (_, i) => (i % T < T - 1 ? 1 : 0)), dims: [2, T] };
      const pos = { data: BigInt64Array.from({ length: T }, (_, t) => BigInt(t)), dims: [T] };
      const a = (await symbolic.run({ ids, mask, pos })).h;
      const b = (await fixed.run({ ids, mask })).h;
      expect(a.dims).toEqual([2, T, 8]);
      expect(Array.from(a.data as Float32Array)).toEqual(Array.from(b.data as Float32Array));
    }
  });

  it('says to give position ids when the length is symbolic', async () => {
    await expect(Predictor.create({
      module: enc,
      inputs: { ids: { dtype: 'int64', shape: ['batch', 'seq'] }, mask: { dtype: 'float32', shape: ['batch', 'seq'] } },
      forward: (ctx, { ids, mask }, m) => ({ h: m.hidden(ctx, ids, mask) }),
    }, theta)).rejects.toThrow(/or give position ids/);
  });
});
