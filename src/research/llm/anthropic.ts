/**
 * The Anthropic Messages API: `POST {url}/v1/messages` with `x-api-key` and
 * `anthropic-version`, tools as `input_schema`, calls as `tool_use` blocks and
 * their answers as `tool_result` blocks in the next user turn; usage in
 * `input_tokens` (plus cache reads and writes) and `output_tokens`.
 */
import { z } from 'zod';
import { postJson, ProviderError } from './http.js';
import { registerProvider, type ChatMessage, type ChatProvider, type ChatRequest, type ChatResponse, type ProviderConfig } from './provider.js';

const responseSchema = z.object({
  content: z.array(z.union([
    z.object({ type: z.literal('text'), text: z.string() }),
    z.object({ type: z.literal('tool_use'), id: z.string(), name: z.string(), input: z.unknown() }),
    z.object({ type: z.string() }).loose(),
  ])),
  stop_reason: z.string().nullish(),
  usage: z.object({
    input_tokens: z.number(),
    output_tokens: z.number(),
    cache_creation_input_tokens: z.number().nullish(),
    cache_read_input_tokens: z.number().nullish(),
  }),
});

type Block = Record<string, unknown>;

/** The wire form of the neutral messages: strictly alternating user and assistant turns. */
export function anthropicMessages(messages: ChatMessage[]): { role: 'user' | 'assistant'; content: Block[] }[] {
  const out: { role: 'user' | 'assistant'; content: Block[] }[] = [];
  const push = (role: 'user' | 'assistant', blocks: Block[]) => {
    const last = out[out.length - 1];
    if (last?.role === role) last.content.push(...blocks);
    else out.push({ role, content: blocks });
  };
  for (const m of messages) {
    if (m.role === 'user') push('user', [{ type: 'text', text: m.content }]);
    else if (m.role === 'tool') push('user', m.results.map((r) => ({ type: 'tool_result', tool_use_id: r.callId, content: r.content, ...(r.isError ? { is_error: true } : {}) })));
    else {
      const blocks: Block[] = m.text ? [{ type: 'text', text: m.text }] : [];
      for (const c of m.toolCalls) blocks.push({ type: 'tool_use', id: c.id, name: c.name, input: inputOf(c.arguments) });
      push('assistant', blocks.length ? blocks : [{ type: 'text', text: '(no output)' }]);
    }
  }
  return out;
}

/** A tool_use input must be an object; arguments that were not one are sent as empty (the tool result says what was wrong). */
function inputOf(args: string): unknown {
  try {
    const v = JSON.parse(args);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? v : {};
  } catch {
    return {};
  }
}

export function parseAnthropicResponse(data: unknown, url: string): ChatResponse {
  const parsed = responseSchema.safeParse(data);
  if (!parsed.success) throw new ProviderError(200, `${url} answered with something that is not a Messages response: ${z.prettifyError(parsed.error)}`);
  const d = parsed.data;
  let text = '';
  const toolCalls: ChatResponse['toolCalls'] = [];
  for (const b of d.content) {
    if (b.type === 'text') text += (b as { text: string }).text;
    else if (b.type === 'tool_use') {
      const t = b as { id: string; name: string; input: unknown };
      toolCalls.push({ id: t.id, name: t.name, arguments: JSON.stringify(t.input ?? {}) });
    }
  }
  const u = d.usage;
  return {
    text,
    toolCalls,
    usage: { input: u.input_tokens + (u.cache_creation_input_tokens ?? 0) + (u.cache_read_input_tokens ?? 0), output: u.output_tokens },
    stop: toolCalls.length ? 'tools' : d.stop_reason === 'max_tokens' ? 'length' : 'end',
  };
}

export function anthropicProvider(c: ProviderConfig): ChatProvider {
  const url = `${c.url.replace(/\/+$/, '')}/v1/messages`;
  return {
    kind: 'anthropic',
    model: c.model,
    async chat(req: ChatRequest): Promise<ChatResponse> {
      const body = {
        model: c.model,
        system: req.system,
        max_tokens: req.maxTokens,
        messages: anthropicMessages(req.messages),
        tools: req.tools.map((t) => ({ name: t.name, description: t.description, input_schema: t.parameters })),
        ...(c.temperature === undefined ? {} : { temperature: c.temperature }),
      };
      const headers = { 'x-api-key': c.apiKey ?? '', 'anthropic-version': c.anthropicVersion ?? '2023-06-01' };
      const data = await postJson(url, headers, body, { timeoutMs: c.timeoutMs, retries: c.retries, retryBaseMs: c.retryBaseMs, signal: req.signal, onExchange: c.onExchange });
      return parseAnthropicResponse(data, url);
    },
  };
}

registerProvider({
  kind: 'anthropic',
  describe: 'an LLM behind the Anthropic Messages API with tool use',
  defaultUrl: 'https://api.anthropic.com',
  defaultKeyEnv: 'ANTHROPIC_API_KEY',
  needsKey: true,
  make: anthropicProvider,
});
