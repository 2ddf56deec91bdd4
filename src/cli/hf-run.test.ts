/**
 * `w2s run --strong hf:DIR` end to end on a model folder the test writes (a tiny BERT
 * export, a WordPiece tokenizer.json): the usual JSON summary, and clear errors for
 * a folder that is missing or lacks tokenizer.json.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeTinyHfFolder } from '../models/hf/tiny_folder.js';

const BIN = resolve(import.meta.dirname, '../../bin/w2s.js');
const dir = mkdtempSync(join(tmpdir(), 'w2s-cli-hf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function w2s(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

describe('w2s run --strong hf:DIR', () => {
  const model = join(dir, 'tiny-bert');
  writeTinyHfFolder(model, { config: { maxPositions: 128 } });
  const base = ['run', '--task', 'spam', '--limit', '400', '--seeds', '1', '--weak', 'rules', '--cache', join(dir, 'cache'), '--store', join(dir, 'runs.db')];

  it('runs the experiment on the folder’s features and prints the JSON summary', async () => {
    const r = await w2s([...base, '--strong', `hf:${model},max_len=64`, '--json', '--samples', '100']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.strong).toBe(`hf:${model},max_len=64`);
    for (const k of ['weak_acc', 'ceiling_acc', 'transfer_acc']) expect(out[k]).toBeGreaterThan(0.3);
  }, 300_000);

  it('a bad folder or option is a usage error naming the problem', async () => {
    const missing = await w2s([...base, '--strong', `hf:${join(dir, 'nowhere')}`]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('no such folder; give a local model folder');
    const badOpt = await w2s([...base, '--strong', `hf:${model},pooling=max`]);
    expect(badOpt.code).not.toBe(0);
    expect(badOpt.stderr).toContain('pooling=max is not one of mean, cls, last');
  }, 120_000);
});
