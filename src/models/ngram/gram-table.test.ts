import { describe, expect, it } from 'vitest';
import { GramTable } from './gram-table.js';

describe('GramTable', () => {
  it('gives each distinct span one id, in first-seen order, and finds spans of other strings by content', () => {
    const t = new GramTable();
    expect([t.intern(' abc ', 1, 2), t.intern('xbc', 1, 2), t.intern('abc', 0, 3), t.intern('ab', 0, 2)]).toEqual([0, 1, 2, 0]);
    expect(t.grams).toEqual(['ab', 'bc', 'abc']);
    expect(t.find('zzabc', 2, 3)).toBe(2);
    expect(t.find('abd', 0, 3)).toBe(-1);
    expect(t.find('a', 0, 1)).toBe(-1);
  });

  it('keeps every id through growth, with as many ids as distinct strings', () => {
    const t = new GramTable();
    const words = Array.from({ length: 20000 }, (_, i) => `w${(i * 7919) % 15000}`);
    const ids = words.map((w) => t.intern(w, 0, w.length));
    expect(t.size).toBe(new Set(words).size);
    words.forEach((w, i) => expect(t.find(`..${w}..`, 2, w.length)).toBe(ids[i]));
    expect(t.grams[ids[123]]).toBe(words[123]);
  });
});
