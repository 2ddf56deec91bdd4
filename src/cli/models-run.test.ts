/**
 * `w2s models` lists the model kinds and what is installed; `--weak`/`--strong`
 * names are parsed through the registry (clear usage errors); the n-gram model
 * runs end to end as the weak and as the strong model (its student is logistic
 * regression on n-grams: a linear probe).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './testing.js';

const dir = mkdtempSync(join(tmpdir(), 'w2s-cli-models-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const w2s = (args: string[]) => runCli(args, { cwd: dir, env: { HF_HUB_CACHE: join(dir, 'no-hub') } });
const base = ['run', '--task', 'spam', '--limit', '300', '--seeds', '1', '--samples', '100', '--cache', join(dir, 'cache'), '--store', join(dir, 'runs.db')];

describe('w2s models', () => {
  it('lists the ladder, every kind with its data and fine-tunability, and what is installed', async () => {
    const r = await w2s(['models']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^xs\s+d=16, 1 layer/m);
    expect(r.stdout).toMatch(/^ladder\s+xs\|s\|m\|l\s+text\s+yes\s+/m);
    expect(r.stdout).toMatch(/^ngram\s+ngram\[,dim=N\]\s+text\s+no\s+/m);
    expect(r.stdout).toMatch(/^hf\s+hf:DIR\[,pooling=mean\|cls\|last\]\[,max_len=N\]\[,file=PATH\]\s+text\s+yes\s+/m);
    expect(r.stdout).toMatch(/^proj\s+projN\s+features\s+no\s+/m);
    expect(r.stdout).toContain(`hf: no HF cache at ${join(dir, 'no-hub')}`);
    const j = JSON.parse((await w2s(['models', '--json'])).stdout);
    expect(j.kinds.map((k: { kind: string }) => k.kind)).toEqual(['ladder', 'ngram', 'hf', 'raw', 'proj', 'file']);
    expect(j.ladder.map((m: { name: string }) => m.name)).toEqual(['xs', 's', 'm', 'l']);
  });
});

describe('model names on the command line', () => {
  it('a bad --strong or --weak is a usage error naming the value, the kinds and an example', async () => {
    const huge = await w2s([...base, '--strong', 'huge']);
    expect(huge.code).toBe(2);
    expect(huge.stderr).toMatch(/--strong: unknown model "huge"; the models for text data are: xs\|s\|m\|l \(e\.g\. l\), ngram\[,dim=N\] \(e\.g\. ngram\), hf:DIR/);
    const raw = await w2s([...base, '--weak', 'raw']);
    expect(raw.code).toBe(2);
    expect(raw.stderr).toContain('model "raw" (raw) applies to feature-matrix data, not to text data');
    const typo = await w2s([...base, '--weak', 'rulez']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/--weak rulez: neither a supervisor \(rules, labels:FILE, llm:URL, gguf:FILE; see `w2s supervisors`\) nor a model: unknown model "rulez"/);
  });

  it('--weak ngram,dim=64 --strong ngram runs end to end: classical models on both sides, the usual JSON', async () => {
    const r = await w2s([...base, '--weak', 'ngram,dim=64', '--strong', 'ngram,dim=2048', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect([out.weak, out.strong]).toEqual(['ngram,dim=64', 'ngram']); // the canonical name: dim=2048 is the default
    expect([out.weak_params, out.strong_params]).toEqual([64, 2048]);
    for (const k of ['weak_acc', 'ceiling_acc']) expect(out[k]).toBeGreaterThan(0.6);
    expect(out.ceiling_acc).toBeGreaterThan(out.weak_acc);
    // The student learns from ~100 weak labels on 2048 n-gram columns: a real number, not necessarily a good one.
    expect(out.transfer_acc).toBeGreaterThan(0.3);
    expect(out.transfer_acc).toBeLessThan(1);
    const again = JSON.parse((await w2s([...base, '--weak', 'ngram,dim=64', '--strong', 'ngram', '--json'])).stdout);
    expect(again.seeds[0].reused).toBe(true);
  }, 240_000);

  it('--weak ngram supervises a ladder model (classical → neural)', async () => {
    const r = await w2s(['--pretrain-steps', '5', ...base, '--weak', 'ngram', '--strong', 'xs', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect([out.weak, out.strong]).toEqual(['ngram', 'xs']);
    expect(out.weak_acc).toBeGreaterThan(0.6);
  }, 240_000);
});
