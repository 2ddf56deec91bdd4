/**
 * Test fixtures: a local HTTP server that speaks an LLM wire format (OpenAI-compatible
 * chat completions or Anthropic Messages) and answers with scripted turns — tool calls,
 * text, usage, error statuses — recording every request it received.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export type WireFormat = 'openai' | 'anthropic';

export interface ScriptedTurn {
  /** Tool calls; `raw` sends the arguments text as given (malformed on purpose). */
  calls?: { name: string; args?: unknown; raw?: string }[];
  text?: string;
  /** null: the answer carries no usage (some OpenAI-compatible servers). */
  usage?: { input: number; output: number } | null;
  /** Answer with this HTTP status instead (429, 500, …) and a retry-after header. */
  status?: number;
  retryAfter?: string;
  delayMs?: number;
}

/** A turn, or a function of the tool results the request carried back (parsed as JSON where they are). */
export type ScriptStep = ScriptedTurn | ((lastResults: string[]) => ScriptedTurn);

export interface ScriptedLlm {
  /** The base URL to give the researcher (`…/v1` for openai, the origin for anthropic). */
  url: string;
  requests: { path: string; headers: IncomingHttpHeaders; body: any }[];
  close(): Promise<void>;
}

/** The texts of the tool results in the request's last turn. */
export function lastToolResults(format: WireFormat, body: any): string[] {
  if (format === 'openai') {
    const out: string[] = [];
    for (let i = body.messages.length - 1; i >= 0 && body.messages[i].role !== 'assistant'; i--) if (body.messages[i].role === 'tool') out.unshift(body.messages[i].content);
    return out;
  }
  const last = body.messages[body.messages.length - 1];
  return Array.isArray(last.content) ? last.content.filter((b: any) => b.type === 'tool_result').map((b: any) => b.content) : [];
}

function answer(format: WireFormat, t: ScriptedTurn, n: number): unknown {
  const usage = t.usage === undefined ? { input: 100, output: 10 } : t.usage;
  const calls = t.calls ?? [];
  if (format === 'openai') {
    return {
      id: `chatcmpl-${n}`, object: 'chat.completion', model: 'scripted',
      choices: [{
        index: 0,
        message: { role: 'assistant', content: t.text ?? null, ...(calls.length ? { tool_calls: calls.map((c, i) => ({ id: `call_${n}_${i}`, type: 'function', function: { name: c.name, arguments: c.raw ?? JSON.stringify(c.args ?? {}) } })) } : {}) },
        finish_reason: calls.length ? 'tool_calls' : 'stop',
      }],
      ...(usage ? { usage: { prompt_tokens: usage.input, completion_tokens: usage.output, total_tokens: usage.input + usage.output } } : {}),
    };
  }
  return {
    id: `msg_${n}`, type: 'message', role: 'assistant', model: 'scripted',
    content: [...(t.text ? [{ type: 'text', text: t.text }] : []), ...calls.map((c, i) => ({ type: 'tool_use', id: `toolu_${n}_${i}`, name: c.name, input: c.args ?? {} }))],
    stop_reason: calls.length ? 'tool_use' : 'end_turn',
    usage: { input_tokens: usage?.input ?? 0, output_tokens: usage?.output ?? 0 },
  };
}

/** Serves `script` in order; past its end every request gets a `finish` call. */
export async function scriptedLlm(format: WireFormat, script: ScriptStep[]): Promise<ScriptedLlm> {
  const requests: ScriptedLlm['requests'] = [];
  let step = 0;
  const expected = format === 'openai' ? '/v1/chat/completions' : '/v1/messages';
  const server = createServer((req, res) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', async () => {
      const body = JSON.parse(data);
      requests.push({ path: req.url ?? '', headers: req.headers, body });
      if (req.url !== expected) {
        res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: `no route ${req.url}` }));
        return;
      }
      const s = script[step++] ?? { calls: [{ name: 'finish', args: { summary: 'script over' } }] };
      const t = typeof s === 'function' ? s(lastToolResults(format, body)) : s;
      if (t.delayMs) await new Promise((r) => setTimeout(r, t.delayMs));
      if (t.status) {
        res.writeHead(t.status, { 'content-type': 'application/json', ...(t.retryAfter !== undefined ? { 'retry-after': t.retryAfter } : {}) });
        res.end(JSON.stringify({ error: { message: `scripted ${t.status}` } }));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer(format, t, step)));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: format === 'openai' ? `${origin}/v1` : origin,
    requests,
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}
