/**
 * JSON over HTTP for LLM providers, with Node's fetch: a timeout per attempt,
 * retries with exponential backoff on 429, 5xx, timeouts and network errors
 * (honouring `retry-after` / `retry-after-ms`), and a hook that sees every
 * attempt so the transcript holds each request and response.
 */

/** One HTTP attempt, as the transcript stores it (no headers: they carry the key). */
export interface Exchange {
  url: string;
  attempt: number;
  request: unknown;
  status: number | null;
  response: unknown;
  error?: string;
  ms: number;
}

export interface PostOptions {
  timeoutMs: number;
  /** Attempts after the first. */
  retries: number;
  /** Backoff before retry r (from 0) is retryBaseMs·2^r, capped at a minute, unless the server says how long. */
  retryBaseMs: number;
  signal?: AbortSignal;
  onExchange?: (e: Exchange) => void;
}

/** A request the provider refused or that kept failing: the status (null: no answer) and what it said. */
export class ProviderError extends Error {
  constructor(readonly status: number | null, message: string) {
    super(message);
    this.name = 'ProviderError';
  }
}

const retryable = (status: number) => status === 408 || status === 409 || status === 429 || status >= 500;

/** How long the server asks us to wait, in ms: `retry-after-ms`, `retry-after` in seconds or as an HTTP date. */
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  const ms = Number(headers.get('retry-after-ms') ?? NaN);
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const v = headers.get('retry-after');
  if (v === null) return undefined;
  const s = Number(v);
  if (Number.isFinite(s) && s >= 0) return s * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** POSTs `body` as JSON and returns the parsed JSON answer of the first successful attempt. */
export async function postJson(url: string, headers: Record<string, string>, body: unknown, o: PostOptions): Promise<unknown> {
  let last = '';
  let lastStatus: number | null = null;
  for (let attempt = 0; attempt <= o.retries; attempt++) {
    if (o.signal?.aborted) throw o.signal.reason;
    const started = Date.now();
    const signals = [AbortSignal.timeout(o.timeoutMs), ...(o.signal ? [o.signal] : [])];
    let wait: number | undefined;
    try {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body), signal: AbortSignal.any(signals) });
      const text = await res.text();
      let data: unknown = text;
      try {
        data = JSON.parse(text);
      } catch {
        // kept as text: the error below quotes it
      }
      o.onExchange?.({ url, attempt, request: body, status: res.status, response: data, ms: Date.now() - started });
      if (res.ok) {
        if (typeof data === 'string') throw new ProviderError(res.status, `${url} answered ${res.status} with something other than JSON: ${text.slice(0, 300)}`);
        return data;
      }
      last = `${url} answered ${res.status}: ${text.slice(0, 500)}`;
      lastStatus = res.status;
      if (!retryable(res.status)) throw new ProviderError(res.status, last);
      wait = retryAfterMs(res.headers);
    } catch (e) {
      if (e instanceof ProviderError) throw e;
      if (o.signal?.aborted) throw o.signal.reason;
      const err = e as Error;
      const timedOut = err.name === 'TimeoutError';
      lastStatus = null;
      last = timedOut ? `${url} did not answer within ${o.timeoutMs} ms` : `${url} could not be reached: ${err.message}${err.cause ? ` (${(err.cause as Error).message})` : ''}`;
      o.onExchange?.({ url, attempt, request: body, status: null, response: null, error: last, ms: Date.now() - started });
    }
    if (attempt < o.retries) await sleep(wait ?? Math.min(60_000, o.retryBaseMs * 2 ** attempt), o.signal);
  }
  throw new ProviderError(lastStatus, `${last} (gave up after ${o.retries + 1} attempts)`);
}
