/**
 * A weak supervisor: anything that returns class probabilities (a label and
 * its confidence) for examples — a small model trained here, rules, an LLM
 * behind an API, or a person whose answers were collected in a file. It sees
 * inputs only, never labels.
 */
export interface SupervisorInput {
  id: string;
  text?: string;
  features?: Float32Array;
}

export interface Supervisor {
  readonly name: string;
  /** Row-major [examples.length, classes.length] probabilities. */
  label(examples: readonly SupervisorInput[], classes: readonly string[]): Promise<Float32Array>;
  /** What labelling has cost so far (LLM supervisors), for the run record. */
  usage?(): SupervisorUsage;
}

/**
 * Requests, tokens and money a supervisor spent in this run. `requests` counts
 * HTTP attempts (retries included); tokens are counted once per answer that
 * came back, never for a failed attempt; answers from the cache cost nothing.
 */
export interface SupervisorUsage {
  requests: number;
  retries: number;
  /** Examples answered (fetched or from the cache). */
  answers: number;
  cached: number;
  /** Answers whose first token was none of the label words (labelled uniform). */
  unanswered: number;
  prompt_tokens: number;
  completion_tokens: number;
  /** null without a price (--cost-per-1k-tokens). */
  cost_usd: number | null;
}
