// An exported .onnx file runs anywhere ONNX Runtime does, to the outputs the engine's Predictor gives.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, describe, expect, it } from 'vitest';
import { rejectionOf } from '../testing/rejection.js';
import { Rng } from '../../util/rng.js';
import { MLP, OnnxModel, ParamLayout, Predictor, exportOnnx, softmax, toOrt, type PredictorSpec } from '../index.js';

const dir = mkdtempSync(join(tmpdir(), 'w2s-onnx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

describe('exportOnnx / OnnxModel.load', () => {
  // Dropout in the model: the export must be the inference graph (no dropout), like the Predictor.
  const module = new MLP([5, 16, 3], { activation: 'gelu', dropout: 0.5 });
  const spec: PredictorSpec<MLP> = {
    module,
    inputs: { x: { dtype: 'float32', shape: ['batch', 5] } },
    forward: (ctx, { x }, m) => {
      const logits = m.forward(ctx, x);
      return { logits, probs: softmax(logits, -1) };
    },
  };
  const rng = new Rng(11);
  const theta = new ParamLayout(module).initialize(rng);
  const x = Float32Array.from({ length: 7 * 5 }, () => rng.normal());
  const path = join(dir, 'mlp.onnx');
  exportOnnx(path, spec, theta);

  it('a plain ONNX Runtime session and OnnxModel.load reproduce the Predictor within 1e-6', async () => {
    // Weights fed per call: a different graph from the exported (frozen) one, so a separate session.
    const predictor = await Predictor.create(spec);
    const expected = await predictor.run({ x: { data: x, dims: [7, 5] } }, theta);

    const plain = await ort.InferenceSession.create(path);
    const viaOrt = await plain.run({ x: toOrt('float32', x, [7, 5]) });
    const loaded = await OnnxModel.load(path);
    expect([...loaded.inputNames]).toEqual(['x']);
    expect([...loaded.outputNames].sort()).toEqual(['logits', 'probs']);
    const viaModel = await loaded.run({ x: toOrt('float32', x, [7, 5]) });

    for (const name of ['logits', 'probs']) {
      expect(viaOrt[name].dims).toEqual([7, 3]);
      expect(maxAbsDiff(viaOrt[name].data as Float32Array, expected[name].data as Float32Array)).toBeLessThan(1e-6);
      expect(maxAbsDiff(viaModel[name].data as Float32Array, expected[name].data as Float32Array)).toBeLessThan(1e-6);
    }
    // Inference mode: running twice gives the same answer (no dropout masks).
    const again = await plain.run({ x: toOrt('float32', x, [7, 5]) });
    expect(maxAbsDiff(again.logits.data as Float32Array, viaOrt.logits.data as Float32Array)).toBe(0);
    await plain.release();
  });

  it('OnnxModel.run names the missing inputs', async () => {
    const loaded = await OnnxModel.load(path);
    await expect(loaded.run({})).rejects.toThrow(/missing inputs x/);
  });

  it('a file that is not ONNX gives an error naming the file', async () => {
    const bogus = join(dir, 'notes.onnx');
    writeFileSync(bogus, 'definitely not a protobuf model\n');
    const err = await rejectionOf(OnnxModel.load(bogus));
    expect(err).toBeInstanceOf(Error);
    expect(err.message).toContain(bogus);
    expect(err.message).toContain('not a model ONNX Runtime can load');
  });

  it('a missing file gives an error naming the file', async () => {
    const missing = join(dir, 'nowhere.onnx');
    await expect(OnnxModel.load(missing)).rejects.toThrow(`cannot read ONNX model ${missing}`);
  });
});
