/**
 * The wire formats an LLM supervisor speaks. An `LlmApi` turns a prompt into a
 * request body and a response into the first answer token's candidates; the
 * transport (retries, timeouts, the cache) is the same for all of them.
 */
import type { TokenLogprob } from './labels.js';
import type { Prompt } from './prompt.js';

/** What one answer contributes: the first token's candidates and the tokens the call cost. */
export interface LlmAnswer {
  top: TokenLogprob[];
  /** The token the model generated first. */
  generated: string;
  promptTokens: number;
  completionTokens: number;
}

export interface LlmApi {
  readonly kind: 'openai-chat' | 'llamacpp-completion';
  /** The URL requests are POSTed to. */
  readonly url: string;
  body(prompt: Prompt, model: string, topLogprobs: number): Record<string, unknown>;
  /** The answer in a response body; `where` names the request in errors. */
  parse(json: unknown, where: string): LlmAnswer;
  /**
   * How many tokens each label word is under the server's tokenizer, where the
   * server can tell (llama.cpp's /tokenize); null where it cannot.
   */
  tokenCounts?: (words: readonly string[], post: (url: string, body: unknown) => Promise<unknown>) => Promise<number[] | null>;
}

/** A response that is not what the wire format promises: names the field and the fix. */
export class MalformedResponseError extends Error {
  override name = 'MalformedResponseError';
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function count(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : 0;
}
