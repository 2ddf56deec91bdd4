/**
 * JSON over HTTP with a per-request timeout and retries: network errors,
 * timeouts, 429 and 5xx are retried with exponential backoff and jitter (a
 * 429's or 503's `Retry-After` is honoured instead); other statuses and
 * malformed JSON fail at once. The jitter draws from the caller's seeded `Rng`.
 */
import type { Rng } from '../../util/rng.js';
import { MalformedResponseError } from './api.js';

export interface RetryPolicy {
  /** Retries after the first attempt (0 = one attempt). */
  retries: number;
  /** Per attempt, from sending the request to the end of the response body. */
  timeoutMs: number;
  /** First backoff; attempt a waits baseDelayMs * 2^a, at most maxDelayMs, times a jitter in [0.5, 1). */
  baseDelayMs: number;
  maxDelayMs: number;
  /** The longest Retry-After honoured; a server asking for more fails the request. */
  maxRetryAfterMs: number;
  rng: Rng;
}

export const DEFAULT_RETRY: Omit<RetryPolicy, 'rng'> = { retries: 4, timeoutMs: 60_000, baseDelayMs: 500, maxDelayMs: 30_000, maxRetryAfterMs: 300_000 };

/** A status the server will not change its mind about (400, 401, 404…), or one still failing after every retry. */
export class HttpStatusError extends Error {
  override name = 'HttpStatusError';
  constructor(message: string, readonly status: number) {
    super(message);
  }
}

export interface PostResult {
  json: unknown;
  /** HTTP attempts made, the successful one included. */
  attempts: number;
}

/** The wait a `Retry-After` header asks for (seconds or an HTTP date), or null when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (header === null || header.trim() === '') return null;
  const s = header.trim();
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s) * 1000;
  const t = Date.parse(s);
  return Number.isNaN(t) ? null : Math.max(0, t - now);
}

/** The backoff before retry `attempt` (0-based): exponential, capped, with jitter in [0.5, 1). */
export function backoffMs(attempt: number, policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs' | 'rng'>): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt) * (0.5 + 0.5 * policy.rng.next());
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function statusHint(status: number): string {
  if (status === 401 || status === 403) return '; set the API key in W2S_LLM_API_KEY (or OPENAI_API_KEY)';
  if (status === 404) return '; check the URL (an OpenAI-compatible base ends in /v1; llama.cpp\'s native endpoint is /completion) and --weak-model';
  if (status === 400) return '; the server rejected the request (does it support logprobs/top_logprobs, and the --top-logprobs value?)';
  return '';
}

/** POSTs `body` as JSON and returns the parsed JSON response, retrying as the policy says. */
export async function postJson(url: string, body: unknown, policy: RetryPolicy, headers: Record<string, string> = {}): Promise<PostResult> {
  const payload = JSON.stringify(body);
  let lastError = '';
  let lastStatus = 0;
  for (let attempt = 0; ; attempt++) {
    let wait: number | null = null;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), policy.timeoutMs);
    try {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: payload, signal: controller.signal });
      const text = await res.text();
      if (res.ok) {
        try {
          return { json: JSON.parse(text), attempts: attempt + 1 };
        } catch (e) {
          throw new MalformedResponseError(`${url}: malformed JSON in the response (${(e as Error).message}): ${text.slice(0, 120)}`);
        }
      }
      const retryable = res.status === 429 || res.status >= 500;
      lastStatus = res.status;
      lastError = `HTTP ${res.status}${text ? `: ${text.slice(0, 200)}` : ''}`;
      if (!retryable) throw new HttpStatusError(`${url}: ${lastError}${statusHint(res.status)}`, res.status);
      wait = retryAfterMs(res.headers.get('retry-after'));
      if (wait !== null && wait > policy.maxRetryAfterMs) {
        throw new HttpStatusError(`${url}: ${lastError}; the server asks to retry after ${Math.round(wait / 1000)} s, more than the ${policy.maxRetryAfterMs / 1000} s this run waits; lower --llm-concurrency or try later`, res.status);
      }
    } catch (e) {
      if (e instanceof HttpStatusError || e instanceof MalformedResponseError) throw e;
      lastStatus = 0;
      lastError = controller.signal.aborted ? `no response within ${policy.timeoutMs / 1000} s (--llm-timeout)` : `${(e as Error).message}${(e as { cause?: Error }).cause ? ` (${(e as { cause: Error }).cause.message})` : ''}`;
    } finally {
      clearTimeout(timer);
    }
    if (attempt >= policy.retries) {
      throw new HttpStatusError(`${url}: failed after ${attempt + 1} attempts; last: ${lastError}. Check that the server is up, or raise --llm-retries / --llm-timeout`, lastStatus);
    }
    await sleep(wait ?? backoffMs(attempt, policy));
  }
}
