import { describe, expect, it } from 'vitest';
import { MAX_RUN, eachPiece, isNumberPiece, normalizeText, pieces } from './pretokenize.js';

describe('normalizeText', () => {
  it('collapses every whitespace run to one space and trims', () => {
    expect(normalizeText('  a\t\tb\n\u00a0c\u3000 d\r\n', false)).toBe('a b c d');
  });
  it('lowercases only when asked', () => {
    expect(normalizeText('Hello World', true)).toBe('hello world');
    expect(normalizeText('Hello World', false)).toBe('Hello World');
  });
  it('composes to NFC and replaces lone surrogates', () => {
    expect(normalizeText('cafe\u0301', false)).toBe('caf\u00e9');
    expect(normalizeText('a\ud800b\udc00', false)).toBe('a\ufffdb\ufffd');
    expect(normalizeText('\ud83d\ude00', false)).toBe('\ud83d\ude00');
  });
});

describe('pieces', () => {
  it('keeps digits single and punctuation apart, marking pieces after a space', () => {
    expect(pieces('is 37 + 48 - 12 = 73?')).toEqual([' is', ' 3', '7', ' +', ' 4', '8', ' -', ' 1', '2', ' =', ' 7', '3', '?']);
    expect(pieces("don't, mp3s")).toEqual([' don', "'", 't', ',', ' mp', '3', 's']);
    expect(pieces('')).toEqual([]);
  });
  it('keeps combining marks with their letters and emoji as their own pieces', () => {
    expect(pieces('nai\u0308ve 😀!')).toEqual([' nai\u0308ve', ' 😀', '!']);
  });
  it('cuts long letter runs and always concatenates back to the text', () => {
    const long = 'x'.repeat(MAX_RUN * 2 + 5);
    expect(pieces(long).map((p) => p.trim().length)).toEqual([MAX_RUN, MAX_RUN, 5]);
    for (const text of ['a b', '中文字 ok', '((x))', '1,000.5 km/h', 'tab\u0000nul']) {
      expect(pieces(text).join('')).toBe(' ' + text);
    }
  });
  it('visits the same pieces one by one and stops when told', () => {
    const text = 'is 37 + 48 = 85? yes.';
    const seen: string[] = [];
    eachPiece(text, (p) => { seen.push(p); return true; });
    expect(seen).toEqual(pieces(text));
    const firstThree: string[] = [];
    eachPiece(text, (p) => firstThree.push(p) < 3);
    expect(firstThree).toEqual(pieces(text).slice(0, 3));
  });
  it('recognises single-digit pieces', () => {
    expect(isNumberPiece(' 7')).toBe(true);
    expect(isNumberPiece('7')).toBe(true);
    expect(isNumberPiece('77')).toBe(false);
    expect(isNumberPiece(' a')).toBe(false);
  });
});
