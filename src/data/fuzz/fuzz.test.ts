import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { concat, npyBytes, safetensorsBytes, tempDir } from '../fixtures.js';
import { fuzzCase } from './cases.js';
import { runCase, type Outcome, type OutcomeKind } from './check.js';

/** Cases per run: bounded so the test stays well under a minute; W2S_FUZZ_CASES raises it (bench/data-fuzz.ts runs 10,000). */
const CASES = Number(process.env.W2S_FUZZ_CASES ?? 480);
const root = tempDir('w2s-fuzz-');
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('data boundary fuzz (seeded)', () => {
  it(`${CASES} mutated files: every outcome is the file's own labels or a DataError naming the file`, async () => {
    const counts: Record<OutcomeKind, number> = { accepted: 0, refused: 0, silent: 0, raw: 0, unverified: 0 };
    const bad: Outcome[] = [];
    for (let seed = 0; seed < CASES; seed++) {
      const o = await runCase(fuzzCase(seed), root);
      counts[o.kind]++;
      if (o.kind === 'silent' || o.kind === 'raw') bad.push(o);
    }
    const show = bad.slice(0, 5).map((o) => `seed ${o.fuzz.seed} ${o.fuzz.format}/${o.fuzz.mutation}: ${o.kind}: ${o.detail}`);
    expect(show).toEqual([]);
    expect(counts.accepted).toBeGreaterThan(CASES / 10);
    expect(counts.refused).toBeGreaterThan(CASES / 3);
    expect(counts.unverified).toBeLessThan(CASES / 20);
  });
});

describe('the CLI on bad data', () => {
  const cli = join(process.cwd(), 'bin/w2s.js');
  const store = join(root, 'cli.db');
  const run = (args: string[]) =>
    new Promise<{ status: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [cli, 'run', ...args, '--store', store, '--cache', join(root, 'cache')], { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      child.on('close', (status) => resolve({ status, stderr }));
    });
  const dir = join(root, 'cli');
  mkdirSync(dir, { recursive: true });
  const write = (name: string, content: string | Uint8Array) => {
    writeFileSync(join(dir, name), content);
    return join(dir, name);
  };
  const rows = (label: (i: number) => string) => Array.from({ length: 240 }, (_, i) => `{"text": "w${i % 7}", "label": ${label(i)}}`).join('\n');
  const x = () => write('x.npy', npyBytes('<f4', [240, 2], Array.from({ length: 480 }, (_, i) => i % 5)));
  const y = () => write('y.json', JSON.stringify(Array.from({ length: 240 }, (_, i) => i % 2)));

  const cases: [string, () => string[], RegExp][] = [
    ['case-variant class names', () => ['--data', write('case.jsonl', rows((i) => (i === 5 ? '"Spam"' : i % 2 ? '"spam"' : '"ham"')))], /case\.jsonl: classes 'Spam' \(line 6\) and 'spam' \(line 2\) differ only in case/],
    ['invalid UTF-8', () => ['--data', write('latin.csv', Buffer.from([...Buffer.from('text,label\ncaf'), 0xe9, ...Buffer.from(',1\n')]))], /latin\.csv, line 2: invalid UTF-8 at byte 14/],
    ['a NaN label', () => ['--data', write('nan.jsonl', rows((i) => (i === 9 ? 'NaN' : String(i % 2))))], /nan\.jsonl, line 10: label 'label' is NaN \(a missing value\)/],
    ['a bad --weak-labels line', () => ['--data', write('ok.jsonl', rows((i) => String(i % 2))), '--weak-labels', write('weak.jsonl', '{"id": "ok-0", "label": 1}\n{"id": "ok-0", "label": 0}\n')], /weak\.jsonl, line 2: example id 'ok-0' is on line 1 and again here/],
    ['--weak-features that do not line up', () => ['--data', x(), '--labels', y(), '--weak-features', write('w.npy', npyBytes('<f4', [239, 1], new Array(239).fill(1)))], /w\.npy: 239 rows of features for 240 examples/],
    ['overlapping safetensors tensors', () => ['--data', write('o.safetensors', overlapping())], /o\.safetensors: tensors 'features' and 'labels' overlap/],
  ];

  it(`${cases.length} bad inputs: exit 2, one line naming the file and the fix, no stack, nothing written`, async () => {
    const results = await Promise.all(cases.map(([, args]) => run(args())));
    results.forEach((r, i) => {
      const [name, , message] = cases[i];
      expect({ name, status: r.status }).toEqual({ name, status: 2 });
      expect(r.stderr).toMatch(message);
      expect(r.stderr).toMatch(/^w2s: error: /);
      expect(r.stderr).not.toMatch(/^\s+at /m);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    });
    expect(existsSync(store)).toBe(false);
  });
});

/** A valid features/labels file whose labels tensor is moved 4 bytes back into the features. */
function overlapping(): Uint8Array {
  const good = safetensorsBytes({ features: { dtype: 'F32', shape: [240, 1], data: new Array(240).fill(0) }, labels: { dtype: 'I32', shape: [240], data: Array.from({ length: 240 }, (_, i) => i % 2) } });
  const len = Number(new DataView(good.buffer).getBigUint64(0, true));
  const header = JSON.parse(new TextDecoder().decode(good.subarray(8, 8 + len)));
  header.labels.data_offsets = header.labels.data_offsets.map((o: number) => o - 4);
  const json = new TextEncoder().encode(JSON.stringify(header).padEnd(len, ' '));
  return concat([good.subarray(0, 8), json, good.subarray(8 + len)]);
}
