import { describe, expect, it } from 'vitest';
import { getModel } from '../ladder.js';
import { generalCorpus } from './corpus.js';
import { posSentenceKeys } from './exclusions.js';
import { SHIPPED_LADDER_DIR, readManifest, readRung, readTokenizer, sha256 } from './files.js';
import { heldoutMlmLoss, unigramCounts } from './mlm-eval.js';

const manifest = readManifest(SHIPPED_LADDER_DIR);

describe('the shipped general ladder (models/ladder/)', () => {
  it('every shipped rung loads, matches its recorded hash and the architecture the ladder defines', () => {
    expect(Object.keys(manifest.rungs)).toEqual(expect.arrayContaining(['xs', 'l']));
    for (const name of Object.keys(manifest.rungs)) {
      const rung = readRung(SHIPPED_LADDER_DIR, manifest, name);
      expect(rung.config).toMatchObject({ ...getModel(name).encoder, vocabSize: manifest.tokenizer.vocab_size, maxLen: manifest.text.maxLen });
      expect(rung.theta.every(Number.isFinite)).toBe(true);
    }
    expect(readTokenizer(SHIPPED_LADDER_DIR, manifest).vocabSize).toBe(manifest.text.vocabSize);
  });

  it('was pretrained on the corpus as the code cuts it today', async () => {
    const c = generalCorpus(await posSentenceKeys());
    expect(manifest.corpus).toEqual({ name: c.name, train_sentences: c.train.length, heldout_sentences: c.heldout.length, excluded_sentences: c.excluded, sha256: sha256(c.train.join('\n')) });
  }, 60_000);

  it('every rung learned something from context, and the biggest absorbed more than the smallest', () => {
    for (const r of Object.values(manifest.rungs)) expect(r.heldout_loss).toBeLessThan(manifest.unigram_heldout_loss - 0.1);
    expect(manifest.rungs.l.heldout_loss).toBeLessThan(manifest.rungs.xs.heldout_loss);
  });

  it("xs's recorded held-out loss is what its shipped weights give", async () => {
    const tokenizer = readTokenizer(SHIPPED_LADDER_DIR, manifest);
    const rung = readRung(SHIPPED_LADDER_DIR, manifest, 'xs');
    const full = generalCorpus(await posSentenceKeys());
    const ev = await heldoutMlmLoss({ config: rung.config, theta: rung.theta, tokenizer, texts: full.heldout, unigramCounts: unigramCounts(tokenizer, full.train, manifest.text.maxLen), seed: manifest.seed, threads: 1 });
    expect(ev.loss).toBeCloseTo(rung.entry.heldout_loss, 3);
    expect(ev.unigramLoss).toBeCloseTo(manifest.unigram_heldout_loss, 3);
  }, 120_000);
});
