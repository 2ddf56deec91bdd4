/**
 * llama.cpp's native `POST /completion` (llama-server): a raw prompt, one
 * token, `n_probs: N`. Reads `completion_probabilities[0]` in both formats
 * llama-server has used: `top_logprobs: [{token, logprob}]` (current) and
 * `probs: [{tok_str, prob}]` (before late 2024). Its `/tokenize` tells how
 * many tokens a label word is.
 */
import { count, isObject, MalformedResponseError, type LlmAnswer, type LlmApi } from './api.js';
import type { TokenLogprob } from './labels.js';
import type { Prompt } from './prompt.js';

/** What follows the user message in a raw completion prompt; the label word comes next. */
export const ANSWER_PREFIX = 'Answer:';

export function completionPrompt(p: Prompt): string {
  return `${p.system}\n\n${p.user}\n${ANSWER_PREFIX}`;
}

export function llamacppCompletionApi(url: string): LlmApi {
  return {
    kind: 'llamacpp-completion',
    url,
    body(prompt: Prompt, _model: string, topLogprobs: number) {
      // temperature < 0: greedy, with probabilities from a plain softmax of the logits (no sampler settings).
      return { prompt: completionPrompt(prompt), n_predict: 1, temperature: -1, n_probs: topLogprobs, cache_prompt: true };
    },
    parse(json: unknown, where: string): LlmAnswer {
      if (!isObject(json)) throw new MalformedResponseError(`${where}: the response is not a JSON object`);
      const probs = json.completion_probabilities;
      if (!Array.isArray(probs) || probs.length === 0 || !isObject(probs[0])) {
        throw new MalformedResponseError(`${where}: the response has no "completion_probabilities[0]": the server did not return token probabilities; the request sets n_probs, which llama-server answers with completion_probabilities (update llama.cpp if it does not)`);
      }
      const first = probs[0];
      let top: TokenLogprob[];
      if (Array.isArray(first.top_logprobs)) {
        top = first.top_logprobs.map((t, i) => {
          if (!isObject(t) || typeof t.token !== 'string' || typeof t.logprob !== 'number') throw new MalformedResponseError(`${where}: completion_probabilities[0].top_logprobs[${i}] must be {"token", "logprob"}`);
          return { token: t.token, logprob: t.logprob };
        });
      } else if (Array.isArray(first.probs)) {
        top = first.probs.map((t, i) => {
          if (!isObject(t) || typeof t.tok_str !== 'string' || typeof t.prob !== 'number') throw new MalformedResponseError(`${where}: completion_probabilities[0].probs[${i}] must be {"tok_str", "prob"}`);
          return { token: t.tok_str, logprob: Math.log(t.prob) };
        });
      } else {
        throw new MalformedResponseError(`${where}: "completion_probabilities[0]" has neither "top_logprobs" nor "probs"; set n_probs > 0 (the request does) on a llama-server that supports it`);
      }
      const generated = typeof first.token === 'string' ? first.token : typeof first.content === 'string' ? first.content : '';
      return { top, generated, promptTokens: count(json.tokens_evaluated), completionTokens: count(json.tokens_predicted) };
    },
    async tokenCounts(words, post) {
      const tokenizeUrl = url.replace(/\/completions?\/?$/, '/tokenize');
      const counts: number[] = [];
      for (const w of words) {
        // The label word follows "Answer:" after a space; either spelling as one token will do.
        const sizes = await Promise.all([` ${w}`, w].map(async (content) => {
          const r = await post(tokenizeUrl, { content, add_special: false });
          if (!isObject(r) || !Array.isArray(r.tokens)) throw new MalformedResponseError(`${tokenizeUrl}: the response has no "tokens" array`);
          return r.tokens.length;
        }));
        counts.push(Math.min(...sizes));
      }
      return counts;
    },
  };
}
