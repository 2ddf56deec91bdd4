/**
 * `npx tsx bench/hf_reference.ts`: the tiny BERT folder's hidden states and mean-pooled
 * features from ONNX Runtime and from the engine's import, checked against an independent
 * numpy forward pass (bench/hf_reference.py, needs python3 with numpy). Prints one JSON object.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeModel, encodeSafetensors, ImportedGraph, Predictor, tensorData, type NamedTensor } from '../src/engine/index.js';
import { HfEncoder, parseHfSpec, writeTinyHfFolder } from '../src/models/hf/index.js';
import { loadTask } from '../src/tasks/index.js';

const dir = mkdtempSync(join(tmpdir(), 'w2s-hf-ref-'));
try {
  const cfg = writeTinyHfFolder(join(dir, 'm'), { seed: 7, config: { maxPositions: 128 } });
  const texts = (await loadTask('spam')).examples.slice(0, 16).map((e) => e.text ?? '');
  const enc = await HfEncoder.load(parseHfSpec(`hf:${join(dir, 'm')},max_len=96`));
  const b = enc.tokenizer.encodeBatch(texts);
  const dims = [b.batch, b.seqLen];
  const ort = await enc.hiddenStates(b);
  const features = await enc.features(texts, { batchSize: 16 });
  const graph = ImportedGraph.fromFile(enc.folder.onnxPath, { outputs: ['last_hidden_state'] });
  const predictor = await Predictor.create({ module: graph, inputs: graph.inputSpecs(), forward: (ctx, x, m) => m.forward(ctx, x) }, graph.initialTheta());
  const engine = await predictor.run({ input_ids: { data: b.ids, dims }, attention_mask: { data: b.mask, dims }, token_type_ids: { data: b.typeIds, dims } });
  const tensors: Record<string, NamedTensor> = {
    input_ids: { dtype: 'I64', shape: dims, data: b.ids },
    attention_mask: { dtype: 'I64', shape: dims, data: b.mask },
    token_type_ids: { dtype: 'I64', shape: dims, data: b.typeIds },
    ort_hidden: { dtype: 'F32', shape: [...dims, ort.dim], data: ort.hidden },
    engine_hidden: { dtype: 'F32', shape: [...dims, ort.dim], data: engine.last_hidden_state.data as Float32Array },
    ort_features: { dtype: 'F32', shape: [b.batch, features.dim], data: features.features },
  };
  for (const t of decodeModel(new Uint8Array(readFileSync(enc.folder.onnxPath)), enc.folder.onnxPath).graph.initializers) {
    const d = tensorData(t, t.name);
    if (d.dtype === 'float32') tensors[t.name] = { dtype: 'F32', shape: d.shape, data: d.data };
  }
  const file = join(dir, 'reference.safetensors');
  writeFileSync(file, encodeSafetensors(tensors, { config: JSON.stringify(cfg) }));
  const py = spawnSync('/usr/bin/python3', [fileURLToPath(new URL('./hf_reference.py', import.meta.url)), file], { encoding: 'utf8' });
  if (py.status !== 0) throw new Error(`bench/hf_reference.py failed: ${py.stderr}`);
  process.stdout.write(py.stdout);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
