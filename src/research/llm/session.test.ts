/**
 * The session loop's guarantees, against scripted wire-format servers: hard limits on
 * tokens, dollars and time stop it cleanly; a malformed tool call comes back as an error
 * the model reads; a 429 is retried and counted once; usage is what the server reported.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { W2sClient } from '../../server/client.js';
import { makeResearcher, type ResearchBudget, type ResearcherContext } from '../researcher.js';
import './index.js';
import { scriptedLlm, lastToolResults, type ScriptStep, type ScriptedLlm, type WireFormat } from './testing.js';

/** These sessions never reach the server: the opening only lists earlier submissions. */
const offlineClient = { mySubmissions: async () => [] } as unknown as W2sClient;

let llm: ScriptedLlm | undefined;
afterEach(async () => llm?.close());

function context(budget: Partial<ResearchBudget>, signal = new AbortController().signal): ResearcherContext {
  return {
    client: offlineClient, challenge: 'toy', name: 'r-1', direction: 'probes', workDir: mkdtempSync(join(tmpdir(), 'w2s-llm-session-')),
    budget: { deadline: Date.now() + 60_000, ...budget }, seeds: 5, log: () => {}, signal,
  };
}

async function research(format: WireFormat, script: ScriptStep[], budget: Partial<ResearchBudget>, options: Record<string, string> = {}, signal?: AbortSignal) {
  llm = await scriptedLlm(format, script);
  const ctx = context(budget, signal);
  const result = await makeResearcher(format, { url: llm.url, model: 'scripted', keyEnv: 'W2S_TEST_KEY', retryBaseMs: '10', ...options }).run(ctx);
  const events = readFileSync(join(ctx.workDir, 'transcripts', 'session-1.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  return { result, events, requests: llm.requests };
}

const forever = (turn: ScriptStep, n = 50): ScriptStep[] => Array.from({ length: n }, () => turn);
const readNotebook = { calls: [{ name: 'read_notebook' }], usage: { input: 1000, output: 100 } };
process.env.W2S_TEST_KEY = 'sk-test';

describe.each<WireFormat>(['openai', 'anthropic'])('the %s session loop', (format) => {
  const maxTokensOf = (body: any) => body.max_tokens;

  it('stops at the token limit, caps the last response to the tokens left and runs none of its calls', async () => {
    const { result, events, requests } = await research(format, forever(readNotebook), { maxTokens: 2500 });
    expect(result.stopped).toBe('tokens');
    expect(requests).toHaveLength(3);
    expect(requests.map((r) => maxTokensOf(r.body))).toEqual([2500, 2500 - 1100, 2500 - 2200]); // never more than the tokens left
    expect(result.cost).toMatchObject({ tokensIn: 3000, tokensOut: 300, usd: 0 });
    expect(events.filter((e) => e.type === 'tool')).toHaveLength(2); // the third response crossed the limit
    expect(events.at(-1)).toMatchObject({ type: 'end', stopped: 'tokens' });
  });

  it('stops at the cost limit, priced from the per-token prices', async () => {
    // Each response: 1000 in at $10/M + 100 out at $50/M = $0.015.
    const { result, requests } = await research(format, forever(readNotebook), { maxCostUsd: 0.04 }, { inputUsdPerMTok: '10', outputUsdPerMTok: '50' });
    expect(result.stopped).toBe('cost');
    expect(result.cost.usd).toBeCloseTo(0.045, 12);
    expect(requests.map((r) => maxTokensOf(r.body))).toEqual([800, 500, 200]); // what the dollars left buy at $50/M: $0.04, $0.025, $0.01
  });

  it('stops at the deadline, also in the middle of a slow response', async () => {
    const t0 = Date.now();
    const { result, events } = await research(format, forever({ ...readNotebook, delayMs: 5_000 }), { deadline: Date.now() + 600 });
    expect(result.stopped).toBe('time');
    expect(Date.now() - t0).toBeLessThan(4_000);
    expect(result.cost.wallSeconds).toBeLessThan(4);
    expect(events.at(-1)).toMatchObject({ type: 'end', stopped: 'time' });
  });

  it('stops when the run is aborted', async () => {
    const ac = new AbortController();
    const script: ScriptStep[] = [readNotebook, () => (ac.abort(), readNotebook), ...forever(readNotebook)];
    const { result } = await research(format, script, {}, {}, ac.signal);
    expect(result.stopped).toBe('aborted');
  });

  it('answers a malformed tool call with an error the model reads, and carries on', async () => {
    const bad = [
      { name: 'rm_rf', args: { path: '/' } },
      { name: 'write_notebook', args: { content: 42 } },
      { name: 'write_method', args: { file: '../../escape.ts', source: 'export default {}' } },
      ...(format === 'openai' ? [{ name: 'read_method', raw: '{"file": "a.ts"' }] : []),
    ];
    let seen: string[] = [];
    const { result, events } = await research(format, [{ calls: bad }, (r) => ((seen = r), { calls: [{ name: 'finish', args: { summary: 'done' } }] })], {});
    expect(result.stopped).toBe('done');
    expect(seen[0]).toMatch(/^error: there is no tool named "rm_rf"; the tools are: read_challenge, /);
    expect(seen[1]).toMatch(/^error: wrong arguments for write_notebook:\n✖ Invalid input: expected string, received number\n  → at content/);
    expect(seen[2]).toMatch(/^error: write_method failed: method file "..\/..\/escape.ts" is not allowed/);
    if (format === 'openai') expect(seen[3]).toMatch(/^error: the arguments of read_method are not valid JSON .*send one JSON object, e.g. \{"file":"…"\}/);
    expect(events.filter((e) => e.type === 'tool').every((e, i) => i === bad.length || e.result.isError)).toBe(true);
  });

  it('retries a 429 (honouring retry-after) and a 503, and counts the answer once', async () => {
    const script: ScriptStep[] = [{ status: 429, retryAfter: '0' }, { status: 503 }, { calls: [{ name: 'finish', args: { summary: 'ok' } }], usage: { input: 500, output: 50 } }];
    const { result, events, requests } = await research(format, script, {});
    expect(result.stopped).toBe('done');
    expect(requests).toHaveLength(3);
    expect(events.filter((e) => e.type === 'http').map((e) => e.status)).toEqual([429, 503, 200]);
    expect(events.filter((e) => e.type === 'response')).toHaveLength(1);
    expect(result.cost).toMatchObject({ tokensIn: 500, tokensOut: 50 });
  });

  it('does not retry a refused request, and stops with its message', async () => {
    const { result, requests } = await research(format, [{ status: 400 }], {});
    expect(result.stopped).toBe('error');
    expect(result.error).toMatch(/answered 400: .*scripted 400/);
    expect(requests).toHaveLength(1);
  });

  it('cuts the conversation back to a fresh opening when the prompt outgrows contextTokens', async () => {
    const big = { calls: [{ name: 'read_notebook' }], usage: { input: 1500, output: 10 } };
    const { requests } = await research(format, [readNotebook, big, { calls: [{ name: 'finish', args: { summary: 'ok' } }] }], {}, { contextTokens: '1200' });
    const turns = (body: any) => body.messages.filter((m: any) => m.role !== 'system');
    expect(turns(requests[1].body).length).toBeGreaterThan(1);
    expect(turns(requests[2].body)).toHaveLength(1);
    expect(JSON.stringify(turns(requests[2].body)[0])).toContain('Your conversation was cut to save context');
  });

  it('nudges a reply without tool calls once, and ends after the second', async () => {
    const { result, requests } = await research(format, [{ text: 'I think I will ponder.' }, { text: 'Still pondering.' }], {});
    expect(result.stopped).toBe('done');
    expect(requests).toHaveLength(2);
    const last = requests[1].body.messages.at(-1);
    expect(JSON.stringify(last)).toContain('Continue with a tool call');
    expect(lastToolResults(format, requests[1].body)).toEqual([]);
  });
});

describe('an OpenAI-compatible server that reports no usage', () => {
  it('has its tokens estimated from the characters sent and received, marked as estimated', async () => {
    const { result, events, requests } = await research('openai', [{ calls: [{ name: 'finish', args: { summary: 'ok' } }], usage: null }], { maxTokens: 1e6 });
    const sent = JSON.stringify(requests[0].body.messages).length + JSON.stringify(requests[0].body.tools).length;
    expect(result.cost.tokensIn).toBeGreaterThanOrEqual(Math.floor(sent / 4) - 2);
    expect(result.cost.tokensIn).toBeLessThanOrEqual(Math.ceil(sent / 4) + 2);
    expect(result.cost.tokensOut).toBeGreaterThan(0);
    expect(events.find((e) => e.type === 'response').usage.estimated).toBe(true);
  });
});
