// Features of a test-made HF folder: ONNX Runtime on the file agrees with the engine's own
// forward of the imported graph; batches at their real length do not change a text's features.
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ImportedGraph, Predictor } from '../../engine/index.js';
import { HfEncoder, ensureHfFeatures, parseHfSpec, poolHidden, poolingWeights, resolveHfFolder, writeTinyHfFolder } from './index.js';

const root = mkdtempSync(join(tmpdir(), 'w2s-hf-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const dir = join(root, 'tiny-bert');
writeTinyHfFolder(dir, { seed: 5 });

const TEXTS = ['FREE prize! Call now to claim', 'ok see you later', 'i love it', 'win cash now!!! txt WIN to 80082', 'what is it?', 'home'];

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

describe('HF encoder folders', () => {
  it("features through ONNX Runtime equal the engine's forward of the imported graph, for every pooling", async () => {
    for (const pooling of ['mean', 'cls', 'last'] as const) {
      const enc = await HfEncoder.load(parseHfSpec(`hf:${dir},pooling=${pooling}`));
      const { features, dim } = await enc.features(TEXTS, { batchSize: 4 });
      expect(dim).toBe(16);
      // The engine: the same file imported, its graph rebuilt from engine ops, one batch of all texts.
      const graph = ImportedGraph.fromFile(enc.folder.onnxPath, { outputs: ['last_hidden_state'] });
      const predictor = await Predictor.create({ module: graph, inputs: graph.inputSpecs(), forward: (ctx, inputs, m) => m.forward(ctx, inputs) }, graph.initialTheta());
      const b = enc.tokenizer.encodeBatch(TEXTS);
      const dims = [b.batch, b.seqLen];
      const out = await predictor.run({ input_ids: { data: b.ids, dims }, attention_mask: { data: b.mask, dims }, token_type_ids: { data: b.typeIds, dims } });
      const engine = poolHidden(out.last_hidden_state.data as Float32Array, poolingWeights(b.mask, b.batch, b.seqLen, pooling), b.batch, b.seqLen, dim);
      expect(maxAbsDiff(features, engine)).toBeLessThan(1e-5);
    }
  });

  it('a GPT-2-style folder: position_ids fed, last-token pooling, ONNX Runtime equal to the engine', async () => {
    const gpt = join(root, 'tiny-gpt2');
    writeTinyHfFolder(gpt, { arch: 'gpt2', seed: 3 });
    const enc = await HfEncoder.load(parseHfSpec(`hf:${gpt},pooling=last`));
    expect([...enc.model.inputNames].sort()).toEqual(['attention_mask', 'input_ids', 'position_ids']);
    const { features } = await enc.features(TEXTS, { batchSize: 4 });
    const graph = ImportedGraph.fromFile(enc.folder.onnxPath);
    const predictor = await Predictor.create({ module: graph, inputs: graph.inputSpecs(), forward: (ctx, inputs, m) => m.forward(ctx, inputs) }, graph.initialTheta());
    const b = enc.tokenizer.encodeBatch(TEXTS);
    const dims = [b.batch, b.seqLen];
    const pos = BigInt64Array.from({ length: b.batch * b.seqLen }, (_, i) => BigInt(i % b.seqLen));
    const out = await predictor.run({ input_ids: { data: b.ids, dims }, attention_mask: { data: b.mask, dims }, position_ids: { data: pos, dims } });
    const engine = poolHidden(out.last_hidden_state.data as Float32Array, poolingWeights(b.mask, b.batch, b.seqLen, 'last'), b.batch, b.seqLen, 16);
    expect(maxAbsDiff(features, engine)).toBeLessThan(1e-5);
  });

  it("a text's features do not depend on the batch it is padded in", async () => {
    const enc = await HfEncoder.load(parseHfSpec(`hf:${dir}`));
    const together = await enc.features(TEXTS, { batchSize: 6 });
    for (let i = 0; i < TEXTS.length; i++) {
      const alone = await enc.features([TEXTS[i]]);
      expect(maxAbsDiff(alone.features, together.features.subarray(i * 16, (i + 1) * 16))).toBeLessThan(1e-5);
    }
  });

  it('WordPiece tokenisation from tokenizer.json: lower-cased words, ## pieces, [CLS]/[SEP], truncation keeps [SEP]', async () => {
    const enc = await HfEncoder.load(parseHfSpec(`hf:${dir},max_len=6`));
    const vocab = (await import('./tiny_folder.js')).tinyVocab();
    const { ids } = enc.tokenizer.encode('Calling now');
    expect(ids.map((i) => vocab[i])).toEqual(['[CLS]', 'call', '##ing', 'now', '[SEP]']);
    const long = enc.tokenizer.encode('free prize call now claim cash');
    expect(long.ids).toHaveLength(6);
    expect(vocab[long.ids[5]]).toBe('[SEP]');
  });

  it('pooling weights: mean over real tokens, the first token, the last real token', () => {
    const mask = [1, 1, 1, 0, 1, 0, 0, 0];
    expect(Array.from(poolingWeights(mask, 2, 4, 'mean'))).toEqual([1 / 3, 1 / 3, 1 / 3, 0, 1, 0, 0, 0].map((v) => Math.fround(v)));
    expect(Array.from(poolingWeights(mask, 2, 4, 'cls'))).toEqual([1, 0, 0, 0, 1, 0, 0, 0]);
    expect(Array.from(poolingWeights(mask, 2, 4, 'last'))).toEqual([0, 0, 1, 0, 1, 0, 0, 0]);
    expect(() => poolingWeights([0, 0], 1, 2, 'mean')).toThrow(/row 0 has no real tokens/);
  });

  it('features are cached: a second call reads the file, and another pooling is another entry', async () => {
    const cacheDir = join(root, 'cache');
    const corpus = { name: 'unit', texts: TEXTS };
    const first = await ensureHfFeatures({ cacheDir, spec: parseHfSpec(`hf:${dir}`), corpus });
    const again = await ensureHfFeatures({ cacheDir, spec: parseHfSpec(`hf:${dir}`), corpus });
    expect(first.cached).toBe(false);
    expect(again.cached).toBe(true);
    expect(again.features).toEqual(first.features);
    expect(again.params).toBe(first.params);
    expect(first.params).toBeGreaterThan(5000);
    const cls = await ensureHfFeatures({ cacheDir, spec: parseHfSpec(`hf:${dir},pooling=cls`), corpus });
    expect(cls.cached).toBe(false);
    expect(maxAbsDiff(cls.features, first.features)).toBeGreaterThan(1e-3);
  });

  it('an HF cache folder (models--org--name with refs/main) and a quantised-only flat folder resolve', () => {
    const cache = join(root, 'hub', 'models--test-org--tiny-bert');
    writeTinyHfFolder(join(cache, 'snapshots', 'abc123'));
    mkdirSync(join(cache, 'refs'), { recursive: true });
    writeFileSync(join(cache, 'refs', 'main'), 'abc123\n');
    const f = resolveHfFolder(cache);
    expect(f.name).toBe('test-org--tiny-bert');
    expect(f.onnxPath).toBe(join(cache, 'snapshots', 'abc123', 'onnx', 'model.onnx'));
    const flat = join(root, 'flat');
    writeTinyHfFolder(flat, { layout: 'flat', onnxName: 'model_quantized.onnx' });
    expect(resolveHfFolder(flat).onnxPath).toBe(join(flat, 'model_quantized.onnx'));
  });

  it('bad folders and names give errors that name the file and the fix', () => {
    const noTok = join(root, 'no-tokenizer');
    writeTinyHfFolder(noTok);
    rmSync(join(noTok, 'tokenizer.json'));
    writeFileSync(join(noTok, 'vocab.txt'), '[PAD]\n');
    expect(() => resolveHfFolder(noTok)).toThrow(new RegExp(`${join(noTok, 'tokenizer.json')} is missing.*vocab.txt only: write tokenizer.json`));
    const noOnnx = join(root, 'no-onnx');
    writeTinyHfFolder(noOnnx);
    renameSync(join(noOnnx, 'onnx', 'model.onnx'), join(noOnnx, 'onnx', 'model.bin'));
    expect(() => resolveHfFolder(noOnnx)).toThrow(/no ONNX model in .*looked for onnx\/model.onnx, model.onnx.*optimum-cli export onnx/);
    expect(() => resolveHfFolder(join(root, 'nowhere'))).toThrow(/no such folder; give a local model folder/);
    expect(() => resolveHfFolder(dir, 'onnx/model_fp16.onnx')).toThrow(/the ONNX files there are: onnx\/model.onnx/);
    expect(() => parseHfSpec(`hf:${dir},pooling=max`)).toThrow(/pooling=max is not one of mean, cls, last/);
    expect(() => parseHfSpec(`hf:${dir},layers=2`)).toThrow(/unknown option "layers=2"/);
  });
});
