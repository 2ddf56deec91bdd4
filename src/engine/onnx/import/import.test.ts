// An exported BERT-style encoder imported into the engine computes what ONNX Runtime computes
// from the file itself; exported back it runs anywhere; an op the importer lacks is named.
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { Predictor, Trainer, adamw, mul, reduceMean, type HostTensor, type PredictorSpec } from '../../index.js';
import { buildInferenceModel } from '../../train/predictor.js';
import { OnnxBuilder } from '../testing/onnx_builder.js';
import { TINY_BERT, tinyBertOnnx } from '../testing/tiny_bert.js';
import { TINY_GPT2, tinyGpt2Onnx } from '../testing/tiny_gpt2.js';
import { ImportedGraph, OnnxImportError, decodeModel, tensorData, topLayers } from './index.js';
import { Rng } from '../../../util/rng.js';

const bytes = tinyBertOnnx(TINY_BERT, 3);

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

/** A padded batch of token ids: row r has lengths[r] real tokens. */
function batch(lengths: number[], seed: number): Record<string, HostTensor> {
  const rng = new Rng(seed);
  const T = Math.max(...lengths);
  const B = lengths.length;
  const ids = new BigInt64Array(B * T);
  const mask = new BigInt64Array(B * T);
  const types = new BigInt64Array(B * T);
  lengths.forEach((n, r) => {
    for (let t = 0; t < n; t++) {
      ids[r * T + t] = BigInt(1 + rng.int(TINY_BERT.vocabSize - 1));
      mask[r * T + t] = 1n;
      types[r * T + t] = BigInt(t >= n / 2 ? 1 : 0);
    }
  });
  return { input_ids: { data: ids, dims: [B, T] }, attention_mask: { data: mask, dims: [B, T] }, token_type_ids: { data: types, dims: [B, T] } };
}

function toOrtFeeds(f: Record<string, HostTensor>): Record<string, ort.Tensor> {
  return Object.fromEntries(Object.entries(f).map(([k, v]) => [k, new ort.Tensor('int64', v.data as BigInt64Array, v.dims)]));
}

function specOf(m: ImportedGraph): PredictorSpec<ImportedGraph> {
  return { module: m, inputs: m.inputSpecs(), forward: (ctx, inputs, mod) => mod.forward(ctx, inputs) };
}

describe('ONNX import of a BERT-style encoder', () => {
  const model = decodeModel(bytes, 'tiny-bert.onnx');
  const imported = new ImportedGraph(model, 'tiny-bert.onnx');

  it('reads raw_data and typed initializers (float32 and int64) into parameters and constants', () => {
    const byName = new Map(model.graph.initializers.map((t) => [t.name, t]));
    const ln = byName.get('embeddings.LayerNorm.weight')!;
    expect(ln.raw).toBeUndefined(); // stored in float_data
    expect(ln.floatData).toHaveLength(TINY_BERT.hidden);
    const pos = tensorData(byName.get('embeddings.position_ids')!, 'test');
    expect(pos.dtype).toBe('int64');
    expect(Array.from(pos.data as BigInt64Array).slice(0, 4)).toEqual([0n, 1n, 2n, 3n]);
    // Every float matrix and vector is a parameter, in file order, with the file's values.
    expect(imported.parameterNames).not.toContain('embeddings.position_ids');
    expect(imported.parameterNames).toContain('onnx::MatMul_1000');
    expect(imported.parameterNames).toHaveLength(39);
    const theta = imported.initialTheta();
    let off = 0;
    for (const name of imported.parameterNames) {
      const d = tensorData(byName.get(name)!, 'test').data as Float32Array;
      expect(theta.subarray(off, off + d.length)).toEqual(d);
      off += d.length;
    }
    expect(off).toBe(theta.length);
  });

  it("the engine's forward equals ONNX Runtime on the file, padded batches of several lengths", async () => {
    const session = await ort.InferenceSession.create(bytes);
    const predictor = await Predictor.create(specOf(imported));
    const theta = imported.initialTheta();
    for (const [lengths, seed] of [[[7, 3, 5], 1], [[1], 2], [[12, 12], 3]] as const) {
      const feeds = batch([...lengths], seed);
      const want = await session.run(toOrtFeeds(feeds));
      const got = await predictor.run(feeds, theta);
      for (const k of ['last_hidden_state', 'pooler_output']) {
        expect(got[k].dims).toEqual(want[k].dims);
        expect(maxAbsDiff(got[k].data as Float32Array, want[k].data as Float32Array)).toBeLessThan(1e-5);
      }
    }
    await session.release();
  });

  it('round-trips: imported, exported with the weights baked in, and re-imported, it gives the same outputs', async () => {
    const exported = buildInferenceModel(specOf(imported), imported.initialTheta());
    const feeds = batch([6, 2], 9);
    const want = await (await ort.InferenceSession.create(bytes)).run(toOrtFeeds(feeds));
    const again = await (await ort.InferenceSession.create(exported)).run(toOrtFeeds(feeds));
    const reimported = new ImportedGraph(decodeModel(exported, 'exported.onnx'), 'exported.onnx');
    const third = await (await Predictor.create(specOf(reimported), reimported.initialTheta())).run(feeds);
    for (const k of ['last_hidden_state', 'pooler_output']) {
      expect(maxAbsDiff(again[k].data as Float32Array, want[k].data as Float32Array)).toBeLessThan(1e-5);
      expect(maxAbsDiff(third[k].data as Float32Array, want[k].data as Float32Array)).toBeLessThan(1e-5);
    }
    // The weights keep their names through the round trip.
    expect(reimported.parameterNames.sort()).toEqual([...imported.parameterNames].sort());
    // With static shapes the exporter's Shape arithmetic folds away: no Shape nodes remain.
    const fixed = new ImportedGraph(model, 'tiny-bert.onnx');
    const staticSpec: PredictorSpec<ImportedGraph> = { ...specOf(fixed), inputs: Object.fromEntries(Object.keys(fixed.inputSpecs()).map((n) => [n, { dtype: 'int64' as const, shape: [2, 6] }])) };
    const folded = decodeModel(buildInferenceModel(staticSpec, fixed.initialTheta()), 'folded.onnx');
    expect(folded.graph.nodes.filter((n) => n.opType === 'Shape')).toHaveLength(0);
    expect(model.graph.nodes.filter((n) => n.opType === 'Shape').length).toBeGreaterThan(10);
  });

  it('a subset of outputs imports only what they need', () => {
    const pooledOnly = new ImportedGraph(model, 'tiny-bert.onnx', { outputs: ['pooler_output'] });
    expect(pooledOnly.outputNames).toEqual(['pooler_output']);
    expect(() => new ImportedGraph(model, 'tiny-bert.onnx', { outputs: ['logits'] })).toThrow(/no graph output "logits"; the model's outputs are last_hidden_state, pooler_output/);
  });

  it('top-k layer selection finds layers by initializer and node names (renamed onnx::MatMul weights included)', () => {
    const { trainable, layers } = topLayers(model, 1);
    expect(layers).toBe(2);
    const names = model.graph.initializers.map((t) => t.name);
    const chosen = names.filter(trainable);
    expect(chosen).toContain('encoder.layer.1.output.dense.bias');
    expect(chosen).toContain('pooler.dense.weight'); // after the last layer
    expect(chosen).not.toContain('encoder.layer.0.output.dense.bias');
    expect(chosen).not.toContain('embeddings.word_embeddings.weight');
    // The renamed weights: 6 matmuls per layer, the top layer's 6 chosen by their MatMul node's name.
    expect(chosen.filter((n) => n.startsWith('onnx::MatMul_'))).toHaveLength(6);
    const frozen = new ImportedGraph(model, 'tiny-bert.onnx', { trainable });
    expect(frozen.parameterNames).toHaveLength(chosen.length);
  });
});

describe('ONNX import of a GPT-2-style decoder', () => {
  const file = tinyGpt2Onnx(TINY_GPT2, 5);
  const feedsFor = (lengths: number[]) => {
    const base = batch(lengths, 11);
    const [B, T] = base.input_ids.dims;
    const ids = (base.input_ids.data as BigInt64Array).map((v) => BigInt(Number(v) % TINY_GPT2.vocabSize));
    const pos = BigInt64Array.from({ length: B * T }, (_, i) => BigInt(i % T));
    return { input_ids: { data: ids, dims: [B, T] }, attention_mask: base.attention_mask, position_ids: { data: pos, dims: [B, T] } };
  };

  it('Conv1D as Reshape/Gemm/Reshape, the qkv Split, the causal mask sliced to the sequence length and Where: equal to ONNX Runtime', async () => {
    const m = new ImportedGraph(decodeModel(file, 'gpt2.onnx'), 'gpt2.onnx');
    const predictor = await Predictor.create(specOf(m));
    const session = await ort.InferenceSession.create(file);
    for (const lengths of [[5, 9, 2], [1]]) {
      const feeds = feedsFor(lengths);
      const want = await session.run(toOrtFeeds(feeds));
      const got = await predictor.run(feeds, m.initialTheta());
      expect(got.last_hidden_state.dims).toEqual(want.last_hidden_state.dims);
      expect(maxAbsDiff(got.last_hidden_state.data as Float32Array, want.last_hidden_state.data as Float32Array)).toBeLessThan(1e-5);
    }
    await session.release();
  });

  it('trains through Gemm, Split and Where: a few steps on the top layer lower a loss on the hidden states', async () => {
    const model = decodeModel(file, 'gpt2.onnx');
    const { trainable } = topLayers(model, 1);
    const m = new ImportedGraph(model, 'gpt2.onnx', { trainable });
    expect(m.parameterNames.every((n) => n.startsWith('h.1.') || n.startsWith('ln_f.'))).toBe(true);
    const feeds = feedsFor([4, 4]);
    const trainer = await Trainer.create({
      module: m,
      inputs: m.inputSpecs(),
      loss: (ctx, x, mod) => {
        const h = mod.forward(ctx, x).last_hidden_state;
        return reduceMean(mul(h, h));
      },
      optimizer: adamw({ weightDecay: 0 }),
      theta: m.initialTheta(),
    });
    const losses: number[] = [];
    for (let i = 0; i < 5; i++) losses.push((await trainer.step(feeds, 1e-2)).loss);
    expect(losses[4]).toBeLessThan(losses[0]);
  });
});

describe('ONNX import: attribute forms and errors', () => {
  it('opset-11 attribute forms (Unsqueeze/Squeeze/ReduceMean/Split axes as attributes) match ONNX Runtime', async () => {
    const b = new OnnxBuilder(11);
    const x = b.input('x', 'float32', ['n', 6]);
    const u = b.node('Unsqueeze', [x], { axes: [1] })[0]; // [n,1,6]
    const [p, q] = b.node('Split', [u], { axis: 2, split: [2, 4] }, { outputs: 2 });
    const r = b.node('ReduceMean', [q], { axes: [2], keepdims: 1 })[0]; // [n,1,1]
    const s = b.node('Squeeze', [b.node('Mul', [p, r])[0]], { axes: [1] }, { outputs: ['y'] })[0]; // [n,2]
    b.output(s, 'float32', ['n', 2]);
    const file = b.finish();
    const m = new ImportedGraph(decodeModel(file, 'attrs.onnx'), 'attrs.onnx');
    const data = Float32Array.from({ length: 18 }, (_, i) => Math.sin(i));
    const want = await (await ort.InferenceSession.create(file)).run({ x: new ort.Tensor('float32', data, [3, 6]) });
    const got = await (await Predictor.create({ module: m, inputs: m.inputSpecs(), forward: (c, i, mod) => mod.forward(c, i) }, new Float32Array(0))).run({ x: { data, dims: [3, 6] } });
    expect(got.y.dims).toEqual([3, 2]);
    expect(maxAbsDiff(got.y.data as Float32Array, want.y.data as Float32Array)).toBeLessThan(1e-6);
  });

  it('DistilBERT-style masking (Equal/Reshape/Expand/Where on bool) and torch expand(-1) shape arithmetic (ConstantOfShape/Mul/Equal/Where) match ONNX Runtime', async () => {
    const b = new OnnxBuilder(14);
    const scores = b.input('scores', 'float32', ['batch', 2, 'seq', 'seq']);
    const mask = b.input('mask', 'int64', ['batch', 'seq']);
    const dim = (x: string, i: number) => b.node('Unsqueeze', [b.node('Gather', [b.node('Shape', [x])[0], b.ints([i], '', true)], { axis: 0 })[0], b.ints([0], '')])[0];
    // mask = (mask == 0).view(bs, 1, 1, k_length).expand_as(scores); scores.masked_fill(mask, min)
    const isPad = b.node('Equal', [mask, b.ints([0], '', true)])[0];
    const view = b.node('Reshape', [isPad, b.node('Concat', [dim(mask, 0), b.ints([1, 1], ''), dim(mask, 1)], { axis: 0 })[0]])[0];
    const expanded = b.node('Expand', [view, b.node('Shape', [scores])[0]])[0];
    const filled = b.node('Where', [expanded, b.float(-3.4028234663852886e38, ''), scores])[0];
    const probs = b.node('Softmax', [filled], { axis: -1 }, { outputs: ['probs'] })[0];
    b.output(probs, 'float32', ['batch', 2, 'seq', 'seq']);
    // bias.expand(bs, -1): the target [bs, -1] with -1 replaced through ConstantOfShape/Mul/Equal/Where.
    b.initializer('bias', { elem: 'float32', dims: [1, 3], data: Float32Array.of(0.5, -1, 2) });
    const target = b.node('Concat', [dim(mask, 0), b.ints([-1], '')], { axis: 0 })[0];
    const ones = b.node('ConstantOfShape', [b.node('Shape', [target])[0]], { value: { t: { elem: 'int64', dims: [1], data: BigInt64Array.of(1n) } } })[0];
    const minus = b.node('Mul', [ones, b.ints([-1], '', true)])[0];
    const resolved = b.node('Where', [b.node('Equal', [target, minus])[0], ones, target])[0];
    b.node('Expand', ['bias', resolved], {}, { outputs: ['bias_rows'] });
    b.output('bias_rows', 'float32', ['batch', 3]);
    const file = b.finish();
    const m = new ImportedGraph(decodeModel(file, 'distil.onnx'), 'distil.onnx');
    const rng = new Rng(4);
    const s = Float32Array.from({ length: 3 * 2 * 4 * 4 }, () => rng.normal());
    const mk = BigInt64Array.from([1, 1, 1, 1, 1, 1, 0, 0, 1, 0, 0, 0].map(BigInt));
    const want = await (await ort.InferenceSession.create(file)).run({ scores: new ort.Tensor('float32', s, [3, 2, 4, 4]), mask: new ort.Tensor('int64', mk, [3, 4]) });
    const p = await Predictor.create({ module: m, inputs: m.inputSpecs(), forward: (c, i, mod) => mod.forward(c, i) });
    const got = await p.run({ scores: { data: s, dims: [3, 2, 4, 4] }, mask: { data: mk, dims: [3, 4] } }, m.initialTheta());
    expect(got.bias_rows.dims).toEqual([3, 3]);
    for (const k of ['probs', 'bias_rows']) expect(maxAbsDiff(got[k].data as Float32Array, want[k].data as Float32Array)).toBeLessThan(1e-6);
    // The masked keys get no attention.
    expect((got.probs.data as Float32Array)[16 * 2 + 3]).toBe(0);
  });

  it('fused LayerNormalization (opset 17) and Gelu (opset 20, both forms) and Gemm with transA match ONNX Runtime', async () => {
    const b = new OnnxBuilder(20);
    const x = b.input('x', 'float32', ['n', 4]);
    const rng = new Rng(8);
    const vec = (name: string, k: number) => b.initializer(name, { elem: 'float32', dims: [k], data: Float32Array.from({ length: k }, () => 1 + 0.3 * rng.normal()) });
    b.initializer('w', { elem: 'float32', dims: [5, 4], data: Float32Array.from({ length: 20 }, () => rng.normal()) });
    const ln = b.node('LayerNormalization', [x, vec('g', 4), vec('beta', 4)], { axis: -1, epsilon: { f: 1e-3 } })[0];
    const exact = b.node('Gelu', [ln], {}, { outputs: ['exact'] })[0];
    const approx = b.node('Gelu', [ln], { approximate: 'tanh' }, { outputs: ['approx'] })[0];
    b.node('Gemm', [b.node('Transpose', [approx], { perm: [1, 0] })[0], 'w', vec('c', 5)], { transA: 1, transB: 1, alpha: { f: 0.5 }, beta: { f: 2 } }, { outputs: ['y'] });
    b.output(exact, 'float32', ['n', 4]);
    b.output(approx, 'float32', ['n', 4]);
    b.output('y', 'float32', ['n', 5]);
    const file = b.finish();
    const m = new ImportedGraph(decodeModel(file, 'fused.onnx'), 'fused.onnx');
    const data = Float32Array.from({ length: 12 }, () => 2 * rng.normal());
    const want = await (await ort.InferenceSession.create(file)).run({ x: new ort.Tensor('float32', data, [3, 4]) });
    const got = await (await Predictor.create({ module: m, inputs: m.inputSpecs(), forward: (c, i, mod) => mod.forward(c, i) })).run({ x: { data, dims: [3, 4] } }, m.initialTheta());
    for (const k of ['exact', 'approx', 'y']) expect(maxAbsDiff(got[k].data as Float32Array, want[k].data as Float32Array), k).toBeLessThan(1e-5);
  });

  it('LayerNormalization without its bias input matches ONNX Runtime', async () => {
    const b = new OnnxBuilder(17);
    const x = b.input('x', 'float32', ['n', 6]);
    const rng = new Rng(9);
    b.initializer('g', { elem: 'float32', dims: [6], data: Float32Array.from({ length: 6 }, () => 1 + 0.3 * rng.normal()) });
    b.node('LayerNormalization', [x, 'g'], { axis: -1, epsilon: { f: 1e-5 } }, { outputs: ['y'] });
    b.output('y', 'float32', ['n', 6]);
    const file = b.finish();
    const m = new ImportedGraph(decodeModel(file, 'ln.onnx'), 'ln.onnx');
    const data = Float32Array.from({ length: 18 }, () => 3 * rng.normal() + 1);
    const want = await (await ort.InferenceSession.create(file)).run({ x: new ort.Tensor('float32', data, [3, 6]) });
    const got = await (await Predictor.create({ module: m, inputs: m.inputSpecs(), forward: (c, i, mod) => mod.forward(c, i) })).run({ x: { data, dims: [3, 6] } }, m.initialTheta());
    expect(maxAbsDiff(got.y.data as Float32Array, want.y.data as Float32Array)).toBeLessThan(1e-5);
  });

  it('an op the importer lacks is named with its node and the fix', () => {
    const b = new OnnxBuilder(14);
    const x = b.input('x', 'float32', [2, 3]);
    b.node('Selu', [b.node('Relu', [x])[0]], {}, { name: '/encoder/act/Selu', outputs: ['y'] });
    b.output('y', 'float32', [2, 3]);
    const err = (() => {
      try {
        new ImportedGraph(decodeModel(b.finish(), 'odd.onnx'), 'odd.onnx');
      } catch (e) {
        return e as Error;
      }
      throw new Error('expected an error');
    })();
    expect(err).toBeInstanceOf(OnnxImportError);
    expect(err.message).toContain('odd.onnx: node "/encoder/act/Selu" has op Selu');
    expect(err.message).toContain("registerImporter('Selu'");
    expect(err.message).toContain('Ops the importer knows: Abs, Add');
  });

  it('a quantised weight is refused with the file to use instead', () => {
    const b = new OnnxBuilder(14);
    const x = b.input('x', 'float32', [2, 3]);
    b.initializer('w', { elem: 'float32', dims: [3, 3], data: new Float32Array(9) });
    b.node('MatMul', [x, 'w'], {}, { outputs: ['y'] });
    b.output('y', 'float32', [2, 3]);
    const model = decodeModel(b.finish(), 'model_quantized.onnx');
    model.graph.initializers[0].elemType = 2; // uint8, as a quantised export stores weights
    expect(() => new ImportedGraph(model, 'model_quantized.onnx')).toThrow(/initializer "w": tensor "w" has element type uint8.*use the float32 export \(onnx\/model.onnx/);
  });

  it('a file that is not ONNX names the file', () => {
    expect(() => decodeModel(new TextEncoder().encode('not a model at all, just text\n'), 'notes.onnx')).toThrow(/notes.onnx/);
  });

  it('a Reshape whose target the importer cannot follow says what to change', () => {
    const b = new OnnxBuilder(14);
    const x = b.input('x', 'float32', [2, 6]);
    const shape = b.input('shape', 'int64', [2]);
    b.node('Reshape', [x, shape], {}, { name: '/odd/Reshape', outputs: ['y'] });
    b.output('y', 'float32', [3, 4]);
    const m = new ImportedGraph(decodeModel(b.finish(), 'dyn.onnx'), 'dyn.onnx');
    expect(() => buildInferenceModel({ module: m, inputs: m.inputSpecs(), forward: (c, i, mod) => mod.forward(c, i) }, new Float32Array(0))).toThrow(
      /dyn.onnx: node "\/odd\/Reshape" \(Reshape\): its target shape \(input 1\) is computed at run time/,
    );
  });
});
