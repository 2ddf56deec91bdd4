import { describe, expect, it } from 'vitest';
import { ParamLayout, Predictor, TransformerEncoder, concat, reshape, slice } from '../engine/index.js';
import { brownSentences } from '../text/brown.fixture.js';
import { trainTokenizer } from '../text/index.js';
import { Rng } from '../util/rng.js';
import { encodeTexts } from './features.js';

/** Largest |a - b| relative to max(1, |b|). */
function maxRelDiff(a: Float32Array, b: Float32Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(b[i])));
  return m;
}

describe('encodeTexts at real batch lengths', () => {
  const sentences = brownSentences(1);
  // Lengths from 1 word to past maxLen, so some rows are truncated and batches run at several lengths.
  const texts = sentences.slice(0, 150).map((s, i) => s.split(' ').slice(0, 1 + ((i * 7) % 60)).join(' '));
  const tokenizer = trainTokenizer(sentences, { vocabSize: 400 });
  const maxLen = 48;
  const encoder = new TransformerEncoder({ vocabSize: tokenizer.vocabSize, maxLen, dim: 32, heads: 4, layers: 2, ffDim: 64 });
  const theta = new ParamLayout(encoder).initialize(new Rng(3));

  /** The features as computed before batches ran at their real length: every row padded to maxLen, in a graph built for it. */
  const paddedPredictor = () => {
    const d = encoder.config.dim;
    return Predictor.create({
      module: encoder,
      inputs: { ids: { dtype: 'int64', shape: ['batch', maxLen] }, mask: { dtype: 'float32', shape: ['batch', maxLen] } },
      forward: (ctx, { ids, mask }, m) => {
        const h = m.hidden(ctx, ids, mask);
        return { features: concat([m.pooled(ctx, h, mask), reshape(slice(h, [1], [2], [1]), [0, d]), m.pooled(ctx, m.tokens.forward(ctx, ids), mask)], 1) };
      },
      runtime: { threads: 1 },
    }, theta);
  };

  it('gives the features of the padded encoder, to float rounding (relative 1e-5)', async () => {
    const ours = await encodeTexts({ encoder, theta, tokenizer, texts, maxLen, batchSize: 32, threads: 1 });
    const { ids, mask } = tokenizer.encodeBatch(texts, maxLen);
    const padded = await paddedPredictor();
    const want = await padded.runBatched({ ids: { data: BigInt64Array.from(ids, (v) => BigInt(v)), dims: [texts.length, maxLen] }, mask: { data: mask, dims: [texts.length, maxLen] } }, 32);
    expect(ours.dim).toBe(96);
    expect(ours.features.length).toBe(want.features.data.length);
    expect(maxRelDiff(ours.features, want.features.data as Float32Array)).toBeLessThan(1e-5);
  });

  it('keeps rows in input order whatever the batch size', async () => {
    const a = await encodeTexts({ encoder, theta, tokenizer, texts, maxLen, batchSize: 7, threads: 1 });
    const b = await encodeTexts({ encoder, theta, tokenizer, texts: texts.slice(10, 11), maxLen, threads: 1 });
    expect(maxRelDiff(a.features.subarray(10 * 96, 11 * 96), b.features)).toBeLessThan(1e-5);
  });
});
