/**
 * `w2s run --strong hf:DIR` end to end on a model folder the test writes (a tiny BERT
 * export, a WordPiece tokenizer.json): the usual JSON summary, and clear errors for
 * a folder that is missing or lacks tokenizer.json.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeTinyHfFolder } from '../models/hf/tiny_folder.js';
import { runCli } from './testing.js';

const dir = mkdtempSync(join(tmpdir(), 'w2s-cli-hf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function w2s(args: string[]) {
  return runCli(args, { cwd: dir });
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

  it('fine-tunes the imported encoder with --student finetune: table, JSON and report say how each model was trained', async () => {
    const store = join(dir, 'ft.db');
    const args = ['--pretrain-steps', '5', 'run', '--task', 'spam', '--limit', '300', '--seeds', '1', '--strong', `hf:${model},max_len=48`, '--student', 'finetune', '--finetune-epochs', '2', '--cache', join(dir, 'cache'), '--store', store, '--samples', '100'];
    const r = await w2s([...args, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.student).toBe('finetune');
    for (const k of ['weak_acc', 'ceiling_acc', 'transfer_acc']) expect(out[k]).toBeGreaterThan(0.3);
    expect(r.stderr).toContain('students fine-tuned');
    const table = await w2s(args);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toContain(`xs -> hf:${model},max_len=48 (fine-tuned)`);
    const report = await w2s(['report', '--store', store, '--out', join(dir, 'report'), '--samples', '100']);
    expect(report.code, report.stderr).toBe(0);
    expect(existsSync(join(dir, 'report', 'report.html'))).toBe(true);
    const html = readFileSync(join(dir, 'report', 'report.html'), 'utf8');
    expect(html).toContain('(fine-tuned)');
    expect(html).toContain('fine-tune the whole encoder with a head');
  }, 600_000);

  it('a bad folder or option is a usage error naming the problem', async () => {
    const missing = await w2s([...base, '--strong', `hf:${join(dir, 'nowhere')}`]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('no such folder; give a local model folder');
    const badOpt = await w2s([...base, '--strong', `hf:${model},pooling=max`]);
    expect(badOpt.code).not.toBe(0);
    expect(badOpt.stderr).toContain('pooling=max is not one of mean, cls, last');
  }, 120_000);
});
