/**
 * `npx tsx bench/features.ts [--tasks spam,pos,reviews] [--model l] [--cache DIR] [--random-init]`
 *
 * Frozen-feature extraction of every task text under a pretrained ladder
 * model, two ways: every batch padded to maxLen (before) and every batch at its
 * real length (src/models/features.ts). Prints seconds for each, the speed-up,
 * and the largest relative difference between the two feature matrices.
 * `--random-init` skips pretraining (the timing does not depend on the weights).
 */
import { parseArgs } from 'node:util';
import { ensureEncoder } from '../src/models/cache.js';
import { ParamLayout, Predictor, TransformerEncoder, concat, reshape, slice } from '../src/engine/index.js';
import { encodeTexts } from '../src/models/features.js';
import { DEFAULT_TEXT, getModel } from '../src/models/ladder.js';
import { encoderConfig } from '../src/models/pretrain.js';
import { loadTask } from '../src/tasks/index.js';
import { trainTokenizer } from '../src/text/index.js';
import { Rng } from '../src/util/rng.js';

const { values } = parseArgs({
  options: { tasks: { type: 'string', default: 'spam,pos,reviews' }, model: { type: 'string', default: 'l' }, cache: { type: 'string', default: '.w2s/cache' }, threads: { type: 'string' }, 'random-init': { type: 'boolean', default: false } },
});
const threads = values.threads ? Number(values.threads) : undefined;
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };

function randomEncoder(texts: string[]) {
  const tokenizer = trainTokenizer(texts, { vocabSize: DEFAULT_TEXT.vocabSize });
  const encoder = new TransformerEncoder(encoderConfig(getModel(values.model), tokenizer, DEFAULT_TEXT));
  return { tokenizer, encoder, theta: new ParamLayout(encoder).initialize(new Rng(0)) };
}

for (const name of values.tasks.split(',')) {
  const ds = await loadTask(name);
  const texts = ds.examples.map((e) => e.text ?? '');
  const enc = values['random-init'] ? randomEncoder(texts) : await ensureEncoder({ cacheDir: values.cache, corpus: { name, texts }, model: getModel(values.model), text: DEFAULT_TEXT, threads });
  const { maxLen } = DEFAULT_TEXT;
  const { ids, mask } = enc.tokenizer.encodeBatch(texts, maxLen);
  let tokens = 0;
  for (const m of mask) tokens += m;

  let [w0, c0] = [performance.now(), cpu()];
  // The graph as it was: every row padded to maxLen.
  const d = enc.encoder.config.dim;
  const padded = await Predictor.create({
    module: enc.encoder,
    inputs: { ids: { dtype: 'int64', shape: ['batch', maxLen] }, mask: { dtype: 'float32', shape: ['batch', maxLen] } },
    forward: (ctx, { ids, mask }, m) => {
      const h = m.hidden(ctx, ids, mask);
      return { features: concat([m.pooled(ctx, h, mask), reshape(slice(h, [1], [2], [1]), [0, d]), m.pooled(ctx, m.tokens.forward(ctx, ids), mask)], 1) };
    },
    runtime: { threads },
  }, enc.theta);
  const before = await padded.runBatched({ ids: { data: BigInt64Array.from(ids, (v) => BigInt(v)), dims: [texts.length, maxLen] }, mask: { data: mask, dims: [texts.length, maxLen] } }, 256);
  const paddedS = [(performance.now() - w0) / 1000, cpu() - c0];

  [w0, c0] = [performance.now(), cpu()];
  const after = await encodeTexts({ encoder: enc.encoder, theta: enc.theta, tokenizer: enc.tokenizer, texts, maxLen, threads });
  const realS = [(performance.now() - w0) / 1000, cpu() - c0];

  const b = before.features.data as Float32Array;
  let rel = 0;
  let abs = 0;
  for (let i = 0; i < b.length; i++) {
    abs = Math.max(abs, Math.abs(after.features[i] - b[i]));
    rel = Math.max(rel, Math.abs(after.features[i] - b[i]) / Math.max(1, Math.abs(b[i])));
  }
  process.stdout.write(`${JSON.stringify({
    task: name, model: values.model, rows: texts.length, mean_tokens: +(tokens / texts.length).toFixed(1), max_len: maxLen,
    padded_wall_s: +paddedS[0].toFixed(2), real_length_wall_s: +realS[0].toFixed(2), speedup_wall: +(paddedS[0] / realS[0]).toFixed(2),
    padded_cpu_s: +paddedS[1].toFixed(2), real_length_cpu_s: +realS[1].toFixed(2), speedup_cpu: +(paddedS[1] / realS[1]).toFixed(2),
    max_abs_diff: abs, max_rel_diff: rel,
  })}\n`);
}
