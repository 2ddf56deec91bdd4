import { describe, expect, it } from 'vitest';
import { classCounts, splitDataset } from './split.js';
import type { Dataset, Example, Splits } from './types.js';

function toy(n: number, opts: { classes?: number; ood?: boolean; difficulty?: boolean } = {}): Dataset {
  const k = opts.classes ?? 2;
  const examples: Example[] = Array.from({ length: n }, (_, i) => ({
    id: `ex${i}`,
    text: `t${i}`,
    label: i % k,
    group: i % 10 === 0 ? 'shifted' : 'main',
    difficulty: 1 + (i % 4),
  }));
  return {
    name: 'toy',
    classes: Array.from({ length: k }, (_, c) => `c${c}`),
    kind: 'text',
    examples,
    description: 'toy',
    ...(opts.ood ? { isOod: (e: Example) => e.group === 'shifted' } : {}),
    ...(opts.difficulty ? { easyToHard: { easyMax: 2 } } : {}),
  };
}

const all = (s: Splits) => [...s.weak_train, ...s.transfer, ...s.val, ...s.test, ...(s.ood_test ?? [])];
const ids = (xs: Example[]) => xs.map((e) => e.id);

describe('splitDataset', () => {
  it('puts every example in exactly one split, near the default fractions', () => {
    const ds = toy(1000);
    const s = splitDataset(ds, { seed: 1 });
    const seen = ids(all(s));
    expect(seen).toHaveLength(1000);
    expect(new Set(seen).size).toBe(1000);
    expect(s.weak_train).toHaveLength(250);
    expect(s.transfer).toHaveLength(450);
    expect(s.val).toHaveLength(100);
    expect(s.test).toHaveLength(200);
    expect(s.ood_test).toBeUndefined();
    expect(classCounts(s.weak_train, 2)).toEqual([125, 125]);
  });

  it('is deterministic by seed, independent of input order, and differs across seeds', () => {
    const ds = toy(300);
    const a = splitDataset(ds, { seed: 7 });
    const b = splitDataset({ ...ds, examples: [...ds.examples].reverse() }, { seed: 7 });
    const c = splitDataset(ds, { seed: 8 });
    for (const k of ['weak_train', 'transfer', 'val', 'test'] as const) expect(ids(a[k])).toEqual(ids(b[k]));
    expect(ids(a.weak_train)).not.toEqual(ids(c.weak_train));
  });

  it('sends shifted examples to ood_test only', () => {
    const s = splitDataset(toy(500, { ood: true }), { seed: 2 });
    expect(s.ood_test).toHaveLength(50);
    expect(s.ood_test!.every((e) => e.group === 'shifted')).toBe(true);
    const inDist = [...s.weak_train, ...s.transfer, ...s.val, ...s.test];
    expect(inDist.some((e) => e.group === 'shifted')).toBe(false);
    expect(new Set(ids(all(s))).size).toBe(500);
  });

  it('easy-to-hard: weak_train/transfer/val easy, test hard; can be switched off', () => {
    const ds = toy(800, { difficulty: true });
    const s = splitDataset(ds, { seed: 3 });
    for (const k of ['weak_train', 'transfer', 'val'] as const) expect(s[k].every((e) => e.difficulty! <= 2)).toBe(true);
    expect(s.test.every((e) => e.difficulty! > 2)).toBe(true);
    expect(s.test).toHaveLength(400);
    expect(s.weak_train.length + s.transfer.length + s.val.length).toBe(400);
    const off = splitDataset(ds, { seed: 3, easyToHard: false });
    expect(off.test.some((e) => e.difficulty! <= 2)).toBe(true);
  });

  it('honours custom fractions', () => {
    const s = splitDataset(toy(100), { seed: 0, fractions: { weak_train: 1, transfer: 1, val: 1, test: 1 } });
    expect([s.weak_train.length, s.transfer.length, s.val.length, s.test.length]).toEqual([25, 25, 25, 25]);
  });

  it('explains how many examples are needed when a split would be empty', () => {
    expect(() => splitDataset(toy(3), { seed: 0 })).toThrow(/split 'val' is empty: dataset 'toy' has 3 in-distribution examples.*at least about 20.*--limit/);
  });

  it('requires two classes in weak_train, transfer and test', () => {
    const ds = toy(40);
    ds.examples.forEach((e, i) => (e.label = i < 39 ? 0 : 1));
    expect(() => splitDataset(ds, { seed: 0 })).toThrow(/has only one class \('c0'.*needs at least 2 classes.*c0=39, c1=1/);
  });

  it('rejects duplicate ids, bad labels and bad fractions', () => {
    const dup = toy(30);
    dup.examples[1].id = dup.examples[0].id;
    expect(() => splitDataset(dup, { seed: 0 })).toThrow(/two examples with id 'ex0'/);
    const bad = toy(30);
    bad.examples[3].label = 5;
    expect(() => splitDataset(bad, { seed: 0 })).toThrow(/label 5; labels must be class indices 0..1/);
    expect(() => splitDataset(toy(30), { seed: 0, fractions: { weak_train: 0, transfer: 1, val: 1, test: 1 } })).toThrow(/weak_train=0 is invalid/);
  });

  it('errors when easy-to-hard examples lack a difficulty or no hard examples exist', () => {
    const ds = toy(100, { difficulty: true });
    const noHard = { ...ds, examples: ds.examples.filter((e) => e.difficulty! <= 2) };
    expect(() => splitDataset(noHard, { seed: 0 })).toThrow(/split 'test' is empty.*difficulty > 2/);
    delete ds.examples[5].difficulty;
    expect(() => splitDataset(ds, { seed: 0 })).toThrow(/example 'ex5' has no difficulty/);
  });
});

describe('minimum split size', () => {
  it('refuses splits smaller than minPerSplit, saying how many examples there are and how to fix it', () => {
    expect(() => splitDataset(toy(60), { seed: 0, minPerSplit: 20 })).toThrow(/split 'weak_train' has 15 examples; each split needs at least 20.*has 60 in-distribution examples.*raise --limit/);
    const s = splitDataset(toy(400), { seed: 0, minPerSplit: 20 });
    expect(Math.min(s.weak_train.length, s.transfer.length, s.val.length, s.test.length)).toBeGreaterThanOrEqual(20);
  });
});
