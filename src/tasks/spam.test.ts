import { describe, expect, it } from 'vitest';
import { SPAM_OOD_GROUP, spamTask } from './spam.js';
import { classCounts, splitDataset } from './split.js';

describe('spam task', () => {
  it('loads the whole corpus with both classes and every group', async () => {
    const ds = await spamTask.load();
    expect(ds.classes).toEqual(['ham', 'spam']);
    expect(ds.kind).toBe('text');
    expect(ds.examples.length).toBeGreaterThan(5800);
    expect(ds.examples.length).toBeLessThanOrEqual(6046);
    const [ham, spam] = classCounts(ds.examples, 2);
    expect(ham).toBeGreaterThan(4000);
    expect(spam).toBeGreaterThan(1700);
    const groups = new Set(ds.examples.map((e) => e.group));
    expect([...groups].sort()).toEqual(['easy-ham-1', 'easy-ham-2', 'hard-ham-1', 'spam-1', 'spam-2']);
    for (const e of ds.examples) {
      expect(e.label).toBe(e.group!.startsWith('spam') ? 1 : 0);
      expect(e.id).toBe(`${e.group}/${e.id.split('/')[1]}`);
      expect(e.text!.length).toBeGreaterThan(0);
      expect(e.text!.length).toBeLessThanOrEqual(1000);
    }
    expect(new Set(ds.examples.map((e) => e.id)).size).toBe(ds.examples.length);
    expect(new Set(ds.examples.map((e) => e.text)).size).toBe(ds.examples.length);
    // headers and markup are gone
    const withHeaders = ds.examples.filter((e) => /^(Return-Path|Received|Delivered-To):/.test(e.text!));
    expect(withHeaders).toHaveLength(0);
    const withTags = ds.examples.filter((e) => /<\/?(html|body|table|font|td)\b/i.test(e.text!));
    expect(withTags.length).toBeLessThan(ds.examples.length * 0.01);
  });

  it('samples deterministically by seed, keeping group shares', async () => {
    const a = await spamTask.load({ limit: 600, seed: 1 });
    const b = await spamTask.load({ limit: 600, seed: 1 });
    const c = await spamTask.load({ limit: 600, seed: 2 });
    expect(a.examples).toHaveLength(600);
    expect(a.examples.map((e) => e.id)).toEqual(b.examples.map((e) => e.id));
    expect(a.examples.map((e) => e.id)).not.toEqual(c.examples.map((e) => e.id));
    const hard = a.examples.filter((e) => e.group === SPAM_OOD_GROUP).length;
    expect(hard).toBeGreaterThanOrEqual(20);
    expect(hard).toBeLessThanOrEqual(30);
  });

  it('sends hard-ham to ood_test and nowhere else', async () => {
    const ds = await spamTask.load({ limit: 1000, seed: 0 });
    const s = splitDataset(ds, { seed: 5 });
    const hard = ds.examples.filter((e) => e.group === SPAM_OOD_GROUP);
    expect(hard.length).toBeGreaterThan(0);
    expect(s.ood_test!.map((e) => e.id).sort()).toEqual(hard.map((e) => e.id).sort());
    for (const k of ['weak_train', 'transfer', 'val', 'test'] as const) {
      expect(s[k].some((e) => e.group === SPAM_OOD_GROUP)).toBe(false);
      expect(new Set(s[k].map((e) => e.label)).size).toBe(2);
    }
  });
});
