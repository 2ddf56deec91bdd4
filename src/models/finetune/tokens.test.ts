// Batches at their real length: cut to the longest row, and the encoder computes
// the same at that length as over the full padded width.
import { describe, expect, it } from 'vitest';
import { ParamLayout, Predictor } from '../../engine/index.js';
import { Rng } from '../../util/rng.js';
import { FinetuneModel, encoderInputs } from './model.js';
import { ENCODER_INPUTS } from './predict.js';
import { TINY, orderTask } from './testing.js';
import { lengthOrder, rowLengths, tokenBatch } from './tokens.js';

describe('tokenBatch', () => {
  const { tokens } = orderTask(16, 3);
  const lengths = rowLengths(tokens);

  it('cuts a batch to its longest real row and points focus at position 1 of each row', () => {
    const rows = [2, 5, 7];
    const b = tokenBatch(tokens, rows, lengths);
    expect(b.seq).toBe(Math.max(...rows.map((r) => lengths[r])));
    expect(b.seq).toBeLessThan(tokens.maxLen + 1);
    expect(Array.from(b.focus.data as BigInt64Array, Number)).toEqual([1, b.seq + 1, 2 * b.seq + 1]);
    expect(Array.from(b.ids.data as BigInt64Array, Number).slice(b.seq, 2 * b.seq)).toEqual(Array.from(tokens.ids.subarray(5 * tokens.maxLen, 5 * tokens.maxLen + b.seq)));
    expect(lengthOrder(lengths).every((r, i, o) => i === 0 || lengths[o[i - 1]] <= lengths[r])).toBe(true);
  });

  it('the features at the real length equal those over the full padded width', async () => {
    const model = new FinetuneModel(TINY, 2, []);
    const theta = new ParamLayout(model).initialize(new Rng(1));
    const p = await Predictor.create({ module: model, inputs: ENCODER_INPUTS, forward: (ctx, x, m) => ({ f: m.features(ctx, encoderInputs(x)) }) }, theta);
    const rows = Int32Array.from(lengths.keys()).filter((r) => lengths[r] < tokens.maxLen - 1);
    expect(rows.length).toBeGreaterThan(3);
    const run = async (l: Int32Array) => {
      const b = tokenBatch(tokens, rows, l);
      return { seq: b.seq, f: (await p.run({ ids: b.ids, mask: b.mask, positions: b.positions, focus: b.focus })).f.data as Float32Array };
    };
    const real = await run(lengths);
    const full = await run(new Int32Array(lengths.length).fill(tokens.maxLen));
    expect(full.seq).toBe(tokens.maxLen);
    expect(real.seq).toBeLessThan(tokens.maxLen);
    for (let i = 0; i < real.f.length; i++) expect(real.f[i]).toBeCloseTo(full.f[i], 5);
  });
});
