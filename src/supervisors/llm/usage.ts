/** Token and cost accounting of an LLM supervisor: what this run spent (answers from the cache cost nothing). */
import type { SupervisorUsage } from '../types.js';

/** Prices in US dollars per 1,000 tokens, for prompt and for completion tokens. */
export interface TokenPrice {
  prompt: number;
  completion: number;
}

/** `--cost-per-1k-tokens`: one price for every token, or PROMPT,COMPLETION. */
export function parseTokenPrice(text: string): TokenPrice {
  const parts = text.split(',').map((s) => s.trim());
  const nums = parts.map(Number);
  if (parts.length < 1 || parts.length > 2 || parts.some((p) => p === '') || nums.some((x) => !Number.isFinite(x) || x < 0)) {
    throw new Error(`--cost-per-1k-tokens expects a price in USD per 1,000 tokens, or PROMPT,COMPLETION prices (e.g. 0.15,0.6), got "${text}"`);
  }
  return { prompt: nums[0], completion: nums[1] ?? nums[0] };
}

export class UsageMeter {
  private u = { requests: 0, retries: 0, answers: 0, cached: 0, unanswered: 0, prompt_tokens: 0, completion_tokens: 0 };

  constructor(private readonly price?: TokenPrice) {}

  /** One answer fetched over `attempts` HTTP requests; only the answer that came back is billed. */
  fetched(attempts: number, promptTokens: number, completionTokens: number): void {
    this.u.requests += attempts;
    this.u.retries += attempts - 1;
    this.u.answers++;
    this.u.prompt_tokens += promptTokens;
    this.u.completion_tokens += completionTokens;
  }

  fromCache(): void {
    this.u.answers++;
    this.u.cached++;
  }

  /** An answer whose first token was none of the label words (its soft label is uniform). */
  offFormat(): void {
    this.u.unanswered++;
  }

  snapshot(): SupervisorUsage {
    const cost = this.price ? (this.u.prompt_tokens * this.price.prompt + this.u.completion_tokens * this.price.completion) / 1000 : null;
    return { ...this.u, cost_usd: cost };
  }
}
