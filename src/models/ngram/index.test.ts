import { describe, expect, it } from 'vitest';
import { Rng } from '../../util/rng.js';
import { trainNgramReference } from './index.js';

/** Sentences whose class is told by a word ending (-ly adverbs vs -ing verbs), amid shared filler words. */
function texts(n: number, seed: number): { texts: string[]; labels: number[] } {
  const rng = new Rng(seed);
  const stems = ['quick', 'slow', 'bright', 'calm', 'loud', 'soft', 'warm', 'cold', 'deep', 'plain', 'wild', 'neat'];
  const filler = ['the', 'a', 'it', 'was', 'then', 'so', 'and'];
  const out = { texts: [] as string[], labels: [] as number[] };
  for (let i = 0; i < n; i++) {
    const y = rng.int(2);
    const stem = stems[rng.int(stems.length)];
    const words = [filler[rng.int(7)], filler[rng.int(7)], y === 0 ? `${stem}ly` : `${stem}ing`, filler[rng.int(7)]];
    out.texts.push(words.join(' '));
    out.labels.push(y);
  }
  return out;
}

const accuracy = (probs: Float32Array, labels: number[]) => labels.filter((y, i) => (probs[2 * i + 1] > 0.5 ? 1 : 0) === y).length / labels.length;

describe('trainNgramReference', () => {
  const train = texts(200, 1);
  // Test stems come from the same list, so only the endings carry over: character n-grams must find them.
  const test = texts(200, 2);

  it('learns a class told by character n-grams', () => {
    const m = trainNgramReference({ texts: train.texts, labels: train.labels, numClasses: 2 });
    expect(m.converged).toBe(true);
    expect(accuracy(m.predict(test.texts), test.labels)).toBeGreaterThan(0.95);
  });

  it('needs its character n-grams for that: word n-grams alone do worse on unseen stems', () => {
    const stems = texts(200, 3);
    stems.texts = stems.texts.map((t) => t.replace(/(\w+)(ly|ing)/, 'zz$1$2'));
    const words = trainNgramReference({ texts: train.texts, labels: train.labels, numClasses: 2, options: { char: null } });
    const both = trainNgramReference({ texts: train.texts, labels: train.labels, numClasses: 2 });
    expect(accuracy(both.predict(stems.texts), stems.labels)).toBeGreaterThan(accuracy(words.predict(stems.texts), stems.labels) + 0.2);
  });

  it('trains on soft targets as on hard labels when the targets are one-hot', () => {
    const targets = new Float32Array(400);
    train.labels.forEach((y, i) => (targets[2 * i + y] = 1));
    const soft = trainNgramReference({ texts: train.texts, targets, numClasses: 2 }).predict(test.texts);
    const hard = trainNgramReference({ texts: train.texts, labels: train.labels, numClasses: 2 }).predict(test.texts);
    expect(Array.from(soft)).toEqual(Array.from(hard));
  });

  it('says what is wrong with its inputs', () => {
    expect(() => trainNgramReference({ texts: train.texts, numClasses: 2 })).toThrow(/exactly one of them/);
    expect(() => trainNgramReference({ texts: train.texts, labels: [0, 1], numClasses: 2 })).toThrow(/2 labels for 200 texts/);
    expect(() => trainNgramReference({ texts: ['a b'], labels: [2], numClasses: 2 })).toThrow(/not a class index in 0\.\.1/);
    expect(() => trainNgramReference({ texts: [], labels: [], numClasses: 2 })).toThrow(/at least one training text/);
  });
});
