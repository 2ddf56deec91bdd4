import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeTinyHfFolder } from '../hf/tiny_folder.js';
import { encoderParams, getModel } from '../ladder.js';
import { canonicalModelName, finetuneSource, isFinetunable, isModelName, listModelKinds, modelContentKey, modelName, parseModel, type BuiltinModelSpec } from './index.js';

const dir = mkdtempSync(join(tmpdir(), 'w2s-kinds-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const message = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an error');
};

describe('each model kind parses its names into a typed spec', () => {
  const cases: [string, BuiltinModelSpec][] = [
    ['xs', { kind: 'ladder', rung: 'xs' }],
    ['l', { kind: 'ladder', rung: 'l' }],
    ['ngram', { kind: 'ngram', dim: 2048 }],
    ['ngram,dim=64', { kind: 'ngram', dim: 64 }],
    ['hf:models/mini', { kind: 'hf', dir: 'models/mini', pooling: 'mean' }],
    ['hf:m,pooling=cls,max_len=32,file=onnx/model_quantized.onnx', { kind: 'hf', dir: 'm', pooling: 'cls', maxLen: 32, file: 'onnx/model_quantized.onnx' }],
    ['raw', { kind: 'raw' }],
    ['proj8', { kind: 'proj', dim: 8 }],
    ['file:alexnet.npy', { kind: 'file', path: 'alexnet.npy' }],
  ];
  for (const [name, spec] of cases) {
    it(`${name} → ${spec.kind}; its display name parses back to the same spec`, () => {
      expect(parseModel(name)).toEqual(spec);
      expect(parseModel(modelName(spec))).toEqual(spec);
    });
  }

  it('display names are canonical: options at their defaults are left out, the order is fixed', () => {
    expect(canonicalModelName('hf:m,pooling=mean')).toBe('hf:m');
    expect(canonicalModelName('hf:m,max_len=32,pooling=last')).toBe('hf:m,pooling=last,max_len=32');
    expect(canonicalModelName('ngram,dim=2048')).toBe('ngram');
    expect(canonicalModelName('l', 'text')).toBe('l');
  });

  it('names that are no model kind’s (supervisor names) are told apart', () => {
    for (const n of ['l', 'ngram', 'hf:x', 'raw', 'proj4', 'file:x.npy']) expect(isModelName(n)).toBe(true);
    for (const n of ['rules', 'llm:http://h/v1', 'gguf:m.gguf', 'labels:a.jsonl', 'huge']) expect(isModelName(n)).toBe(false);
  });
});

describe('a bad model name is an error naming the value, the valid kinds and an example', () => {
  it('an unknown name lists the kinds for the data', () => {
    const text = message(() => parseModel('huge', 'text'));
    expect(text).toContain('unknown model "huge"');
    expect(text).toContain('xs|s|m|l (e.g. l)');
    expect(text).toContain('ngram[,dim=N] (e.g. ngram)');
    expect(text).toContain('hf:DIR');
    expect(text).not.toContain('projN');
    expect(message(() => parseModel('huge', 'features'))).toMatch(/feature-matrix data are: raw \(e\.g\. raw\), projN \(e\.g\. proj8\), file:PATH/);
  });

  it('a kind that does not apply to the data says which data it is for', () => {
    expect(message(() => parseModel('raw', 'text'))).toMatch(/model "raw" \(raw\) applies to feature-matrix data, not to text data; use one of: xs\|s\|m\|l/);
    expect(message(() => parseModel('l', 'features'))).toMatch(/model "l" \(ladder\) applies to text data, not to feature-matrix data/);
    expect(message(() => parseModel('ngram', 'features'))).toContain('applies to text data');
  });

  it('a malformed name of a kind says what is wrong and how the kind is written', () => {
    expect(message(() => parseModel('proj0'))).toBe('model "proj0": N must be a positive integer (proj models are written projN, e.g. proj8)');
    expect(message(() => parseModel('projx'))).toContain('N must be a positive integer');
    expect(message(() => parseModel('ngram,dim=0'))).toContain('dim=0 must be a positive integer');
    expect(message(() => parseModel('ngram,size=3'))).toContain('unknown option "size=3"');
    expect(message(() => parseModel('hf:'))).toContain('no folder given');
    expect(message(() => parseModel('hf:m,pooling=max'))).toMatch(/pooling=max is not one of mean, cls, last.*e\.g\. hf:\.\/models\/all-MiniLM-L6-v2/);
    expect(message(() => parseModel('file:'))).toContain('no path after file:');
  });
});

describe('what each kind says about itself', () => {
  it('the data it applies to and whether it can be fine-tuned', () => {
    const about = Object.fromEntries(listModelKinds().map((k) => [k.kind, [k.data.join(','), k.finetunable]]));
    expect(about).toEqual({
      ladder: ['text', true], ngram: ['text', false], hf: ['text', true], raw: ['features', false], proj: ['features', false], file: ['features', false],
    });
    expect(isFinetunable(parseModel('m'))).toBe(true);
    expect(isFinetunable(parseModel('ngram'))).toBe(false);
  });

  it('a model with no encoder is refused for fine-tuning, naming those that have one', async () => {
    await expect(finetuneSource(parseModel('ngram'), { corpusName: 'c', texts: ['a'], cacheDir: dir })).rejects.toThrow(
      'model "ngram" (ngram) has no encoder to fine-tune; fine-tunable models are xs|s|m|l, hf:DIR[,pooling=mean|cls|last][,max_len=N][,file=PATH]; use --student probe for it',
    );
  });

  it('a ladder rung gives its pretrained weights and the token rows of every text', async () => {
    const texts = Array.from({ length: 40 }, (_, i) => `text number ${i} says ${i % 2 ? 'free prize now' : 'see you at home'}`);
    const src = await finetuneSource(parseModel('xs'), { corpusName: 'kinds-test', texts, cacheDir: join(dir, 'cache'), threads: 1, pretrainSteps: 2 });
    if (src.engine !== 'ladder') throw new Error('expected a ladder source');
    expect(src.base.config.dim).toBe(getModel('xs').encoder.dim);
    expect(src.base.theta.length).toBe(src.params);
    expect(src.params).toBe(encoderParams(getModel('xs'), { vocabSize: src.base.config.vocabSize, maxLen: src.base.config.maxLen }));
    expect(src.tokens.ids.length).toBe(texts.length * src.tokens.maxLen);
    expect(src.tokens.mask[0]).toBe(1); // [CLS] of the first row
  }, 120_000);

  it('an hf folder gives its ONNX file and tokenizer for the importer; its content key follows the files', async () => {
    const folder = join(dir, 'tiny');
    writeTinyHfFolder(folder, { seed: 0 });
    const spec = parseModel(`hf:${folder},pooling=cls`);
    const src = await finetuneSource(spec, { corpusName: 'c', texts: [], cacheDir: dir });
    expect(src).toEqual({ engine: 'hf', spec: { dir: folder, pooling: 'cls' }, onnxPath: join(folder, 'onnx', 'model.onnx'), tokenizerPath: join(folder, 'tokenizer.json') });
    const before = JSON.stringify(modelContentKey(`hf:${folder}`));
    expect(JSON.stringify(modelContentKey(`hf:${folder},pooling=cls`))).toBe(before);
    writeTinyHfFolder(folder, { seed: 1 });
    expect(JSON.stringify(modelContentKey(`hf:${folder}`))).not.toBe(before);
    expect(modelContentKey('l')).toBeUndefined();
    expect(modelContentKey('rules')).toBeUndefined();
  });
});
