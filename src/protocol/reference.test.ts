import { describe, expect, it } from 'vitest';
import type { Example, Splits } from '../tasks/index.js';
import { referenceForSplits, scoreReference } from './reference.js';

const ex = (id: string, text: string, label: number): Example => ({ id, text, label });
/** Label 1 when the text mentions "prize", else 0. */
const rows = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => ex(`${prefix}${i}`, i % 2 ? `claim your prize number ${i}` : `meeting notes for item ${i}`, i % 2));

describe('scoreReference', () => {
  it('scores each given split: accuracy on test, and on ood_test when given', () => {
    const train = rows('a', 40);
    const test = rows('b', 10);
    test[0] = ex('b0', 'claim your prize now', 0); // wrong on purpose: the reference says 1
    const part = (xs: Example[]) => ({ texts: xs.map((e) => e.text!), labels: xs.map((e) => e.label) });
    const r = scoreReference({ train: part(train), scored: { test: part(test), ood_test: part(rows('c', 4)) }, numClasses: 2 });
    expect(r.test!.acc).toBeCloseTo(0.9, 12);
    expect(r.ood_test!.acc).toBe(1);
  });
});

describe('referenceForSplits', () => {
  const splits: Splits = { weak_train: rows('w', 4), transfer: rows('t', 40), val: rows('v', 4), test: rows('s', 10) };

  it('trains on transfer and scores test, leaving out ood_test when the task has none', () => {
    const r = referenceForSplits(splits, 2)!;
    expect(Object.keys(r)).toEqual(['test']);
    expect(r.test!.acc).toBe(1);
  });

  it('is undefined for feature data, which has no text to read', () => {
    const features = (xs: Example[]) => xs.map((e) => ({ id: e.id, label: e.label, features: Float32Array.of(e.label) }));
    expect(referenceForSplits({ ...splits, transfer: features(splits.transfer), test: features(splits.test) }, 2)).toBeUndefined();
  });
});
