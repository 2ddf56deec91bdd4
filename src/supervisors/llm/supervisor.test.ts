import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { TASK_PROMPTS } from './prompt.js';
import { llmSupervisor, type LlmSupervisorOptions } from './supervisor.js';
import { chatCompletion, llamaCompletion, startFakeLlm, type FakeLlm, type FakeReply, type FakeRequest } from './test-server.js';

const dir = mkdtempSync(join(tmpdir(), 'w2s-llm-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let server: FakeLlm | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

const CLASSES = ['ham', 'spam'];
const examples = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `e${i}`, text: i % 2 ? `WIN FREE money now ${i}` : `meeting notes for tuesday ${i}` }));
const fast = { retries: 3, timeoutMs: 2000, baseDelayMs: 5, maxDelayMs: 20 };
const userText = (r: FakeRequest): string => r.body.messages?.[1]?.content ?? r.body.prompt;

/** Spam-ish texts get most mass on "spam" (split over two spellings), the rest on "ham" and a stray token. */
const answerFor = (r: FakeRequest): Record<string, number> => (userText(r).includes('FREE') ? { spam: 0.6, ' Spam': 0.1, ham: 0.2, The: 0.1 } : { ham: 0.7, spam: 0.1, '\n': 0.2 });

async function serve(reply: (r: FakeRequest) => FakeReply) {
  server = await startFakeLlm(reply);
  return server;
}
const sup = (s: FakeLlm, o: Partial<LlmSupervisorOptions> = {}) =>
  llmSupervisor({ endpoint: `${s.origin}/v1`, model: 'tiny', template: TASK_PROMPTS.spam, retry: fast, ...o });

describe('llmSupervisor against an OpenAI-compatible endpoint', () => {
  it('labels with the label tokens\' first-token probabilities renormalised over the label set', async () => {
    const s = await serve((r) => ({ json: chatCompletion(answerFor(r)) }));
    const probs = await sup(s).label(examples(2), CLASSES);
    // ham-like: ham 0.7, spam 0.1 ("\n" is not a label) -> 0.875 / 0.125; spam-like: spam 0.6 + 0.1, ham 0.2 -> 0.2/0.9, 0.7/0.9.
    expect(Array.from(probs)).toEqual([0.875, 0.125, 0.2 / 0.9, 0.7 / 0.9].map(Math.fround));
    const body = s.requests[0].body;
    expect(s.requests[0].path).toBe('/v1/chat/completions');
    expect(body).toMatchObject({ model: 'tiny', max_tokens: 1, temperature: 0, logprobs: true, top_logprobs: 20 });
    expect(body.messages[1].content).toContain('meeting notes for tuesday 0');
    expect(body.messages[1].content).toContain('ham, spam');
  });

  it('retries a 500 and a 429 (waiting its Retry-After) and bills the answer once', async () => {
    const s = await serve((r) =>
      r.index === 0 ? { json: { error: 'boom' }, status: 500 } : r.index === 1 ? { json: { error: 'slow down' }, status: 429, headers: { 'retry-after': '1' } } : { json: chatCompletion(answerFor(r), { prompt_tokens: 30, completion_tokens: 1 }) },
    );
    const llm = sup(s);
    const t0 = performance.now();
    await llm.label(examples(1), CLASSES);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(990);
    expect(s.requests).toHaveLength(3);
    expect(llm.usage()).toMatchObject({ requests: 3, retries: 2, answers: 1, prompt_tokens: 30, completion_tokens: 1 });
  });

  it('times out a hung request, retries it, and counts only the answer that came back', async () => {
    const s = await serve((r) => (r.index === 0 ? { hang: true } : { json: chatCompletion(answerFor(r)) }));
    const llm = sup(s, { retry: { ...fast, timeoutMs: 200 } });
    const probs = await llm.label(examples(1), CLASSES);
    expect(probs[0]).toBeCloseTo(0.875, 6);
    expect(llm.usage()).toMatchObject({ requests: 2, retries: 1, prompt_tokens: 30, completion_tokens: 1 });
  });

  it('fails after the last retry, naming the URL, the attempts and the last error', async () => {
    const s = await serve(() => ({ hang: true }));
    await expect(sup(s, { retry: { ...fast, timeoutMs: 100, retries: 1 } }).label(examples(1), CLASSES)).rejects.toThrow(/chat\/completions: failed after 2 attempts; last: no response within 0.1 s \(--llm-timeout\)/);
    await server!.close();
    const t = await serve(() => ({ json: { error: { message: 'overloaded' } }, status: 503 }));
    await expect(sup(t, { retry: { ...fast, retries: 2 } }).label(examples(1), CLASSES)).rejects.toThrow(/failed after 3 attempts; last: HTTP 503: .*overloaded/);
    expect(t.requests).toHaveLength(3);
  });

  it('does not retry a 401 and says where the key goes', async () => {
    const s = await serve(() => ({ json: { error: 'bad key' }, status: 401 }));
    await expect(sup(s).label(examples(1), CLASSES)).rejects.toThrow(/HTTP 401: .*bad key.*W2S_LLM_API_KEY/);
    expect(s.requests).toHaveLength(1);
  });

  it('sends the API key as a bearer token', async () => {
    const seen: string[] = [];
    const s = await serve((r) => ({ json: chatCompletion(answerFor(r)) }));
    const origFetch = globalThis.fetch;
    globalThis.fetch = (async (url: string, init: RequestInit) => {
      seen.push(String((init.headers as Record<string, string>).authorization));
      return origFetch(url, init);
    }) as typeof fetch;
    try {
      await sup(s, { apiKey: 'sk-test' }).label(examples(1), CLASSES);
    } finally {
      globalThis.fetch = origFetch;
    }
    expect(seen).toEqual(['Bearer sk-test']);
  });

  it('names the missing field when the endpoint returns no logprobs, and rejects malformed JSON', async () => {
    const s = await serve((r) => (r.index === 0 ? { json: { choices: [{ message: { content: 'spam' }, logprobs: null }] } } : { raw: '{"choices": [' }));
    await expect(sup(s).label(examples(1), CLASSES)).rejects.toThrow(/no "choices\[0\]\.logprobs": the endpoint did not return log-probabilities.*llama-server/);
    await expect(sup(s).label(examples(1), CLASSES)).rejects.toThrow(/malformed JSON in the response/);
  });

  it('is an error naming the label and the fix when the tokenizer splits a label word', async () => {
    const s = await serve(() => ({ json: chatCompletion({ pos: 0.5, neg: 0.4, The: 0.1 }) }));
    await expect(sup(s).label(examples(1), ['negative', 'positive'])).rejects.toThrow(/label word "positive" is split by the model's tokenizer: its first answer token for example e0 was "pos".*--label-words/);
    const probs = await sup(s, { labelWords: ['neg', 'pos'] }).label(examples(1), ['negative', 'positive']);
    expect(Array.from(probs).map((p) => +p.toFixed(4))).toEqual([0.4444, 0.5556]);
  });

  it('labels an off-format answer uniform and counts it; all off-format is an error', async () => {
    const s = await serve((r) => ({ json: chatCompletion(userText(r).includes('FREE') ? { Sure: 0.9, The: 0.1 } : { ham: 0.9, spam: 0.1 }) }));
    const llm = sup(s);
    const probs = await llm.label(examples(2), CLASSES);
    expect(Array.from(probs.subarray(2))).toEqual([0.5, 0.5]);
    expect(llm.usage().unanswered).toBe(1);
    await expect(llm.label([examples(2)[1]], CLASSES)).rejects.toThrow(/answered none of 1 examples with a label word \(ham, spam\); its first tokens were e\.g\. "Sure", "The".*--prompt FILE/);
  });

  it('caches answers on disk: a rerun sends no request and costs nothing', async () => {
    const s = await serve((r) => ({ json: chatCompletion(answerFor(r), { prompt_tokens: 25, completion_tokens: 1 }) }));
    const cacheDir = join(dir, 'cache-rerun');
    const first = sup(s, { cacheDir, price: { prompt: 0.5, completion: 2 } });
    const a = await first.label(examples(6), CLASSES);
    expect(s.requests).toHaveLength(6);
    expect(first.usage()).toMatchObject({ requests: 6, cached: 0, prompt_tokens: 150, completion_tokens: 6, cost_usd: (150 * 0.5 + 6 * 2) / 1000 });
    const again = sup(s, { cacheDir, price: { prompt: 0.5, completion: 2 } });
    expect(Array.from(await again.label(examples(6), CLASSES))).toEqual(Array.from(a));
    expect(s.requests).toHaveLength(6);
    expect(again.usage()).toMatchObject({ requests: 0, answers: 6, cached: 6, prompt_tokens: 0, cost_usd: 0 });
    // Another model or prompt is another key.
    await sup(s, { cacheDir, model: 'other' }).label(examples(1), CLASSES);
    expect(s.requests).toHaveLength(7);
  });

  it('never has more requests open than the concurrency limit', async () => {
    const s = await serve((r) => ({ json: chatCompletion(answerFor(r)), delayMs: 40 }));
    await sup(s, { concurrency: 3 }).label(examples(12), CLASSES);
    expect(s.requests).toHaveLength(12);
    expect(s.maxInFlight).toBe(3);
  });

  it('is named by model and a hash of what determines its labels', () => {
    const a = llmSupervisor({ endpoint: 'http://h/v1', model: 'tiny', template: TASK_PROMPTS.spam });
    const b = llmSupervisor({ endpoint: 'http://h/v1', model: 'tiny', template: TASK_PROMPTS.reviews });
    expect(a.name).toMatch(/^llm:tiny#[0-9a-f]{8}$/);
    expect(b.name).not.toBe(a.name);
  });
});

describe('llmSupervisor against llama.cpp\'s /completion', () => {
  const llama = (format: 'current' | 'legacy', counts: Record<string, number> = {}) =>
    serve((r) => {
      if (r.path === '/tokenize') return { json: { tokens: Array.from({ length: counts[r.body.content.trim()] ?? 1 }, (_, i) => i) } };
      return { json: llamaCompletion(answerFor(r), format === 'legacy') };
    });

  it.each(['current', 'legacy'] as const)('asks with n_probs and reads completion_probabilities (%s format)', async (format) => {
    const s = await llama(format);
    const llm = llmSupervisor({ endpoint: `${s.origin}/completion`, model: 'any', template: TASK_PROMPTS.spam, retry: fast });
    const probs = await llm.label(examples(2), CLASSES);
    expect(Array.from(probs).map((p) => +p.toFixed(5))).toEqual([0.875, 0.125, 0.22222, 0.77778]);
    const completion = s.requests.find((r) => r.path === '/completion')!;
    expect(completion.body).toMatchObject({ n_predict: 1, n_probs: 20 });
    expect(completion.body.prompt).toMatch(/meeting notes for tuesday 0[\s\S]*\nAnswer:$/);
    expect(llm.usage()).toMatchObject({ prompt_tokens: 80, completion_tokens: 2 });
  });

  it('checks the label words with /tokenize before asking anything', async () => {
    const s = await llama('current', { spam: 2 });
    const llm = llmSupervisor({ endpoint: `${s.origin}/completion`, model: 'any', template: TASK_PROMPTS.spam, retry: fast });
    await expect(llm.label(examples(2), CLASSES)).rejects.toThrow(/label word "spam" is 2 tokens under the model's tokenizer \(.*\/tokenize\).*--label-words/);
    expect(s.requests.every((r) => r.path === '/tokenize')).toBe(true);
  });
});
