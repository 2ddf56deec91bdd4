import { join } from 'node:path';
import { labelWords } from '../llm/labels.js';
import { promptTemplate } from '../llm/prompt.js';
import { llmSupervisor } from '../llm/supervisor.js';
import { registerSupervisorKind, type LlmSpec } from '../registry.js';

/** The environment variables an API key is read from (never stored with a run). */
export const API_KEY_ENV = ['W2S_LLM_API_KEY', 'OPENAI_API_KEY'] as const;

/** An LLM behind an HTTP endpoint: OpenAI-compatible chat completions, or llama.cpp's /completion. */
registerSupervisorKind<LlmSpec>({
  kind: 'llm',
  syntax: 'llm:URL',
  description: 'an LLM behind an HTTP endpoint (OpenAI-compatible …/v1, or llama.cpp …/completion); soft labels from label-token logprobs',
  flags: ['model', 'prompt', 'labelWords', 'topLogprobs', 'concurrency', 'timeoutSeconds', 'retries', 'price'],
  claims: (name) => name.startsWith('llm:'),
  parse: (name, f, ctx) => {
    const endpoint = name.slice('llm:'.length);
    let url: URL;
    try {
      url = new URL(endpoint);
    } catch {
      throw new Error(`--weak ${name}: "${endpoint}" is not a URL; give e.g. llm:http://127.0.0.1:8080/v1 (OpenAI-compatible) or llm:http://127.0.0.1:8080/completion (llama.cpp)`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`--weak ${name}: the URL must be http:// or https://`);
    if (!f.model) throw new Error(`--weak ${name} needs --weak-model NAME, the model the endpoint serves (llama-server accepts any name)`);
    if (ctx.classes) labelWords(ctx.classes, f.labelWords);
    if (f.topLogprobs !== undefined && f.topLogprobs < 2) throw new Error('--top-logprobs must be at least 2, so that more than one label word can be seen');
    return {
      kind: 'llm',
      endpoint,
      model: f.model,
      template: promptTemplate(ctx.task, f.prompt),
      labelWords: f.labelWords,
      topLogprobs: f.topLogprobs,
      concurrency: f.concurrency,
      timeoutSeconds: f.timeoutSeconds,
      retries: f.retries,
      price: f.price,
    };
  },
  build: (spec, ctx) =>
    llmSupervisor({
      endpoint: spec.endpoint,
      model: spec.model,
      template: spec.template,
      labelWords: spec.labelWords,
      topLogprobs: spec.topLogprobs,
      concurrency: spec.concurrency,
      retry: {
        ...(spec.timeoutSeconds !== undefined ? { timeoutMs: spec.timeoutSeconds * 1000 } : {}),
        ...(spec.retries !== undefined ? { retries: spec.retries } : {}),
      },
      price: spec.price,
      cacheDir: join(ctx.cacheDir, 'llm'),
      apiKey: API_KEY_ENV.map((v) => process.env[v]).find((v) => v),
      seed: ctx.seed,
    }),
});
