// Fine-tuning the top layer of an imported encoder with the engine's Trainer: the loss falls,
// only the chosen layers (and the head) change, and the exported model runs in ONNX Runtime.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, describe, expect, it } from 'vitest';
import { adamw, decodeModel, exportOnnx, Predictor, softmaxCrossEntropy, tensorData, topLayers, Trainer, type Feeds, type PredictorSpec } from '../../engine/index.js';
import { Rng } from '../../util/rng.js';
import { HfClassifier, HfTokenizer, POOL_INPUT, finetuneHf, parseHfSpec, poolingWeights, resolveHfFolder, writeTinyHfFolder } from './index.js';

const root = mkdtempSync(join(tmpdir(), 'w2s-hf-ft-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const SPAM = ['free prize call now', 'win cash now', 'claim your prize txt win', 'free cash claim now', 'call now to win', 'txt to win a prize'];
const HAM = ['ok see you later', 'i love it', 'what is it', 'how is home', 'see you at home later', 'i love you'];

describe('fine-tuning an imported HF encoder', () => {
  const dir = join(root, 'tiny');
  writeTinyHfFolder(dir, { seed: 2 });
  const folder = resolveHfFolder(dir);
  const fileBytes = new Uint8Array(readFileSync(folder.onnxPath));
  const model = decodeModel(fileBytes, folder.onnxPath);
  const original = new Map(model.graph.initializers.map((t) => [t.name, tensorData(t, 'test')]));

  const texts = [...SPAM, ...HAM];
  const labels = texts.map((_, i) => (i < SPAM.length ? 1 : 0));
  const tok = HfTokenizer.load(folder, 32);
  const b = tok.encodeBatch(texts);
  const dims = [b.batch, b.seqLen];
  const feeds: Feeds = {
    input_ids: { data: b.ids, dims },
    attention_mask: { data: b.mask, dims },
    token_type_ids: { data: b.typeIds, dims },
    [POOL_INPUT]: { data: poolingWeights(b.mask, b.batch, b.seqLen, 'mean'), dims },
    targets: { data: Float32Array.from(labels.flatMap((y) => (y ? [0, 1] : [1, 0]))), dims: [b.batch, 2] },
  };

  it('lowers the loss, changes the top layer and the head, and leaves every other weight bitwise as in the file', async () => {
    const clf = new HfClassifier({ model, source: folder.onnxPath }, { numClasses: 2, trainLayers: 1 });
    const chosen = topLayers(model, 1).trainable;
    const inputs = { ...clf.inputSpecs(), targets: { dtype: 'float32' as const, shape: ['batch_size', 2] } };
    const theta0 = clf.initialTheta(new Rng(1));
    const trainer = await Trainer.create({
      module: clf,
      inputs,
      loss: (ctx, x, m) => softmaxCrossEntropy(m.forward(ctx, x), x.targets),
      optimizer: adamw({ weightDecay: 0 }),
      theta: theta0,
      seed: 1,
    });
    const losses: number[] = [];
    for (let s = 0; s < 40; s++) losses.push((await trainer.step(feeds, 3e-3)).loss);
    expect(losses[losses.length - 1]).toBeLessThan(0.5 * losses[0]);
    const theta = trainer.getParams();

    // Trained: every parameter is a top-layer (or pooler) initializer or the head, and each moved.
    for (const e of trainer.layout.entries) {
      if (e.name.startsWith('encoder.')) expect(chosen(e.name.slice('encoder.'.length))).toBe(true);
      else expect(e.name.startsWith('head.')).toBe(true);
      const moved = theta.subarray(e.offset, e.offset + e.size).some((v, i) => v !== theta0[e.offset + i]);
      expect(moved, e.name).toBe(true);
    }
    const trainedNames = trainer.layout.entries.filter((e) => e.name.startsWith('encoder.')).map((e) => e.name.slice(8));
    expect(trainedNames.some((n) => n.startsWith('encoder.layer.1.'))).toBe(true);
    expect(trainedNames.some((n) => n.startsWith('encoder.layer.0.'))).toBe(false);

    // Exported with exportOnnx: frozen initializers keep their names and bytes; trained ones keep their names with new values.
    const spec: PredictorSpec<HfClassifier> = { module: clf, inputs: clf.inputSpecs(), forward: (ctx, x, m) => ({ logits: m.forward(ctx, x) }) };
    const path = join(root, 'finetuned.onnx');
    exportOnnx(path, spec, theta);
    const exported = new Map(decodeModel(new Uint8Array(readFileSync(path)), path).graph.initializers.map((t) => [t.name, tensorData(t, 'exported')]));
    let frozen = 0;
    let trainedCount = 0;
    for (const [name, data] of original) {
      if (data.dtype !== 'float32' || data.data.length <= 1 || name.startsWith('pooler.')) continue; // the pooler is not on the path to the head
      if (chosen(name)) {
        trainedCount++;
        const trained = exported.get(`encoder.${name}`);
        expect(trained, name).toBeDefined();
        expect(Buffer.from(trained!.data.buffer).equals(Buffer.from(data.data.buffer))).toBe(false);
      } else {
        const kept = exported.get(name);
        expect(kept, name).toBeDefined();
        expect(Buffer.from(kept!.data.buffer).equals(Buffer.from(data.data.buffer)), name).toBe(true);
        frozen++;
      }
    }
    expect(frozen).toBe(21); // 3 embedding tables, their LayerNorm, and the 16 weights of layer 0
    expect(trainedCount).toBe(16); // layer 1

    // The exported file runs in a plain ONNX Runtime session, to the engine's logits.
    const predictor = await Predictor.create(spec, theta);
    const { targets: _t, ...modelFeeds } = feeds;
    const want = await predictor.run(modelFeeds);
    const session = await ort.InferenceSession.create(path);
    const got = await session.run(
      Object.fromEntries(Object.entries(modelFeeds).map(([k, v]) => [k, new ort.Tensor(k === POOL_INPUT ? 'float32' : 'int64', v.data as never, v.dims)])),
    );
    const a = want.logits.data as Float32Array;
    const c = got.logits.data as Float32Array;
    expect(Math.max(...a.map((v, i) => Math.abs(v - c[i])))).toBeLessThan(1e-5);
    // It learned the training set.
    const correct = labels.filter((y, i) => Number(c[2 * i + 1] > c[2 * i]) === y).length;
    expect(correct).toBe(labels.length);
    await session.release();
  });
});

describe('fine-tuning all layers', () => {
  it('trains the embeddings too: rows of the tokens in the batch move, the other rows do not', async () => {
    const dir = join(root, 'all');
    writeTinyHfFolder(dir, { seed: 6 });
    const folder = resolveHfFolder(dir);
    const model = decodeModel(new Uint8Array(readFileSync(folder.onnxPath)), folder.onnxPath);
    const clf = new HfClassifier({ model, source: folder.onnxPath }, { numClasses: 2, trainLayers: 'all' });
    const tok = HfTokenizer.load(folder, 32);
    const texts = ['free prize now', 'see you at home'];
    const b = tok.encodeBatch(texts);
    const dims = [b.batch, b.seqLen];
    const theta0 = clf.initialTheta(new Rng(2));
    const trainer = await Trainer.create({
      module: clf,
      inputs: { ...clf.inputSpecs(), targets: { dtype: 'float32', shape: ['batch_size', 2] } },
      loss: (ctx, x, m) => softmaxCrossEntropy(m.forward(ctx, x), x.targets),
      optimizer: adamw({ weightDecay: 0 }),
      theta: theta0,
    });
    await trainer.step(
      {
        input_ids: { data: b.ids, dims },
        attention_mask: { data: b.mask, dims },
        token_type_ids: { data: b.typeIds, dims },
        [POOL_INPUT]: { data: poolingWeights(b.mask, b.batch, b.seqLen, 'mean'), dims },
        targets: { data: Float32Array.of(0, 1, 1, 0), dims: [2, 2] },
      },
      1e-3,
    );
    const theta = trainer.getParams();
    const e = trainer.layout.entries.find((x) => x.name === 'encoder.embeddings.word_embeddings.weight')!;
    const width = e.spec.shape[1];
    // Padding is inert: masked out of attention and of the pooling, its embedding gets no gradient.
    const used = new Set(Array.from(b.ids, Number).filter((_, i) => b.mask[i] === 1n));
    expect(used.has(0)).toBe(false);
    for (let row = 0; row < e.spec.shape[0]; row++) {
      const at = e.offset + row * width;
      const moved = theta.subarray(at, at + width).some((v, i) => v !== theta0[at + i]);
      expect(moved, `row ${row}`).toBe(used.has(row));
    }
  });
});

describe('finetuneHf: a student fine-tuned on soft labels', () => {
  it('fits soft weak labels, predicts probabilities, and exports a model ONNX Runtime runs to the same probabilities', async () => {
    const dir = join(root, 'student');
    writeTinyHfFolder(dir, { seed: 4 });
    const texts = [...SPAM, ...HAM];
    // Soft labels, as a weak supervisor gives them: confident but not one-hot.
    const targets = Float32Array.from(texts.flatMap((_, i) => (i < SPAM.length ? [0.2, 0.8] : [0.85, 0.15])));
    const steps: number[] = [];
    const student = await finetuneHf({ spec: parseHfSpec(`hf:${dir}`), texts, targets, numClasses: 2, config: { epochs: 20, batchSize: 4, lr: 1e-2, seed: 1 }, onStep: (s) => steps.push(s.loss) });
    expect(student.losses).toHaveLength(60);
    expect(steps).toEqual(student.losses);
    const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(student.losses.slice(-3))).toBeLessThan(mean(student.losses.slice(0, 3)) - 0.1);
    const probs = await student.predict(texts, 5);
    for (let i = 0; i < texts.length; i++) {
      expect(probs[2 * i] + probs[2 * i + 1]).toBeCloseTo(1, 5);
      // It learns the soft labels themselves, not just their argmax.
      expect(Math.abs(probs[2 * i + 1] - targets[2 * i + 1])).toBeLessThan(0.1);
    }
    const path = join(root, 'student.onnx');
    student.export(path);
    const session = await ort.InferenceSession.create(path);
    const tok = HfTokenizer.load(resolveHfFolder(dir), 64);
    const b = tok.encodeBatch(texts);
    const dims = [b.batch, b.seqLen];
    const out = await session.run({
      input_ids: new ort.Tensor('int64', b.ids, dims),
      attention_mask: new ort.Tensor('int64', b.mask, dims),
      token_type_ids: new ort.Tensor('int64', b.typeIds, dims),
      [POOL_INPUT]: new ort.Tensor('float32', poolingWeights(b.mask, b.batch, b.seqLen, 'mean'), dims),
    });
    const viaOrt = out.probs.data as Float32Array;
    expect(Math.max(...probs.map((p, i) => Math.abs(p - viaOrt[i])))).toBeLessThan(1e-5);
    await session.release();
  });

  it('refuses targets that do not match the texts', async () => {
    const dir = join(root, 'student');
    await expect(finetuneHf({ spec: parseHfSpec(`hf:${dir}`), texts: ['a', 'b'], targets: new Float32Array(3), numClasses: 2 })).rejects.toThrow(/3 target values for 2 texts and 2 classes/);
  });
});
