/**
 * An LLM researcher's options, as `w2s research` passes them (strings, from
 * flags): validated here, with messages that name the option and the fix.
 *
 *   url               the provider's base URL: OpenAI-compatible, the part before
 *                     /chat/completions (http://localhost:8080/v1); Anthropic, the
 *                     part before /v1/messages (default https://api.anthropic.com)
 *   model             the model name the server expects (required)
 *   keyEnv            the environment variable holding the API key
 *                     (default OPENAI_API_KEY / ANTHROPIC_API_KEY; a local server needs none)
 *   inputUsdPerMTok   dollars per million input tokens (default 0: a local model)
 *   outputUsdPerMTok  dollars per million output tokens (default 0)
 *   maxOutputTokens   output tokens per response (default 4096)
 *   temperature       sampling temperature (the server's default otherwise)
 *   contextTokens     prompt size at which the conversation is cut back to a fresh
 *                     opening with the notebook (default 48000; keep it about 16000
 *                     below the model's context window: one turn's results must fit)
 *   timeoutS          seconds per HTTP attempt (default 300)
 *   retries           retries on 429, 5xx, timeouts and network errors (default 4)
 *   retryBaseMs       first backoff when the server gives no retry-after (default 2000)
 *   smokeSeeds        seeds of a smoke test (default 1)
 *   pollMs            how often a submission is polled while waiting (default 2000)
 *   anthropicVersion  the anthropic-version header (default 2023-06-01)
 */
import { z } from 'zod';
import type { Prices } from './meter.js';
import type { ProviderKind } from './provider.js';

const num = (min: number, int = false) => z.string().trim().regex(/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/, 'must be a number').transform(Number).pipe(int ? z.number().int().min(min) : z.number().min(min));

const schema = z.strictObject({
  url: z.url({ protocol: /^https?$/ }).optional(),
  model: z.string().min(1),
  keyEnv: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name').optional(),
  inputUsdPerMTok: num(0).default(0),
  outputUsdPerMTok: num(0).default(0),
  maxOutputTokens: num(1, true).default(4096),
  temperature: num(0).optional(),
  contextTokens: num(1000, true).default(48_000),
  timeoutS: num(1).default(300),
  retries: num(0, true).default(4),
  retryBaseMs: num(0).default(2000),
  smokeSeeds: num(1, true).default(1),
  pollMs: num(10).default(2000),
  anthropicVersion: z.string().min(1).default('2023-06-01'),
});

export type LlmOptionsInput = z.input<typeof schema>;

export interface LlmOptions {
  url: string;
  model: string;
  apiKey?: string;
  keyEnv: string;
  prices: Prices;
  maxOutputTokens: number;
  temperature?: number;
  contextTokens: number;
  timeoutMs: number;
  retries: number;
  retryBaseMs: number;
  smokeSeeds: number;
  pollMs: number;
  anthropicVersion: string;
}

export const OPTION_NAMES = Object.keys(schema.shape);

export function parseLlmOptions(p: ProviderKind, options: Record<string, string>, env: NodeJS.ProcessEnv = process.env): LlmOptions {
  const r = schema.safeParse(options);
  if (!r.success) {
    const lines = r.error.issues.map((i) => (i.code === 'unrecognized_keys' ? `unknown option(s) ${i.keys.join(', ')}` : `${i.path.join('.') || 'options'}: ${i.message}`));
    throw new Error(`${p.kind} researcher: ${lines.join('; ')} (the options are: ${OPTION_NAMES.join(', ')})`);
  }
  const o = r.data;
  const url = o.url ?? p.defaultUrl;
  if (!url) throw new Error(`${p.kind} researcher: give the provider's url, e.g. url=http://localhost:8080/v1 for llama-server`);
  const keyEnv = o.keyEnv ?? p.defaultKeyEnv;
  const apiKey = env[keyEnv] || undefined;
  if (p.needsKey && !apiKey) throw new Error(`${p.kind} researcher: no API key: set ${keyEnv} (or name another variable with keyEnv=…)`);
  return {
    url, model: o.model, apiKey, keyEnv,
    prices: { inputUsdPerMTok: o.inputUsdPerMTok, outputUsdPerMTok: o.outputUsdPerMTok },
    maxOutputTokens: o.maxOutputTokens, temperature: o.temperature, contextTokens: o.contextTokens,
    timeoutMs: o.timeoutS * 1000, retries: o.retries, retryBaseMs: o.retryBaseMs, smokeSeeds: o.smokeSeeds, pollMs: o.pollMs,
    anthropicVersion: o.anthropicVersion,
  };
}
