import { describe, expect, it } from 'vitest';
import { deriveRng } from '../util/rng.js';
import { ARITH_EASY_MAX, arithTask, claimText, evaluate, generateClaim } from './arith.js';
import { splitDataset } from './split.js';

/** Re-derive the truth of "Is a + b - c = v?" from the text alone. */
function check(text: string): { truth: boolean; ops: number; error: number; operands: number[] } {
  const m = /^Is (.+) = (-?\d+)\?$/.exec(text);
  if (!m) throw new Error(`unexpected text ${text}`);
  const tokens = m[1].split(' ');
  let v = Number(tokens[0]);
  const operands = [v];
  for (let i = 1; i < tokens.length; i += 2) {
    const x = Number(tokens[i + 1]);
    operands.push(x);
    v = tokens[i] === '+' ? v + x : v - x;
  }
  return { truth: v === Number(m[2]), ops: (tokens.length - 1) / 2, error: Number(m[2]) - v, operands };
}

describe('arith claims', () => {
  it('evaluates left to right and formats claims', () => {
    expect(evaluate([37, 48, 12], ['+', '-'])).toBe(73);
    expect(claimText({ operands: [37, 48, 12], ops: ['+', '-'], claimed: 73, truth: true })).toBe('Is 37 + 48 - 12 = 73?');
  });

  it('makes false claims off by a plausible slip', () => {
    const rng = deriveRng(11, 'claims');
    for (let i = 0; i < 500; i++) {
      const c = generateClaim(1 + (i % 6), rng);
      const r = check(claimText(c));
      expect(r.truth).toBe(c.truth);
      if (!c.truth) {
        const slips = [1, 2, 10, ...r.operands.slice(1).map((x) => 2 * x)];
        expect(slips).toContain(Math.abs(r.error));
      }
    }
  });
});

describe('arith task', () => {
  it('labels match the arithmetic, about half true, difficulty = operations', async () => {
    const ds = await arithTask.load({ limit: 2000, seed: 5 });
    expect(ds.classes).toEqual(['false', 'true']);
    expect(ds.examples).toHaveLength(2000);
    let trues = 0;
    for (const e of ds.examples) {
      const r = check(e.text!);
      expect(e.label).toBe(r.truth ? 1 : 0);
      expect(e.difficulty).toBe(r.ops);
      trues += e.label;
    }
    expect(trues / 2000).toBeGreaterThan(0.45);
    expect(trues / 2000).toBeLessThan(0.55);
    expect(new Set(ds.examples.map((e) => e.text)).size).toBe(2000);
    const byDifficulty = new Set(ds.examples.map((e) => e.difficulty));
    expect([...byDifficulty].sort()).toEqual([1, 2, 3, 4, 5, 6]);
    const easy = ds.examples.filter((e) => e.difficulty! <= ARITH_EASY_MAX).length / 2000;
    expect(easy).toBeGreaterThan(0.75);
    expect(easy).toBeLessThan(0.85);
  });

  it('is deterministic by seed', async () => {
    const a = await arithTask.load({ limit: 100, seed: 1 });
    const b = await arithTask.load({ limit: 100, seed: 1 });
    const c = await arithTask.load({ limit: 100, seed: 2 });
    expect(a.examples.map((e) => e.text)).toEqual(b.examples.map((e) => e.text));
    expect(a.examples.map((e) => e.text)).not.toEqual(c.examples.map((e) => e.text));
    expect((await arithTask.load()).examples).toHaveLength(8000);
  });

  it('easy-to-hard split: weak side easy, test harder, ood_test hardest', async () => {
    const ds = await arithTask.load({ limit: 3000, seed: 0 });
    const s = splitDataset(ds, { seed: 4 });
    for (const k of ['weak_train', 'transfer', 'val'] as const) {
      expect(s[k].length).toBeGreaterThan(0);
      expect(s[k].every((e) => e.difficulty! <= ARITH_EASY_MAX)).toBe(true);
    }
    expect(s.test.every((e) => e.difficulty! > ARITH_EASY_MAX && e.difficulty! < 6)).toBe(true);
    expect(s.ood_test!.every((e) => e.difficulty === 6)).toBe(true);
    expect(s.test.length).toBeGreaterThan(300);
    expect(s.ood_test!.length).toBeGreaterThan(80);
  });
});
