/**
 * OpenAI-compatible `POST {base}/chat/completions` (OpenAI, vLLM, llama.cpp's
 * llama-server, LM Studio, Ollama's /v1…): one answer token, greedy, with
 * `logprobs: true` and `top_logprobs: N`, read from
 * `choices[0].logprobs.content[0].top_logprobs`.
 */
import { count, isObject, MalformedResponseError, type LlmAnswer, type LlmApi } from './api.js';
import type { TokenLogprob } from './labels.js';
import type { Prompt } from './prompt.js';

const NO_LOGPROBS_FIX =
  'the endpoint did not return log-probabilities for the answer token. Use a server that returns them for chat completions ' +
  '(OpenAI chat models, vLLM, llama.cpp llama-server), or point --weak at llama.cpp\'s native endpoint, llm:http://HOST:PORT/completion';

export function openaiChatApi(baseUrl: string): LlmApi {
  const url = /\/chat\/completions\/?$/.test(baseUrl) ? baseUrl : `${baseUrl.replace(/\/+$/, '')}/chat/completions`;
  return {
    kind: 'openai-chat',
    url,
    body(prompt: Prompt, model: string, topLogprobs: number) {
      return {
        model,
        messages: [
          { role: 'system', content: prompt.system },
          { role: 'user', content: prompt.user },
        ],
        max_tokens: 1,
        temperature: 0,
        logprobs: true,
        top_logprobs: topLogprobs,
      };
    },
    parse(json: unknown, where: string): LlmAnswer {
      if (!isObject(json)) throw new MalformedResponseError(`${where}: the response is not a JSON object`);
      const choices = json.choices;
      if (!Array.isArray(choices) || choices.length === 0 || !isObject(choices[0])) {
        throw new MalformedResponseError(`${where}: the response has no "choices" (an OpenAI-compatible chat completion has choices[0].message and choices[0].logprobs)`);
      }
      const logprobs = choices[0].logprobs;
      if (!isObject(logprobs)) throw new MalformedResponseError(`${where}: the response has no "choices[0].logprobs": ${NO_LOGPROBS_FIX}`);
      const content = logprobs.content;
      if (!Array.isArray(content) || content.length === 0 || !isObject(content[0])) {
        throw new MalformedResponseError(`${where}: the response has no "choices[0].logprobs.content[0]": ${NO_LOGPROBS_FIX}`);
      }
      const first = content[0];
      if (!Array.isArray(first.top_logprobs)) {
        throw new MalformedResponseError(`${where}: the response has no "choices[0].logprobs.content[0].top_logprobs": ${NO_LOGPROBS_FIX} (the request sets top_logprobs; some servers need it enabled)`);
      }
      const top = first.top_logprobs.map((t, i) => candidate(t, `${where}: choices[0].logprobs.content[0].top_logprobs[${i}]`));
      const usage = isObject(json.usage) ? json.usage : {};
      return { top, generated: typeof first.token === 'string' ? first.token : '', promptTokens: count(usage.prompt_tokens), completionTokens: count(usage.completion_tokens) };
    },
  };
}

function candidate(t: unknown, where: string): TokenLogprob {
  if (!isObject(t) || typeof t.token !== 'string' || typeof t.logprob !== 'number') {
    throw new MalformedResponseError(`${where} must be {"token": string, "logprob": number}, got ${JSON.stringify(t)?.slice(0, 120)}`);
  }
  return { token: t.token, logprob: t.logprob };
}
