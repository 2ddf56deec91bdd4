/**
 * An LLM behind an HTTP endpoint as a weak supervisor. Each example's prompt
 * asks for one label word; the soft label is the label words' probabilities
 * as the first answer token, renormalised over the label set (labels.ts).
 * Requests run under a concurrency limit with retries and a timeout (http.ts),
 * answers are cached on disk (cache.ts), tokens and cost are metered (usage.ts).
 */
import { configHash } from '../../util/hash.js';
import { deriveRng } from '../../util/rng.js';
import type { Supervisor, SupervisorInput, SupervisorUsage } from '../types.js';
import type { LlmAnswer, LlmApi } from './api.js';
import { AnswerCache } from './cache.js';
import { DEFAULT_RETRY, postJson, type RetryPolicy } from './http.js';
import { labelWords, softLabels, splitLabel } from './labels.js';
import { concurrencyLimit } from './limit.js';
import { llamacppCompletionApi } from './llamacpp.js';
import { openaiChatApi } from './openai.js';
import { renderPrompt, type PromptTemplate } from './prompt.js';
import { UsageMeter, type TokenPrice } from './usage.js';

export interface LlmSupervisorOptions {
  /** An OpenAI-compatible base URL (…/v1) or chat/completions URL, or llama.cpp's …/completion. */
  endpoint: string;
  model: string;
  template: PromptTemplate;
  /** One word per class, in class order; default: the class names. */
  labelWords?: readonly string[];
  /** Candidates asked for the first answer token (OpenAI allows at most 20). */
  topLogprobs?: number;
  concurrency?: number;
  retry?: Partial<Omit<RetryPolicy, 'rng'>>;
  price?: TokenPrice;
  /** Folder of the answer cache; without it every run asks again. */
  cacheDir?: string;
  apiKey?: string;
  /** Seeds the backoff jitter. */
  seed?: number;
}

export const DEFAULT_TOP_LOGPROBS = 20;
export const DEFAULT_CONCURRENCY = 4;

/** The wire format an endpoint speaks: llama.cpp's native API for …/completion, OpenAI-compatible chat otherwise. */
export function llmApiFor(endpoint: string): LlmApi {
  return /\/completion\/?$/.test(endpoint) ? llamacppCompletionApi(endpoint) : openaiChatApi(endpoint);
}

export function llmSupervisor(o: LlmSupervisorOptions): Supervisor & { usage(): SupervisorUsage } {
  const api = llmApiFor(o.endpoint);
  const top = o.topLogprobs ?? DEFAULT_TOP_LOGPROBS;
  const policy: RetryPolicy = { ...DEFAULT_RETRY, ...o.retry, rng: deriveRng(o.seed ?? 0, 'llm-backoff') };
  const limit = concurrencyLimit(o.concurrency ?? DEFAULT_CONCURRENCY);
  const cache = o.cacheDir ? new AnswerCache(o.cacheDir) : null;
  const meter = new UsageMeter(o.price);
  const headers: Record<string, string> = o.apiKey ? { authorization: `Bearer ${o.apiKey}` } : {};
  // The name identifies the labels (it keys stored runs and cached weak labels): endpoint, model, prompt, label words.
  const identity = configHash({ url: api.url, model: o.model, template: o.template, labelWords: o.labelWords ?? null, top });
  let checkedWords: string | null = null;

  const post = async (url: string, body: unknown) => (await postJson(url, body, policy, headers)).json;

  /** Label words the server's tokenizer splits are an error before any example is asked. */
  const checkWords = async (words: string[]) => {
    const key = words.join('\u0000');
    if (checkedWords === key || !api.tokenCounts) return;
    const counts = await api.tokenCounts(words, post);
    const bad = counts ? words.findIndex((_, i) => counts[i] > 1) : -1;
    if (counts && bad >= 0) throw new Error(splitMessage(words[bad], `${counts[bad]} tokens under the model's tokenizer (${api.url.replace(/\/completion\/?$/, '/tokenize')})`));
    checkedWords = key;
  };

  const ask = (e: SupervisorInput, words: string[]): Promise<LlmAnswer> =>
    limit(async () => {
      const body = api.body(renderPrompt(o.template, e.text!, words), o.model, top);
      const key = { endpoint: api.url, model: o.model, request: body };
      const hit = cache?.get(key);
      if (hit) {
        meter.fromCache();
        return hit;
      }
      const { json, attempts } = await postJson(api.url, body, policy, headers);
      const answer = api.parse(json, `${api.url} (example ${e.id})`);
      meter.fetched(attempts, answer.promptTokens, answer.completionTokens);
      await cache?.put(key, answer);
      return answer;
    });

  return {
    name: `llm:${o.model}#${identity.slice(0, 8)}`,
    usage: () => meter.snapshot(),
    async label(examples: readonly SupervisorInput[], classes: readonly string[]) {
      const words = labelWords(classes, o.labelWords);
      const noText = examples.find((e) => typeof e.text !== 'string');
      if (noText) throw new Error(`an LLM supervisor reads text, and example ${noText.id} has none; use a text task or --data with a text field`);
      await checkWords(words);
      const answers = await Promise.all(examples.map((e) => ask(e, words)));
      return answersToProbs(answers, words, examples, meter);
    },
  };
}

/** The soft labels of the answers [n, k]; an off-format answer gets a uniform row, and all off-format is an error. */
export function answersToProbs(answers: readonly LlmAnswer[], words: readonly string[], examples: readonly SupervisorInput[], meter: UsageMeter): Float32Array {
  const k = words.length;
  const out = new Float32Array(answers.length * k);
  let answered = 0;
  answers.forEach((a, i) => {
    const split = splitLabel(a.top, words);
    if (split) throw new Error(splitMessage(split.word, `split by the model's tokenizer: its first answer token for example ${examples[i].id} was "${split.token}"`));
    const p = softLabels(a.top, words);
    if (p) answered++;
    else meter.offFormat();
    for (let c = 0; c < k; c++) out[i * k + c] = p ? p[c] : 1 / k;
  });
  if (answers.length > 0 && answered === 0) {
    const seen = answers[0].top.slice(0, 5).map((t) => JSON.stringify(t.token)).join(', ');
    throw new Error(`the model answered none of ${answers.length} examples with a label word (${words.join(', ')}); its first tokens were e.g. ${seen}. Change the prompt (--prompt FILE) or the label words (--label-words)`);
  }
  return out;
}

function splitMessage(word: string, how: string): string {
  return `label word "${word}" is ${how}; the soft label reads the first answer token only, so every label must be a single token: choose single-token label words with --label-words (e.g. short, common words: yes,no or a,b)`;
}
