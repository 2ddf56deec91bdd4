import { describe, expect, it } from 'vitest';
import { charWbNgrams, wordNgrams, type NgramRange } from './analyzers.js';

const collect = (f: typeof charWbNgrams, text: string, range: NgramRange) => {
  const out: string[] = [];
  f(text, range, (src, start, len) => out.push(src.slice(start, start + len)));
  return out;
};

// Expected lists printed by scikit-learn 1.2.1: CountVectorizer(analyzer=...).build_analyzer()(text).
describe('charWbNgrams', () => {
  it("matches scikit-learn's char_wb analyzer, short words counted once", () => {
    expect(collect(charWbNgrams, 'Hi  yOu a', { min: 1, max: 3 })).toEqual([
      ' ', 'h', 'i', ' ', ' h', 'hi', 'i ', ' hi', 'hi ', ' ', 'y', 'o', 'u', ' ', ' y', 'yo', 'ou', 'u ', ' yo', 'you', 'ou ', ' ', 'a', ' ', ' a', 'a ', ' a ',
    ]);
  });
  it("splits words on Python's whitespace, U+0085 included and U+FEFF not", () => {
    expect(collect(charWbNgrams, 'a\x85b\ufeffc', { min: 3, max: 3 })).toEqual([' a ', ' b\ufeff', 'b\ufeffc', '\ufeffc ']);
  });

  it('counts a character outside the basic plane as one, as Python does', () => {
    expect(collect(charWbNgrams, 'x😀y', { min: 1, max: 3 })).toEqual([' ', 'x', '😀', 'y', ' ', ' x', 'x😀', '😀y', 'y ', ' x😀', 'x😀y', '😀y ']);
  });
});

describe('wordNgrams', () => {
  it("matches scikit-learn's word analyzer (tokens of 2+ word characters, unigrams then bigrams)", () => {
    expect(collect(wordNgrams, 'Hi, you-there a b_c 42 é café', { min: 1, max: 2 })).toEqual([
      'hi', 'you', 'there', 'b_c', '42', 'café', 'hi you', 'you there', 'there b_c', 'b_c 42', '42 café',
    ]);
  });
});
