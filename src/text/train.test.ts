import { describe, expect, it } from 'vitest';
import { brownSentences } from './brown.fixture.js';
import { isNumberPiece, normalizeText, pieces } from './pretokenize.js';
import { trainTokenizer } from './train.js';
import { ALPHABET_BASE, MARKER_ID, PAIR_SHIFT } from './vocab.js';

const train = brownSentences(40);
const heldOut = brownSentences(10, 200);

/** Plain BPE, recounting every pair each round: the incremental trainer must agree with it exactly. */
function referenceMerges(corpus: string[], charIds: Map<string, number>, maxMerges: number, minFrequency: number): [number, number][] {
  const counts = new Map<string, number>();
  for (const t of corpus) for (const p of pieces(normalizeText(t, true))) counts.set(p, (counts.get(p) ?? 0) + 1);
  const words = [...counts].filter(([p]) => !isNumberPiece(p) && [...p].length > 1)
    .map(([p, n]) => ({ n, s: [...p].map((c) => (c === ' ' ? MARKER_ID : charIds.get(c) ?? -1)) }));
  const merges: [number, number][] = [];
  let next = ALPHABET_BASE + charIds.size;
  while (merges.length < maxMerges) {
    const pairs = new Map<number, number>();
    for (const { n, s } of words) {
      for (let i = 0; i + 1 < s.length; i++) {
        if (s[i] >= 0 && s[i + 1] >= 0) pairs.set(s[i] * PAIR_SHIFT + s[i + 1], (pairs.get(s[i] * PAIR_SHIFT + s[i + 1]) ?? 0) + n);
      }
    }
    let best = -1, bestCount = 0;
    for (const [k, c] of pairs) if (c > bestCount || (c === bestCount && k < best)) { best = k; bestCount = c; }
    if (best < 0 || bestCount < minFrequency) break;
    const a = Math.floor(best / PAIR_SHIFT), b = best % PAIR_SHIFT;
    merges.push([a, b]);
    for (const w of words) {
      const s: number[] = [];
      for (let i = 0; i < w.s.length; i++) {
        if (w.s[i] === a && w.s[i + 1] === b) { s.push(next); i++; } else s.push(w.s[i]);
      }
      w.s = s;
    }
    next++;
  }
  return merges;
}

function alphabetOf(json: { tokens: string[]; merges: unknown[] }): Map<string, number> {
  const end = json.tokens.length - json.merges.length;
  return new Map(json.tokens.slice(ALPHABET_BASE, end).map((c, i) => [c, ALPHABET_BASE + i]));
}

describe('trainTokenizer', () => {
  it('learns exactly the merges of plain BPE, including overlapping pairs', () => {
    const corpus = [...train.slice(0, 300), 'aaaa aaa aaaaa banana bandana', 'aaaa abab ababab', 'zz zzz zzzz'];
    for (const minFrequency of [1, 3]) {
      const json = trainTokenizer(corpus, { vocabSize: 700, minFrequency }).toJSON();
      expect(json.tokens).toHaveLength(700);
      expect(json.merges).toEqual(referenceMerges(corpus, alphabetOf(json), 700 - json.tokens.length + json.merges.length, minFrequency));
    }
  });

  it('stops merging when the best pair is rarer than minFrequency', () => {
    const small = train.slice(0, 40);
    const json = trainTokenizer(small, { vocabSize: 5000, minFrequency: 2 }).toJSON();
    expect(json.tokens.length).toBeLessThan(5000);
    expect(json.merges.length).toBeGreaterThan(50);
    expect(json.merges).toEqual(referenceMerges(small, alphabetOf(json), 5000, 2));
  });

  it('fills the vocabulary exactly when the corpus allows it, and never exceeds it', () => {
    expect(trainTokenizer(train, { vocabSize: 2000 }).vocabSize).toBe(2000);
    const tiny = trainTokenizer(['the cat', 'the hat', 'the cat'], { vocabSize: 2000 });
    expect(tiny.vocabSize).toBeLessThan(2000);
    const cramped = trainTokenizer(train, { vocabSize: ALPHABET_BASE + 10 });
    expect(cramped.vocabSize).toBe(ALPHABET_BASE + 10);
    expect(cramped.toJSON().merges).toEqual([]);
    expect(cramped.decode(cramped.encode('The end.'))).toBe('the end.');
  });

  it('is deterministic and independent of corpus order', () => {
    const a = trainTokenizer(train, { vocabSize: 1000 }).toJSON();
    expect(trainTokenizer(train, { vocabSize: 1000 }).toJSON()).toEqual(a);
    expect(trainTokenizer([...train].reverse(), { vocabSize: 1000 }).toJSON()).toEqual(a);
    expect(trainTokenizer(heldOut, { vocabSize: 1000 }).toJSON()).not.toEqual(a);
  });

  it('compresses English it has not seen: far fewer tokens than characters per word', () => {
    const tok = trainTokenizer(train, { vocabSize: 2000 });
    const words = heldOut.join(' ').split(' ').length;
    const chars = heldOut.join('').replace(/\s/g, '').length;
    const tokens = heldOut.reduce((n, s) => n + tok.encode(s).length, 0);
    expect(tokens / words).toBeLessThan(0.5 * (chars / words));
    const noMerges = trainTokenizer(train, { vocabSize: tok.vocabSize - tok.toJSON().merges.length });
    const charTokens = heldOut.reduce((n, s) => n + noMerges.encode(s).length, 0);
    expect(charTokens / words).toBeGreaterThan(chars / words);
  });

  it('never merges digits, so numbers stay digit by digit', () => {
    const claims = Array.from({ length: 500 }, (_, i) => `Is ${i % 97} + ${(i * 7) % 89} - ${i % 13} = ${(i * 3) % 101}?`);
    const tok = trainTokenizer(claims, { vocabSize: 400 });
    for (let id = ALPHABET_BASE; id < tok.vocabSize; id++) {
      const t = tok.idToToken(id);
      if (/\p{N}/u.test(t)) expect(t).toMatch(/^\p{N}$/u);
    }
    const ids = [...tok.encode('Is 37 + 48 = 85?')].map((id) => tok.idToToken(id));
    expect(ids).toEqual(['▁is', '▁', '3', '7', '▁+', '▁', '4', '8', '▁=', '▁', '8', '5', '?']);
  });

  it('leaves characters rarer than minFrequency to byte fallback', () => {
    const corpus = ['ab ab ab', 'ab ñ'];
    const strings = (minFrequency: number) => {
      const tok = trainTokenizer(corpus, { minFrequency });
      return [...tok.encode('ñ')].map((id) => tok.idToToken(id));
    };
    expect(strings(2)).toEqual(['▁', '<0xC3>', '<0xB1>']);
    expect(strings(1)).toEqual(['▁ñ']);
  });

  it('rejects bad options with a message naming the fix', () => {
    expect(() => trainTokenizer(train, { vocabSize: 100 })).toThrow(/vocabSize must be an integer in \[262/);
    expect(() => trainTokenizer(train, { minFrequency: 0 })).toThrow(/minFrequency/);
    expect(() => trainTokenizer('text' as unknown as string[])).toThrow(/array of strings/);
  });
});
