import { describe, expect, it } from 'vitest';
import { labelWords, softLabels, splitLabel } from './labels.js';

const lp = (top: Record<string, number>) => Object.entries(top).map(([token, p]) => ({ token, logprob: Math.log(p) }));

describe('softLabels', () => {
  it('sums the spellings of each label (case, surrounding space) and renormalises over the labels', () => {
    const p = softLabels(lp({ ' Yes': 0.3, yes: 0.2, NO: 0.1, maybe: 0.4 }), ['yes', 'no'])!;
    expect(p[0]).toBeCloseTo(5 / 6, 12);
    expect(p[1]).toBeCloseTo(1 / 6, 12);
  });
  it('gives 0 to a label missing from the candidates, and null when no candidate is a label', () => {
    expect(Array.from(softLabels(lp({ a: 0.9, x: 0.1 }), ['a', 'b', 'c'])!)).toEqual([1, 0, 0]);
    expect(softLabels(lp({ x: 0.9, y: 0.1 }), ['a', 'b'])).toBeNull();
    expect(softLabels([{ token: 'a', logprob: -Infinity }], ['a', 'b'])).toBeNull();
  });
});

describe('splitLabel', () => {
  it('finds a label word whose prefix is the most probable candidate while the word itself is not a candidate', () => {
    expect(splitLabel(lp({ pos: 0.6, neg: 0.4 }), ['positive', 'negative'])).toEqual({ word: 'positive', token: 'pos' });
    // A fragment deep in the list is noise, not a split.
    expect(splitLabel(lp({ ham: 0.9, s: 0.01 }), ['ham', 'spam'])).toBeNull();
    expect(splitLabel(lp({ positive: 0.6, pos: 0.1, negative: 0.3 }), ['positive', 'negative'])).toBeNull();
    // A candidate that is itself a label word is not a fragment of another ("no" vs "not").
    expect(splitLabel(lp({ no: 0.6, not: 0.4 }), ['no', 'not'])).toBeNull();
  });
});

describe('labelWords', () => {
  it('defaults to the class names and checks the count and distinctness', () => {
    expect(labelWords(['ham', 'spam'])).toEqual(['ham', 'spam']);
    expect(labelWords(['negative', 'positive'], ['neg', 'pos'])).toEqual(['neg', 'pos']);
    expect(() => labelWords(['a', 'b'], ['x'])).toThrow(/gives 1 words for 2 classes \(a, b\)/);
    expect(() => labelWords(['a', 'b'], ['Yes', ' yes'])).toThrow(/"Yes" and " yes" are the same token/);
    expect(() => labelWords(['a', 'b'], ['x', ' '])).toThrow(/label word 2 \(class b\) is empty/);
  });
});
