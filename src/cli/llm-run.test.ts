/**
 * `w2s run --weak llm:URL` end to end: the CLI in a child process against a
 * fake OpenAI-compatible server in this process (127.0.0.1, a free port).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatCompletion, startFakeLlm, type FakeLlm } from '../supervisors/llm/test-server.js';
import { runCli } from './testing.js';

const dir = mkdtempSync(join(tmpdir(), 'w2s-llm-cli-'));
const cache = join(dir, 'cache');
let server: FakeLlm;
/** prompt_tokens the server billed, summed over the answers it sent. */
let billed = 0;

beforeAll(async () => {
  server = await startFakeLlm((r) => {
    const text: string = r.body.messages[1].content;
    const promptTokens = text.split(/\s+/).length;
    billed += promptTokens;
    const spammy = /free|\$|click|http|!/i.test(text.slice(text.indexOf('Email:')));
    return { json: chatCompletion(spammy ? { spam: 0.7, ham: 0.2, The: 0.1 } : { ham: 0.6, spam: 0.3, '\n': 0.1 }, { prompt_tokens: promptTokens, completion_tokens: 1 }) };
  });
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

function w2s(args: string[]) {
  return runCli(['--pretrain-steps', '30', ...args], { cwd: dir });
}

const run = (store: string, ...more: string[]) =>
  w2s(['run', '--task', 'spam', '--limit', '260', '--weak', `llm:${server.origin}/v1`, '--weak-model', 'tiny', '--strong', 'xs', '--seeds', '1', '--samples', '200', '--cost-per-1k-tokens', '0.5', '--cache', cache, '--store', store, ...more]);

describe('w2s run --weak llm:URL', () => {
  it('labels with the LLM, prints the table and accounts for its tokens and cost', async () => {
    const store = join(dir, 'a.db');
    const r = await run(store);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/PGR fixed/);
    expect(r.stdout).toMatch(/spam\s+llm:tiny#[0-9a-f]{8} -> xs \(fine-tuned\)\s+vanilla\s+1/);
    const chats = server.requests.filter((q) => q.path === '/v1/chat/completions');
    expect(chats.length).toBeGreaterThan(100); // transfer, val, test (and ood_test) of 260 examples; weak_train is never asked
    expect(chats.every((q) => q.body.model === 'tiny' && q.body.logprobs === true)).toBe(true);
    const line = `${chats.length} requests (0 retried), 0 of ${chats.length} answers from the cache, ${billed.toLocaleString('en-US')} prompt + ${chats.length} completion tokens, $${((billed + chats.length) * 0.5 / 1000).toFixed(4)}`;
    expect(r.stdout).toContain(`this run: ${line}`);
    expect(r.stderr).toContain(`seed 0: weak supervisor llm:tiny#`);
    // The run record holds the accounting.
    const db = new Database(store, { readonly: true });
    const metrics = JSON.parse((db.prepare('SELECT metrics_json FROM runs').get() as { metrics_json: string }).metrics_json);
    db.close();
    expect(metrics.weak_usage).toMatchObject({ requests: chats.length, prompt_tokens: billed, completion_tokens: chats.length });
    expect(metrics.weak_usage.cost_usd).toBeCloseTo(((billed + chats.length) * 0.5) / 1000, 10);
  }, 240_000);

  it('reruns into a new store without asking the LLM again (the answers and weak labels are cached)', async () => {
    const before = server.requests.length;
    const r = await run(join(dir, 'b.db'), '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(server.requests.length).toBe(before);
    const out = JSON.parse(r.stdout);
    expect(out.weak).toMatch(/^llm:tiny#/);
    expect(out.weak_usage).toMatchObject({ requests: 0, prompt_tokens: 0, cost_usd: 0 });
  }, 240_000);
});

describe('w2s run --extra-supervisor llm:URL', () => {
  it('asks the LLM about transfer and val only, hands its labels to a combining method, and accounts for it under extra_usage', async () => {
    const before = server.requests.length;
    // A cache of its own, so that every answer is asked for here.
    const args = ['run', '--task', 'spam', '--limit', '260', '--strong', 'xs', '--method', 'ensemble_labelmodel', '--extra-supervisor', `llm:${server.origin}/v1`, '--weak-model', 'tiny', '--seeds', '1', '--samples', '200', '--cache', join(dir, 'cache-extra'), '--store', join(dir, 'c.db')];
    const r = await w2s([...args, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.weak).toBe('xs');
    const asked = server.requests.length - before;
    const usage = Object.entries(out.extra_usage as Record<string, { requests: number; prompt_tokens: number }>);
    expect(usage).toHaveLength(1);
    expect(usage[0][0]).toMatch(/^llm:tiny#[0-9a-f]{8}$/);
    expect(usage[0][1].requests).toBe(asked);
    // Transfer and val only: fewer rows than the weak supervisor's run above, which labels test and ood_test too.
    const firstRun = server.requests.filter((q) => q.index < before && q.path === '/v1/chat/completions').length;
    expect(asked).toBeGreaterThan(0);
    expect(asked).toBeLessThan(firstRun);
    expect(out.transfer_acc).toBeGreaterThan(0.5);
    // The table says what it cost; a rerun is stored and asks nothing.
    const again = await w2s(args.map((a) => (a.endsWith('c.db') ? join(dir, 'd.db') : a)));
    expect(again.code, again.stderr).toBe(0);
    expect(server.requests.length).toBe(before + asked);
    expect(again.stdout).toMatch(/Extra supervisor llm:tiny#[0-9a-f]{8}, this run: 0 requests/);
  }, 240_000);
});

describe('w2s run --weak: bad supervisor usage', () => {
  const gguf = join(dir, 'model.gguf');
  writeFileSync(gguf, 'GGUF');
  it.each([
    [['--weak', 'llm:http://127.0.0.1:9/v1'], /--weak llm:http:\/\/127\.0\.0\.1:9\/v1 needs --weak-model NAME/],
    [['--weak', 'llm:nowhere', '--weak-model', 'm'], /"nowhere" is not a URL/],
    [['--weak', 'xs', '--weak-model', 'm'], /--weak-model applies to llm:URL supervisors, not to --weak xs/],
    [['--weak', 'gguf:missing.gguf'], /gguf:missing\.gguf: no such file/],
    [['--weak', `gguf:${gguf}`], /not installed; install it with `npm i -E node-llama-cpp@3\.21\.1`/],
    [['--weak', 'llm:http://127.0.0.1:9/v1', '--weak-model', 'm', '--label-words', 'a,b,c'], /--label-words gives 3 words for 2 classes/],
    [['--weak', 'llm:http://127.0.0.1:9/v1', '--weak-model', 'm', '--cost-per-1k-tokens', 'free'], /--cost-per-1k-tokens expects/],
  ])('%j is one line on stderr and exit code 2', async (args, message) => {
    const r = await w2s(['run', '--task', 'spam', ...(args as string[])]);
    expect(r.stderr).toMatch(message as RegExp);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('w2s supervisors lists the kinds', async () => {
    const r = await w2s(['supervisors']);
    expect(r.code).toBe(0);
    for (const k of ['rules', 'labels:FILE', 'llm:URL', 'gguf:FILE', 'MODEL']) expect(r.stdout).toMatch(new RegExp(`^${k}\\s`, 'm'));
    expect(r.stdout).toMatch(/flags: --weak-model --prompt --label-words/);
  });
});
