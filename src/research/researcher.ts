import type { SubmissionInfo, W2sClient } from '../server/client.js';

/**
 * An automated researcher: a client of `w2s serve` (the same typed client a
 * person uses) that reads a challenge, its forum and leaderboard, writes
 * method files, smoke-tests and submits them, reads released scores and posts
 * what it found. `offline` searches method compositions with no LLM; `openai`
 * and `anthropic` are LLMs driving tools mapped onto the client.
 */
export interface Researcher {
  /** The registered kind (`offline`, `openai`, `anthropic`, …). */
  readonly kind: string;
  run(ctx: ResearcherContext): Promise<ResearcherResult>;
}

/** Hard limits; the researcher stops cleanly (never mid-write) when one is reached. */
export interface ResearchBudget {
  /** Wall-clock deadline, epoch milliseconds. */
  deadline: number;
  maxSubmissions?: number;
  /** LLM researchers: input + output tokens over all sessions. */
  maxTokens?: number;
  /** LLM researchers: dollars, from the provider's per-token prices. */
  maxCostUsd?: number;
}

export interface ResearcherContext {
  /** Authenticated as this researcher. */
  client: W2sClient;
  /** The challenge's name on the server. */
  challenge: string;
  /** Unique within a research run (`offline-1`, `openai-2`, …). */
  name: string;
  /** The starting direction it is given (docs/research.md lists them). */
  direction: string;
  /** Its own folder: method files, notebook (persists across sessions), transcripts. */
  workDir: string;
  budget: ResearchBudget;
  /** Seeds per full submission (at least 5). */
  seeds: number;
  log: (line: string) => void;
  signal: AbortSignal;
}

export interface ResearcherCost {
  tokensIn: number;
  tokensOut: number;
  usd: number;
  wallSeconds: number;
}

export interface ResearcherResult {
  name: string;
  kind: string;
  /** Every submission it made, in order, as the server reported them when done. */
  submissions: SubmissionInfo[];
  cost: ResearcherCost;
  stopped: 'done' | 'time' | 'submissions' | 'tokens' | 'cost' | 'aborted' | 'error';
  error?: string;
  /**
   * Optional: the composition behind each submission, as the flat parameters
   * that define it (`labels: 'weak'`, `temperature: 0.5`, …), for the idea
   * diversity of a run (diversity.ts). Researchers that do not compose methods
   * from parameters leave it out.
   */
  compositions?: { submission: number; parameters: Record<string, string | number> }[];
}

export type ResearcherFactory = (options: Record<string, string>) => Researcher;

const kinds = new Map<string, { describe: string; make: ResearcherFactory }>();

/** Registers a researcher kind (`--researchers KIND:N[,KIND:N…]` names it). */
export function registerResearcher(kind: string, describe: string, make: ResearcherFactory): void {
  if (kinds.has(kind)) throw new Error(`researcher kind "${kind}" is registered twice`);
  kinds.set(kind, { describe, make });
}

export function makeResearcher(kind: string, options: Record<string, string> = {}): Researcher {
  const k = kinds.get(kind);
  if (!k) throw new Error(`unknown researcher kind "${kind}"; the kinds are: ${[...kinds.keys()].join(', ') || '(none registered)'}`);
  return k.make(options);
}

export function listResearchers(): { kind: string; describe: string }[] {
  return [...kinds.entries()].map(([kind, k]) => ({ kind, describe: k.describe }));
}
