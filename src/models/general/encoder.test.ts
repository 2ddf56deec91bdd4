import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureFeatures } from '../cache.js';
import { datasetEncoder, ladderEncoder, ladderKey, ladderSource } from './encoder.js';
import { buildTinyLadder, smallCorpus, TINY_TEXT } from './testing.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'w2s-ladder-enc-'));
const task = { name: 'toy', texts: ['the food was good', 'the service was not rude', 'a dull and cold room', 'the view was lovely'] };

describe('ladderEncoder: a ladder model for a dataset', () => {
  const dir = tmp();
  const built = buildTinyLadder(dir);
  const cacheDir = tmp();

  it('gives the general rung, its tokenizer and token rows of texts', async () => {
    await built;
    const enc = await ladderEncoder('xs', { cacheDir, corpus: task, source: { kind: 'general', dir } });
    expect(enc.source).toBe('general');
    expect(enc.config).toMatchObject({ dim: 16, layers: 1, vocabSize: TINY_TEXT.vocabSize, maxLen: TINY_TEXT.maxLen });
    expect(enc.theta.length).toBe(enc.params);
    const rows = enc.tokenRows(task.texts);
    expect(rows.maxLen).toBe(TINY_TEXT.maxLen);
    expect(rows.ids.length).toBe(task.texts.length * TINY_TEXT.maxLen);
    expect(Array.from(rows.ids.subarray(0, 6))).toEqual(Array.from(enc.tokenizer.encodeBatch([task.texts[0]], TINY_TEXT.maxLen).ids.subarray(0, 6)));
  }, 60_000);

  it('pretrains further on the task text when asked, once: the second call is cached', async () => {
    await built;
    let started = 0;
    const events = { onPretrainStart: () => void started++ };
    const o = { cacheDir, corpus: task, source: { kind: 'general', dir } as const, taskSteps: 2, events };
    const a = await ladderEncoder('xs', o);
    const b = await ladderEncoder('xs', o);
    expect(started).toBe(1);
    expect(a.source).toBe('general+task');
    expect(b.theta).toEqual(a.theta);
    const general = await ladderEncoder('xs', { cacheDir, corpus: task, source: { kind: 'general', dir } });
    expect(a.theta).not.toEqual(general.theta);
  }, 60_000);

  it('the key changes with everything that changes the weights', async () => {
    await built;
    const key = async (o: { dir?: string; steps?: number; texts?: string[] } = {}) =>
      (await ladderEncoder('xs', { cacheDir, corpus: { name: 'toy', texts: o.texts ?? task.texts }, source: { kind: 'general', dir: o.dir ?? dir }, taskSteps: o.steps })).key;
    const [otherWeights, otherTokenizer] = [tmp(), tmp()];
    await buildTinyLadder(otherWeights, { seed: 1 });
    await buildTinyLadder(otherTokenizer, { text: { ...TINY_TEXT, vocabSize: 380 } });
    const base = await key();
    const keys = [base, await key({ dir: otherWeights }), await key({ dir: otherTokenizer }), await key({ steps: 1 }), await key({ steps: 2 }), await key({ steps: 2, texts: [...task.texts, 'one more text'] })];
    expect(new Set(keys).size).toBe(keys.length);
    expect(await key()).toBe(base);
    // The features cached on an encoder miss when its key changes.
    const f = await ensureFeatures({ cacheDir, enc: await ladderEncoder('xs', { cacheDir, corpus: task, source: { kind: 'general', dir } }), corpus: task });
    const g = await ensureFeatures({ cacheDir, enc: await ladderEncoder('xs', { cacheDir, corpus: task, source: { kind: 'general', dir: otherWeights } }), corpus: task });
    expect(g.key).not.toBe(f.key);
    expect(ladderKey({ kind: 'general', dir: otherWeights })).not.toBe(ladderKey({ kind: 'general', dir }));
  }, 120_000);

  it('names the ladder from W2S_LADDER and refuses what it cannot encode', async () => {
    expect(ladderSource('task')).toEqual({ kind: 'task' });
    expect(ladderSource(undefined).kind).toBe('general');
    expect(ladderSource('/some/dir')).toEqual({ kind: 'general', dir: '/some/dir' });
    await expect(ladderEncoder('xxl', { cacheDir, corpus: task })).rejects.toThrow(/unknown model "xxl"/);
    await expect(ladderEncoder('xs', { cacheDir, corpus: task, source: { kind: 'general', dir: tmp() } })).rejects.toThrow(/no general ladder at .*npm run pretrain:ladder/);
    await built;
    await expect(ladderEncoder('l', { cacheDir, corpus: task, source: { kind: 'general', dir } })).rejects.toThrow(/no rung "l"/);
    const features = { name: 'f', classes: ['a', 'b'], kind: 'features' as const, examples: [], description: '' };
    await expect(datasetEncoder(features, 'f', 'xs', { cacheDir })).rejects.toThrow(/feature matrix, which has no encoder/);
  }, 60_000);
});
