/**
 * Stored runs of an `hf:DIR` model are keyed by the folder's content (the ONNX
 * file's and tokenizer's hashes), not only its name: replacing the files misses
 * the stored run; the same files hit it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import '../methods/index.js';
import { tinyTokenizerJson, tinyVocab, writeTinyHfFolder } from '../models/hf/tiny_folder.js';
import { openStore } from '../store/index.js';
import { Rng } from '../util/rng.js';
import { runExperiment, type ExperimentConfig } from './run.js';

const dir = mkdtempSync(join(tmpdir(), 'w2s-hf-key-'));
const store = openStore(join(dir, 'runs.db'));
afterAll(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const words = ['free', 'win', 'cash', 'prize', 'claim', 'call', 'now', 'ok', 'see', 'love', 'home', 'later', 'what', 'how'];
const data = join(dir, 'd.jsonl');
const rng = new Rng(3);
writeFileSync(
  data,
  Array.from({ length: 300 }, (_, i) => {
    const text = Array.from({ length: 6 }, () => words[rng.int(words.length)]).join(' ');
    return JSON.stringify({ id: `t${i}`, text, label: /free|win|cash|prize/.test(text) ? 'spam' : 'ham' });
  }).join('\n'),
);
const model = join(dir, 'tiny-bert');
const cfg: ExperimentConfig = { source: { data, dataOptions: { idField: 'id' } }, strong: `hf:${model},max_len=16`, method: 'vanilla', seed: 0, probe: { epochs: 2 } };
const run = () => runExperiment({ ...cfg, weak: undefined, weakLabels: labels }, { cacheDir: join(dir, 'cache'), store, threads: 1, sandbox: 'off' });

// Weak labels from a file, so the only model is the hf: strong one.
const labels = join(dir, 'weak.jsonl');
writeFileSync(labels, Array.from({ length: 300 }, (_, i) => JSON.stringify({ id: `t${i}`, probs: i % 3 === 0 ? [0.3, 0.7] : [0.6, 0.4] })).join('\n'));

describe('the run key of an hf: model holds the folder’s content', () => {
  it('the same files hit the stored run; a new ONNX file or tokenizer.json misses it', async () => {
    writeTinyHfFolder(model, { seed: 0, config: { maxPositions: 32 } });
    const first = await run();
    expect(first.reused).toBe(false);
    expect(first.strong).toBe(`hf:${model},max_len=16`);
    const again = await run();
    expect([again.reused, again.runKey]).toEqual([true, first.runKey]);

    writeTinyHfFolder(model, { seed: 1, config: { maxPositions: 32 } }); // other weights, same name
    const newWeights = await run();
    expect(newWeights.reused).toBe(false);
    expect(newWeights.runKey).not.toBe(first.runKey);

    const vocab = tinyVocab();
    [vocab[10], vocab[11]] = [vocab[11], vocab[10]]; // two words swap ids: the same graph reads other rows
    writeFileSync(join(model, 'tokenizer.json'), JSON.stringify(tinyTokenizerJson(vocab)));
    const newTokenizer = await run();
    expect(newTokenizer.reused).toBe(false);
    expect(new Set([first.runKey, newWeights.runKey, newTokenizer.runKey]).size).toBe(3);
  }, 240_000);

  it('equivalent names are one run: hf:DIR,pooling=mean is hf:DIR', async () => {
    writeTinyHfFolder(model, { seed: 0, config: { maxPositions: 32 } });
    const a = await runExperiment({ ...cfg, weak: undefined, weakLabels: labels, strong: `hf:${model},pooling=mean,max_len=16` }, { cacheDir: join(dir, 'cache'), store, threads: 1, sandbox: 'off' });
    expect(a.strong).toBe(`hf:${model},max_len=16`);
    expect(a.reused).toBe(true);
  }, 120_000);
});
