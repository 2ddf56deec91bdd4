import { describe, expect, it } from 'vitest';
import { Tokenizer } from './bpe.js';
import { brownSentences } from './brown.fixture.js';
import { trainTokenizer } from './train.js';
import { ALPHABET_BASE, CLS_ID, MASK_ID, PAD_ID, SEP_ID, SPECIAL_TOKENS, UNK_ID } from './vocab.js';

const corpus = brownSentences(20);
const tok = trainTokenizer(corpus, { vocabSize: 1500 });
const cased = trainTokenizer(corpus, { vocabSize: 1500, lowercase: false });

const awkward = [
  'Emoji 😀👍🏽 and flags 🇫🇷, family 👨‍👩‍👧',
  '中文字符和日本語のテキスト、한국어 텍스트',
  'Ünïcödé naïve café, Ωμέγα, Привет мир, مرحبا',
  'tabs\tnew\nlines\r\n  and   nbsp\u00a0here ',
  'control \u0000\u0007 chars, zero\u200bwidth, marker \u2581 literal',
  '<0xF0> [MASK] [PAD] looks special but is text',
  'Is 37 + 48 - 12 = 73? 1,000,000.5 ½ ² Ⅻ',
  'cafe\u0301 decomposed',
  'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
  '',
  '   ',
];

describe('Tokenizer', () => {
  it('keeps the special tokens at their fixed ids', () => {
    expect([PAD_ID, UNK_ID, CLS_ID, SEP_ID, MASK_ID]).toEqual([0, 1, 2, 3, 4]);
    expect([0, 1, 2, 3, 4].map((id) => tok.idToToken(id))).toEqual([...SPECIAL_TOKENS]);
  });

  it('round-trips English it has not seen, up to normalisation', () => {
    for (const s of brownSentences(3, 300)) {
      expect(tok.decode(tok.encode(s))).toBe(tok.normalize(s));
      expect(cased.decode(cased.encode(s))).toBe(s.replace(/\s+/g, ' ').trim());
    }
  });

  it('encodes any string, unseen scripts included, and decodes it back', () => {
    for (const s of [...awkward, 'a\ud800 lone surrogate']) {
      const ids = tok.encode(s);
      for (const id of ids) expect(id >= 5 && id < tok.vocabSize).toBe(true);
      expect(tok.decode(ids)).toBe(tok.normalize(s));
      expect(cased.decode(cased.encode(s))).toBe(cased.normalize(s));
    }
    expect(tok.encode('')).toEqual(new Int32Array(0));
    expect([...tok.encode('😀')].map((id) => tok.idToToken(id))).toEqual(['▁', '<0xF0>', '<0x9F>', '<0x98>', '<0x80>']);
  });

  it('uses learned merges: common words become one token', () => {
    expect([...tok.encode('The jury said that')].map((id) => tok.idToToken(id))).toEqual(['▁the', '▁jury', '▁said', '▁that']);
  });

  it('decodes special tokens only when asked, and rejects ids outside the vocabulary', () => {
    const ids = [CLS_ID, ...tok.encode('the end'), MASK_ID, SEP_ID, PAD_ID];
    expect(tok.decode(ids)).toBe('the end');
    expect(tok.decode(ids, { skipSpecial: false })).toBe('[CLS] the end[MASK][SEP][PAD]');
    expect(() => tok.decode([tok.vocabSize])).toThrow(/outside the vocabulary/);
    expect(() => tok.decode([1.5])).toThrow(/outside the vocabulary/);
  });

  it('pads, truncates and masks batches row by row', () => {
    const texts = ['the end', '', 'the jury said that the investigation of the city was over'];
    const maxLen = 8;
    const { ids, mask } = tok.encodeBatch(texts, maxLen);
    expect(ids).toHaveLength(texts.length * maxLen);
    expect(mask).toHaveLength(texts.length * maxLen);
    const body0 = [...tok.encode(texts[0])];
    const row0 = [CLS_ID, ...body0, SEP_ID];
    expect([...ids.subarray(0, maxLen)]).toEqual([...row0, ...Array(maxLen - row0.length).fill(PAD_ID)]);
    expect([...mask.subarray(0, maxLen)]).toEqual([...row0.map(() => 1), ...Array(maxLen - row0.length).fill(0)]);
    expect([...ids.subarray(maxLen, 2 * maxLen)]).toEqual([CLS_ID, SEP_ID, 0, 0, 0, 0, 0, 0]);
    expect([...mask.subarray(maxLen, 2 * maxLen)]).toEqual([1, 1, 0, 0, 0, 0, 0, 0]);
    const long = [...tok.encode(texts[2])];
    expect(long.length).toBeGreaterThan(maxLen);
    expect([...ids.subarray(2 * maxLen)]).toEqual([CLS_ID, ...long.slice(0, maxLen - 2), SEP_ID]);
    expect([...mask.subarray(2 * maxLen)]).toEqual(Array(maxLen).fill(1));
    expect(() => tok.encodeBatch(texts, 1)).toThrow(/maxLen must be an integer >= 2/);
    expect(tok.encodeBatch([], 4).ids).toHaveLength(0);
  });

  it('survives a JSON round trip and encodes identically afterwards', () => {
    const copy = Tokenizer.fromJSON(JSON.parse(JSON.stringify(cased)));
    expect(copy.vocabSize).toBe(cased.vocabSize);
    expect(copy.lowercase).toBe(false);
    expect(copy.toJSON()).toEqual(cased.toJSON());
    for (const s of [...awkward, ...corpus.slice(0, 50)]) expect(copy.encode(s)).toEqual(cased.encode(s));
  });

  it('rejects malformed or inconsistent JSON with a reason', () => {
    const good = tok.toJSON();
    expect(() => Tokenizer.fromJSON(null)).toThrow(/format "w2s-bpe"/);
    expect(() => Tokenizer.fromJSON({ ...good, lowercase: 'yes' })).toThrow(/lowercase/);
    const tokens = good.tokens.slice();
    tokens[MASK_ID] = '[MSK]';
    expect(() => Tokenizer.fromJSON({ ...good, tokens })).toThrow(/token 4 must be \[MASK\]/);
    const n = good.merges.length;
    const forward = good.merges.map(([a, b]) => [a, b]);
    forward[0] = [good.tokens.length - 1, forward[0][1]];
    expect(() => Tokenizer.fromJSON({ ...good, merges: forward })).toThrow(/merge 0/);
    const renamed = good.tokens.slice();
    renamed[good.tokens.length - n] += 'x';
    expect(() => Tokenizer.fromJSON({ ...good, tokens: renamed })).toThrow(/the join of merge 0/);
    const dupChar = good.tokens.slice();
    dupChar[ALPHABET_BASE + 1] = dupChar[ALPHABET_BASE];
    expect(() => Tokenizer.fromJSON({ ...good, tokens: dupChar })).toThrow(/alphabet token/);
  });
});
