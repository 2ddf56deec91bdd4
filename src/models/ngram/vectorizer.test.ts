import { describe, expect, it } from 'vitest';
import { NgramVectorizer } from './vectorizer.js';
import type { Csr } from './sparse.js';

function dense(x: Csr): number[][] {
  return Array.from({ length: x.rows }, (_, i) => {
    const row = new Array<number>(x.cols).fill(0);
    for (let j = x.indptr[i]; j < x.indptr[i + 1]; j++) row[x.indices[j]] = x.values[j];
    return row;
  });
}

const docs = ['the cat sat', 'the dog sat down', 'a cat'];

describe('NgramVectorizer', () => {
  it("gives scikit-learn's TfidfVectorizer values (smooth idf, unit L2 rows)", () => {
    const { vectorizer, x } = NgramVectorizer.fit(docs, { char: null, word: { min: 1, max: 1 } });
    expect(vectorizer.size).toBe(5);
    // scikit-learn 1.2.1, columns in its alphabetical order: cat dog down sat the.
    const sk = [[0.57735, 0, 0, 0.57735, 0.57735], [0, 0.562829, 0.562829, 0.428046, 0.428046], [1, 0, 0, 0, 0]];
    const ours = dense(x);
    const order = ['cat', 'dog', 'down', 'sat', 'the'].map((w) => dense(vectorizer.transform([w]))[0].findIndex((v) => v > 0));
    ours.forEach((row, i) => order.forEach((col, j) => expect(row[col]).toBeCloseTo(sk[i][j], 5)));
  });

  it('scales each block to unit norm, so a row with both blocks has norm sqrt(2)', () => {
    const { x } = NgramVectorizer.fit(docs);
    for (const row of dense(x)) expect(Math.hypot(...row)).toBeCloseTo(Math.SQRT2, 5);
  });

  it('transforms training texts as fit does, and ignores n-grams it never saw', () => {
    const { vectorizer, x } = NgramVectorizer.fit(docs);
    expect(dense(vectorizer.transform(docs))).toEqual(dense(x));
    // Of 'qqq zzz' only the padding space ' ' was seen in training: one feature, at unit norm.
    const unseen = vectorizer.transform(['qqq zzz']);
    expect(unseen.indptr[1]).toBe(1);
    expect(unseen.values[0]).toBeCloseTo(1, 6);
  });

  it('drops n-grams rarer than minDf', () => {
    const all = NgramVectorizer.fit(docs, { char: null, word: { min: 1, max: 1 }, minDf: 1 }).vectorizer.size;
    const common = NgramVectorizer.fit(docs, { char: null, word: { min: 1, max: 1 }, minDf: 2 }).vectorizer.size;
    expect([all, common]).toEqual([5, 3]); // cat, the, sat appear twice
  });

  it('rejects ranges and minDf that mean nothing, saying what to use', () => {
    expect(() => NgramVectorizer.fit(docs, { char: { min: 3, max: 2 } })).toThrow(/1 <= min <= max/);
    expect(() => NgramVectorizer.fit(docs, { char: null, word: null })).toThrow(/needs character or word/);
    expect(() => NgramVectorizer.fit(docs, { minDf: 0.5 })).toThrow(/integer >= 1/);
  });
});
