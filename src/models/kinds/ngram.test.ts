import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../tasks/index.js';
import type { Csr } from '../ngram/index.js';
import { modelFeaturesOf, parseModel } from './index.js';
import { ngramFeatures, topColumnsByDf } from './ngram.js';

const dir = mkdtempSync(join(tmpdir(), 'w2s-ngram-kind-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const texts = ['free prize now', 'call now for your free prize', 'see you at home', 'ok see you later', 'win cash now', 'love you, see you at home'];

describe('n-gram features (the ngram model kind)', () => {
  it('keeps the n-grams found in the most texts, in descending document frequency, ties by column', () => {
    // 3 rows over 4 columns: column 2 in 3 rows, columns 0 and 3 in 2, column 1 in 1.
    const x: Csr = { rows: 3, cols: 4, indptr: Int32Array.from([0, 3, 5, 7]), indices: Int32Array.from([0, 2, 3, 2, 3, 0, 2]), values: new Float32Array(7).fill(1) };
    expect(Array.from(topColumnsByDf(x, 3))).toEqual([2, 0, 3]);
    expect(Array.from(topColumnsByDf(x, 10))).toEqual([2, 0, 3, 1]);
  });

  it('gives one unit-norm row per text, deterministically, with texts sharing n-grams closer than texts that do not', () => {
    const a = ngramFeatures(texts, 64);
    expect(a.dim).toBe(64);
    expect(a.features.length).toBe(texts.length * 64);
    expect(a.vocabulary).toBeGreaterThan(64);
    const row = (i: number) => a.features.subarray(i * 64, (i + 1) * 64);
    const dot = (u: Float32Array, v: Float32Array) => u.reduce((s, x, j) => s + x * v[j], 0);
    for (let i = 0; i < texts.length; i++) expect(dot(row(i), row(i))).toBeCloseTo(1, 5);
    expect(dot(row(0), row(1))).toBeGreaterThan(dot(row(0), row(3)));
    expect(ngramFeatures(texts, 64).features).toEqual(a.features);
  });

  it('is a text model computed through the registry, and cached under a key of the corpus and dim', async () => {
    const ds = { name: 't', kind: 'text', classes: ['a', 'b'], examples: texts.map((text, i) => ({ id: `e${i}`, text, label: i % 2 })) } as unknown as Dataset;
    const ctx = { ds, corpusName: 't', cacheDir: dir };
    const f = await modelFeaturesOf(parseModel('ngram,dim=32', 'text'), ctx);
    expect([f.dim, f.params, f.features.length]).toEqual([32, 32, texts.length * 32]);
    const again = await modelFeaturesOf(parseModel('ngram,dim=32', 'text'), ctx);
    expect(again.key).toBe(f.key);
    expect(again.features).toEqual(f.features);
    const wider = await modelFeaturesOf(parseModel('ngram,dim=48', 'text'), ctx);
    expect(wider.key).not.toBe(f.key);
  });
});
