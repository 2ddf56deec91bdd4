/**
 * Token, cost and wall-time accounting against a researcher's hard limits. The
 * cost is priced from the provider's per-token prices (dollars per million
 * input and output tokens) — pure arithmetic, no I/O.
 */
import type { ResearchBudget, ResearcherCost } from '../researcher.js';
import type { Usage } from './provider.js';

export interface Prices {
  inputUsdPerMTok: number;
  outputUsdPerMTok: number;
}

export const usdOf = (u: Usage, p: Prices): number => (u.input * p.inputUsdPerMTok + u.output * p.outputUsdPerMTok) / 1e6;

export type LimitReason = 'time' | 'tokens' | 'cost';

export class Meter {
  tokensIn = 0;
  tokensOut = 0;
  usd = 0;
  responses = 0;
  /** Input tokens of the latest request: how full the context is. */
  lastInput = 0;

  constructor(readonly budget: ResearchBudget, readonly prices: Prices, readonly startedAt: number, private readonly now: () => number = Date.now) {}

  add(u: Usage): void {
    this.tokensIn += u.input;
    this.tokensOut += u.output;
    this.usd += usdOf(u, this.prices);
    this.responses += 1;
    this.lastInput = u.input;
  }

  /** The first hard limit reached, if any. */
  reached(): LimitReason | undefined {
    if (this.now() >= this.budget.deadline) return 'time';
    if (this.budget.maxTokens !== undefined && this.tokensIn + this.tokensOut >= this.budget.maxTokens) return 'tokens';
    if (this.budget.maxCostUsd !== undefined && this.usd >= this.budget.maxCostUsd) return 'cost';
    return undefined;
  }

  /**
   * The most output tokens the next response may use: `wanted`, less where the
   * tokens or dollars left would not pay for that many (the prompt's own tokens
   * are counted after the fact, so a limit can be overshot by one prompt).
   */
  outputAllowance(wanted: number): number {
    let n = wanted;
    if (this.budget.maxTokens !== undefined) n = Math.min(n, this.budget.maxTokens - this.tokensIn - this.tokensOut);
    if (this.budget.maxCostUsd !== undefined && this.prices.outputUsdPerMTok > 0) n = Math.min(n, Math.floor(((this.budget.maxCostUsd - this.usd) * 1e6) / this.prices.outputUsdPerMTok));
    return Math.max(0, Math.floor(n));
  }

  /** Milliseconds to the deadline (never negative). */
  timeLeftMs(): number {
    return Math.max(0, this.budget.deadline - this.now());
  }

  cost(): ResearcherCost {
    return { tokensIn: this.tokensIn, tokensOut: this.tokensOut, usd: this.usd, wallSeconds: (this.now() - this.startedAt) / 1000 };
  }
}
