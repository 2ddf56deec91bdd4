import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandGrid, parseGrid, planRuns } from './sweep.js';

describe('parseGrid', () => {
  it('accepts a grid and fills defaults', () => {
    const g = parseGrid({ tasks: ['spam', { data: 'x.jsonl', dataOptions: { textField: 'body' } }], strong: ['s', 'm'] }, 'g.json');
    expect(g.methods).toEqual(['vanilla']);
    expect(g.seeds).toBe(3);
    expect(g.weak).toBeUndefined();
  });

  it.each([
    [[], /expected a JSON object/],
    [{ strong: ['s'] }, /"tasks" must be a non-empty array/],
    [{ tasks: ['spam'], stong: ['s'] }, /g.json: unknown field "stong"; a grid has tasks, weak, strong/],
    [{ tasks: ['spam'], strong: 's' }, /"strong" must be a non-empty array of names/],
    [{ tasks: [{ task: 'spam', data: 'x.csv' }] }, /exactly one of "task" and "data"/],
    [{ tasks: ['spam'], methods: [{ params: {} }] }, /each method must be a name or/],
    [{ tasks: ['spam'], seeds: 0 }, /"seeds" must be a positive count/],
    [{ tasks: ['spam'], seeds: [0, -1] }, /"seeds" must be/],
    [{ tasks: ['spam'], limit: 1.5 }, /"limit" must be a positive integer/],
  ])('rejects %j', (value, message) => {
    expect(() => parseGrid(value, 'g.json')).toThrow(message);
  });
});

describe('expandGrid', () => {
  it('crosses tasks, weak, strong, methods and seeds, applying the grid limit', () => {
    const cfgs = expandGrid({ tasks: ['spam', { task: 'pos', limit: 50 }], weak: ['xs'], strong: ['s', 'm'], methods: ['vanilla', { name: 'vanilla', params: { hard: true } }], seeds: [3, 4], limit: 600 });
    expect(cfgs).toHaveLength(2 * 2 * 2 * 2);
    expect(cfgs[0]).toMatchObject({ source: { task: 'spam', limit: 600 }, weak: 'xs', strong: 's', method: 'vanilla', seed: 3 });
    expect(cfgs[3]).toMatchObject({ strong: 's', methodParams: { hard: true }, seed: 4 });
    expect(cfgs[8].source).toEqual({ task: 'pos', limit: 50 });
  });

  it('numbers seeds 0..N-1 for a count', () => {
    expect(expandGrid({ tasks: ['spam'], seeds: 2 }).map((c) => c.seed)).toEqual([0, 1]);
  });
});

describe('planRuns', () => {
  it('resolves the default models and student kind, keys runs as runExperiment does, and drops duplicates', async () => {
    const cfgs = expandGrid({ tasks: ['spam'], methods: ['vanilla', { name: 'vanilla', params: { hard: false } }], seeds: 2, limit: 300 });
    const runs = await planRuns(cfgs);
    // { hard: false } is vanilla's default, so the second method is the same run.
    expect(runs).toHaveLength(2);
    expect(runs[0].cfg).toMatchObject({ weak: 'xs', strong: 'l', student: 'finetune' });
    expect(runs[0].label).toBe('spam xs->l (fine-tuned) vanilla seed 0');
    expect(new Set(runs.map((r) => r.runKey)).size).toBe(2);
  });

  it('keys a small dataset with the small-data schedule it trains with, and a large one with the default', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'w2s-plan-schedule-'));
    const file = (name: string, rows: number, words: number) => {
      const path = join(dir, name);
      writeFileSync(path, Array.from({ length: rows }, (_, i) => JSON.stringify({ text: `${i % 2 ? 'yes' : 'no'} ${'word '.repeat(words)}`.trim(), label: i % 2 ? 'a' : 'b' })).join('\n'));
      return { data: path };
    };
    const plan = async (source: { data: string }, finetune?: { epochs?: number; lr?: number }) => (await planRuns([{ source, method: 'vanilla', seed: 0, ...(finetune ? { finetune } : {}) }]))[0];
    const small = file('small.jsonl', 400, 3);
    const auto = await plan(small);
    expect(auto.cfg.finetune).toEqual({ epochs: 4, lr: 1e-3 });
    expect((await plan(small, { epochs: 4, lr: 1e-3 })).runKey).toBe(auto.runKey);
    const chosen = await plan(small, { epochs: 2 });
    expect(chosen.cfg.finetune).toEqual({ epochs: 2 });
    expect(chosen.runKey).not.toBe(auto.runKey);
    // 400 rows of 50 words hold about 100,000 characters: over the line only at 1,000 rows.
    const large = await plan(file('large.jsonl', 1000, 50));
    expect(large.cfg.finetune).toBeUndefined();
    expect(large.runKey).not.toBe((await plan(file('large.jsonl', 1000, 50), { epochs: 4, lr: 1e-3 })).runKey);
  });

  it('fails on an unknown method', async () => {
    await expect(planRuns(expandGrid({ tasks: ['spam'], methods: ['nope'], seeds: 1, limit: 300 }))).rejects.toThrow(/unknown method "nope"/);
  });
});

describe('the shipped example grids', () => {
  const dir = new URL('../../examples/', import.meta.url);
  const grids = readdirSync(dir).filter((f) => f.endsWith('.json'));

  it.each(grids)('%s plans runs with known tasks, models and methods', async (file) => {
    const grid = parseGrid(JSON.parse(readFileSync(new URL(file, dir), 'utf8')), file);
    const runs = await planRuns(expandGrid(grid));
    expect(runs.length).toBe(expandGrid(grid).length); // no two grid cells are the same run
  });
});
