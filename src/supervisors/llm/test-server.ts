/**
 * For tests: a local HTTP server (127.0.0.1, a free port) that speaks the
 * OpenAI-compatible chat-completions wire format with logprobs, and llama.cpp's
 * /completion and /tokenize. Each request is answered by the test's `reply`,
 * which may return an error status, a 429 with Retry-After, malformed JSON, or
 * hang (never answer) to exercise timeouts.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeRequest {
  path: string;
  body: Record<string, any>;
  /** 0-based index of this request among all the server has received. */
  index: number;
}

export type FakeReply =
  | { json: unknown; status?: number; headers?: Record<string, string>; delayMs?: number }
  | { raw: string; status?: number; headers?: Record<string, string>; delayMs?: number }
  | { hang: true };

export interface FakeLlm {
  /** http://127.0.0.1:PORT */
  origin: string;
  requests: FakeRequest[];
  /** Most requests open at once. */
  maxInFlight: number;
  close(): Promise<void>;
}

export async function startFakeLlm(reply: (r: FakeRequest) => FakeReply): Promise<FakeLlm> {
  let inFlight = 0;
  const state: FakeLlm = { origin: '', requests: [], maxInFlight: 0, close: async () => {} };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let data = '';
    req.on('data', (d) => (data += d));
    req.on('end', () => {
      const r: FakeRequest = { path: req.url ?? '', body: data ? JSON.parse(data) : {}, index: state.requests.length };
      state.requests.push(r);
      inFlight++;
      state.maxInFlight = Math.max(state.maxInFlight, inFlight);
      const out = reply(r);
      if ('hang' in out) {
        res.on('close', () => inFlight--);
        return;
      }
      setTimeout(() => {
        inFlight--;
        res.writeHead(out.status ?? 200, { 'content-type': 'application/json', ...out.headers });
        res.end('raw' in out ? out.raw : JSON.stringify(out.json));
      }, out.delayMs ?? 0);
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  state.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () =>
    new Promise<void>((ok) => {
      server.closeAllConnections();
      server.close(() => ok());
    });
  return state;
}

/** An OpenAI chat completion whose first token has these candidates (token → probability). */
export function chatCompletion(top: Record<string, number>, usage = { prompt_tokens: 30, completion_tokens: 1 }): unknown {
  const entries = Object.entries(top).map(([token, p]) => ({ token, logprob: Math.log(p), bytes: [...Buffer.from(token)] }));
  const best = entries.reduce((a, b) => (b.logprob > a.logprob ? b : a));
  return {
    id: 'chatcmpl-test',
    object: 'chat.completion',
    model: 'tiny',
    choices: [{ index: 0, message: { role: 'assistant', content: best.token }, logprobs: { content: [{ ...best, top_logprobs: entries }] }, finish_reason: 'length' }],
    usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
  };
}

/** A llama.cpp /completion response (current format: top_logprobs; `legacy`: probs with tok_str/prob). */
export function llamaCompletion(top: Record<string, number>, legacy = false, tokensEvaluated = 40): unknown {
  const entries = Object.entries(top);
  const best = entries.reduce((a, b) => (b[1] > a[1] ? b : a));
  const first = legacy
    ? { content: best[0], probs: entries.map(([tok_str, prob]) => ({ tok_str, prob })) }
    : { id: 1, token: best[0], logprob: Math.log(best[1]), bytes: [], top_logprobs: entries.map(([token, p], id) => ({ id, token, logprob: Math.log(p), bytes: [] })) };
  return { content: best[0], tokens_evaluated: tokensEvaluated, tokens_predicted: 1, completion_probabilities: [first] };
}
