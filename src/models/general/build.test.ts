import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { trainTokenizer } from '../../text/index.js';
import { getModel } from '../ladder.js';
import { readManifest, readRung, readTokenizer } from './files.js';
import { buildTinyLadder, smallCorpus, TINY_TEXT } from './testing.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'w2s-ladder-'));
const files = (dir: string) => Object.fromEntries(readdirSync(dir).sort().map((f) => [f, readFileSync(join(dir, f)).toString('base64')]));

describe('building the general ladder', () => {
  it('the tokenizer trained on the corpus is deterministic, whatever the order of the sentences', () => {
    const c = smallCorpus();
    const a = JSON.stringify(trainTokenizer(c.train, { vocabSize: TINY_TEXT.vocabSize }).toJSON());
    expect(JSON.stringify(trainTokenizer(c.train, { vocabSize: TINY_TEXT.vocabSize }).toJSON())).toBe(a);
    expect(JSON.stringify(trainTokenizer([...c.train].reverse(), { vocabSize: TINY_TEXT.vocabSize }).toJSON())).toBe(a);
  });

  it('the same recipe writes the same bytes, in whatever order the rungs are built', async () => {
    const [a, b] = [tmp(), tmp()];
    const models = [getModel('xs'), getModel('s')];
    await buildTinyLadder(a, { models });
    await buildTinyLadder(b, { models: [...models].reverse() });
    const fa = files(a);
    expect(Object.keys(fa)).toEqual(['manifest.json', 's.safetensors', 'tokenizer.json', 'xs.safetensors']);
    expect(files(b)).toEqual(fa);
    const c = tmp();
    await buildTinyLadder(c, { models, seed: 1 });
    expect(files(c)['xs.safetensors']).not.toBe(fa['xs.safetensors']);
  }, 120_000);

  it('records what the protocol checks: hashes, recipe, held-out loss; reading gives the weights back', async () => {
    const dir = tmp();
    const m = await buildTinyLadder(dir, { steps: 4 });
    expect(readManifest(dir)).toEqual(m);
    const rung = readRung(dir, m, 'xs');
    expect(rung.entry.pretrain.steps).toBe(4);
    expect(rung.theta.length).toBe(rung.entry.params);
    expect(rung.config).toMatchObject({ dim: 16, layers: 1, vocabSize: TINY_TEXT.vocabSize, maxLen: TINY_TEXT.maxLen });
    expect(m.unigram_heldout_loss).toBeGreaterThan(2);
    expect(rung.entry.heldout_loss).toBeGreaterThan(2);
    expect(readTokenizer(dir, m).vocabSize).toBe(TINY_TEXT.vocabSize);
    expect(() => readRung(dir, m, 'l')).toThrow(/has no rung "l" \(has: xs\).*npm run pretrain:ladder/);
  }, 60_000);

  it('a changed weights or tokenizer file is refused, naming the fix', async () => {
    const dir = tmp();
    const m = await buildTinyLadder(dir);
    const path = join(dir, 'xs.safetensors');
    const bytes = readFileSync(path);
    bytes[bytes.length - 1] ^= 1;
    writeFileSync(path, bytes);
    expect(() => readRung(dir, m, 'xs')).toThrow(/does not match the manifest.*npm run pretrain:ladder/);
    writeFileSync(join(dir, 'tokenizer.json'), '{}');
    expect(() => readTokenizer(dir, m)).toThrow(/does not match the manifest/);
    expect(() => readManifest(tmp())).toThrow(/manifest.json is missing.*npm run pretrain:ladder/);
  }, 60_000);

  it('rebuilding one rung keeps the others', async () => {
    const dir = tmp();
    await buildTinyLadder(dir, { models: [getModel('xs'), getModel('s')] });
    const before = readManifest(dir);
    await buildTinyLadder(dir, { models: [getModel('s')], steps: 5 });
    const after = readManifest(dir);
    expect(Object.keys(after.rungs)).toEqual(['xs', 's']);
    expect(after.rungs.xs).toEqual(before.rungs.xs);
    expect(after.rungs.s.pretrain.steps).toBe(5);
  }, 120_000);
});
