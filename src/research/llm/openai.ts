/**
 * OpenAI-compatible chat completions with tool calls: `POST {url}/chat/completions`
 * with `tools`, answered with `tool_calls` and `usage.prompt_tokens` /
 * `completion_tokens`. vLLM, llama.cpp's `llama-server --jinja`, Ollama (`/v1`) and
 * hosted APIs speak it; `url` is the base that ends before `/chat/completions`.
 */
import { z } from 'zod';
import { postJson, ProviderError } from './http.js';
import { registerProvider, type ChatMessage, type ChatProvider, type ChatRequest, type ChatResponse, type ProviderConfig, type ToolCall } from './provider.js';

const responseSchema = z.object({
  choices: z.array(z.object({
    message: z.object({
      content: z.string().nullish(),
      tool_calls: z.array(z.object({
        id: z.string().nullish(),
        function: z.object({ name: z.string(), arguments: z.union([z.string(), z.record(z.string(), z.unknown())]).nullish() }),
      })).nullish(),
    }),
    finish_reason: z.string().nullish(),
  })).min(1),
  usage: z.object({ prompt_tokens: z.number(), completion_tokens: z.number() }).nullish(),
});

/** The wire form of the neutral messages. */
export function openaiMessages(system: string, messages: ChatMessage[]): unknown[] {
  const out: unknown[] = [{ role: 'system', content: system }];
  for (const m of messages) {
    if (m.role === 'user') out.push({ role: 'user', content: m.content });
    else if (m.role === 'assistant') {
      out.push({
        role: 'assistant',
        content: m.text || (m.toolCalls.length ? null : ''),
        ...(m.toolCalls.length ? { tool_calls: m.toolCalls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.arguments } })) } : {}),
      });
    } else for (const r of m.results) out.push({ role: 'tool', tool_call_id: r.callId, content: r.content });
  }
  return out;
}

/** The neutral form of a chat completion; `usage` is null where the server left it out. */
export function parseOpenaiResponse(data: unknown, url: string): Omit<ChatResponse, 'usage'> & { usage: ChatResponse['usage'] | null } {
  const parsed = responseSchema.safeParse(data);
  if (!parsed.success) throw new ProviderError(200, `${url} answered with something that is not a chat completion: ${z.prettifyError(parsed.error)}`);
  const { message, finish_reason } = parsed.data.choices[0];
  const toolCalls: ToolCall[] = (message.tool_calls ?? []).map((c, i) => ({
    id: c.id || `call_${i}`,
    name: c.function.name,
    arguments: typeof c.function.arguments === 'string' ? c.function.arguments : JSON.stringify(c.function.arguments ?? {}),
  }));
  const text = message.content ?? '';
  const u = parsed.data.usage;
  const stop = toolCalls.length ? 'tools' : finish_reason === 'length' ? 'length' : 'end';
  return { text, toolCalls, usage: u ? { input: u.prompt_tokens, output: u.completion_tokens } : null, stop };
}

export function openaiProvider(c: ProviderConfig): ChatProvider {
  const url = `${c.url.replace(/\/+$/, '')}/chat/completions`;
  return {
    kind: 'openai',
    model: c.model,
    async chat(req: ChatRequest): Promise<ChatResponse> {
      const body = {
        model: c.model,
        messages: openaiMessages(req.system, req.messages),
        tools: req.tools.map((t) => ({ type: 'function', function: { name: t.name, description: t.description, parameters: t.parameters } })),
        max_tokens: req.maxTokens,
        ...(c.temperature === undefined ? {} : { temperature: c.temperature }),
      };
      const headers: Record<string, string> = c.apiKey ? { authorization: `Bearer ${c.apiKey}` } : {};
      const data = await postJson(url, headers, body, { timeoutMs: c.timeoutMs, retries: c.retries, retryBaseMs: c.retryBaseMs, signal: req.signal, onExchange: c.onExchange });
      const r = parseOpenaiResponse(data, url);
      // A server that reports no usage still spends tokens: estimate them at 4 characters a token, marked as estimated.
      const estimate = (x: unknown) => Math.ceil(JSON.stringify(x).length / 4);
      return { ...r, usage: r.usage ?? { input: estimate(body.messages) + estimate(body.tools), output: estimate([r.text, r.toolCalls]), estimated: true } };
    },
  };
}

registerProvider({
  kind: 'openai',
  describe: 'an LLM behind an OpenAI-compatible chat completions API with tool calls (vLLM, llama.cpp server, Ollama, hosted APIs)',
  defaultKeyEnv: 'OPENAI_API_KEY',
  needsKey: false,
  make: openaiProvider,
});
