/**
 * `npx tsx bench/hf_encoder.ts`: an HF-layout BERT folder made on the spot (nothing downloaded),
 * its features on the spam task's texts through ONNX Runtime vs the engine's own forward of the
 * imported graph (max abs difference, time), and the time of one top-layer fine-tuning step.
 * Prints one JSON object per line.
 *
 *   --size tiny|minilm   tiny: hidden 16, 2 layers; minilm: all-MiniLM-L6-v2's shape (384, 6 layers, 12 heads)
 *   --texts N            spam texts encoded (default 512)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adamw, decodeModel, ImportedGraph, Predictor, softmaxCrossEntropy, Trainer } from '../src/engine/index.js';
import { HfClassifier, HfEncoder, POOL_INPUT, parseHfSpec, poolHidden, poolingWeights, writeTinyHfFolder } from '../src/models/hf/index.js';
import { loadTask } from '../src/tasks/index.js';
import { Rng } from '../src/util/rng.js';

const args = process.argv.slice(2);
const flag = (name: string, dflt: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const size = flag('size', 'tiny');
const N = Number(flag('texts', '512'));
const config = size === 'minilm' ? { hidden: 384, layers: 6, heads: 12, intermediate: 1536, maxPositions: 512 } : { maxPositions: 128 };

const dir = mkdtempSync(join(tmpdir(), 'w2s-bench-hf-'));
try {
  writeTinyHfFolder(join(dir, 'm'), { config });
  const ds = await loadTask('spam');
  const texts = ds.examples.slice(0, N).map((e) => e.text ?? '');
  const spec = parseHfSpec(`hf:${join(dir, 'm')},max_len=128`);
  const enc = await HfEncoder.load(spec);
  let t = performance.now();
  const ortF = await enc.features(texts, { batchSize: 32 });
  const ortS = (performance.now() - t) / 1000;

  t = performance.now();
  const graph = ImportedGraph.fromFile(enc.folder.onnxPath, { outputs: ['last_hidden_state'] });
  const predictor = await Predictor.create({ module: graph, inputs: graph.inputSpecs(), forward: (ctx, x, m) => m.forward(ctx, x) }, graph.initialTheta());
  const importS = (performance.now() - t) / 1000;
  t = performance.now();
  let maxDiff = 0;
  let maxAbs = 0;
  const lengths = texts.map((x) => enc.tokenizer.encode(x).ids.length);
  const order = [...texts.keys()].sort((a, b) => lengths[a] - lengths[b] || a - b);
  for (let s = 0; s < order.length; s += 32) {
    const rows = order.slice(s, s + 32);
    const b = enc.tokenizer.encodeBatch(rows.map((i) => texts[i]));
    const dims = [b.batch, b.seqLen];
    const out = await predictor.run({ input_ids: { data: b.ids, dims }, attention_mask: { data: b.mask, dims }, token_type_ids: { data: b.typeIds, dims } });
    const pooled = poolHidden(out.last_hidden_state.data as Float32Array, poolingWeights(b.mask, b.batch, b.seqLen, 'mean'), b.batch, b.seqLen, ortF.dim);
    rows.forEach((i, r) => {
      for (let d = 0; d < ortF.dim; d++) {
        const v = ortF.features[i * ortF.dim + d];
        maxDiff = Math.max(maxDiff, Math.abs(v - pooled[r * ortF.dim + d]));
        maxAbs = Math.max(maxAbs, Math.abs(v));
      }
    });
  }
  const engineS = (performance.now() - t) / 1000;
  console.log(JSON.stringify({ size, texts: N, dim: ortF.dim, params: enc.params, ort_features_s: +ortS.toFixed(2), ort_texts_per_s: Math.round(N / ortS), import_s: +importS.toFixed(2), engine_features_s: +engineS.toFixed(2), max_abs_diff: maxDiff, max_abs_feature: maxAbs }));

  // One fine-tuning step of the top layer and a linear head, batch 16 at its real length.
  const model = decodeModel(new Uint8Array((await import('node:fs')).readFileSync(enc.folder.onnxPath)), enc.folder.onnxPath);
  const clf = new HfClassifier({ model, source: enc.folder.onnxPath }, { numClasses: 2, trainLayers: 1 });
  t = performance.now();
  const trainer = await Trainer.create({
    module: clf,
    inputs: { ...clf.inputSpecs(), targets: { dtype: 'float32', shape: ['batch_size', 2] } },
    loss: (ctx, x, m) => softmaxCrossEntropy(m.forward(ctx, x), x.targets),
    optimizer: adamw(),
    theta: clf.initialTheta(new Rng(0)),
  });
  const compileS = (performance.now() - t) / 1000;
  // A balanced batch: 8 spam, 8 ham.
  const pick = [...ds.examples.filter((e) => e.label === 1).slice(0, 8), ...ds.examples.filter((e) => e.label === 0).slice(0, 8)];
  const b = enc.tokenizer.encodeBatch(pick.map((e) => e.text ?? ''));
  const dims = [b.batch, b.seqLen];
  const feeds = {
    input_ids: { data: b.ids, dims },
    attention_mask: { data: b.mask, dims },
    token_type_ids: { data: b.typeIds, dims },
    [POOL_INPUT]: { data: poolingWeights(b.mask, b.batch, b.seqLen, 'mean'), dims },
    targets: { data: Float32Array.from(pick.flatMap((e) => (e.label ? [0, 1] : [1, 0]))), dims: [16, 2] },
  };
  await trainer.step(feeds, 1e-3);
  t = performance.now();
  const steps = 5;
  const losses: number[] = [];
  for (let i = 0; i < steps; i++) losses.push((await trainer.step(feeds, 1e-3)).loss);
  const stepS = (performance.now() - t) / 1000 / steps;
  console.log(JSON.stringify({ size, finetune: 'top layer + head', trainable_params: trainer.layout.total, batch: 16, seq_len: b.seqLen, compile_s: +compileS.toFixed(2), step_s: +stepS.toFixed(3), losses: losses.map((l) => +l.toFixed(4)) }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
