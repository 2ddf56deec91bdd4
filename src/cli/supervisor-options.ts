/** `w2s run`'s flags for weak supervisors that are not trained here (LLMs), validated into `SupervisorFlags`. */
import { InvalidArgumentError, type Command } from 'commander';
import { DEFAULT_CONCURRENCY, DEFAULT_RETRY, DEFAULT_TOP_LOGPROBS, parseTokenPrice, type SupervisorFlags, type SupervisorUsage, type TokenPrice } from '../supervisors/index.js';
import { intArg, listArg } from './options.js';

export interface SupervisorCliFlags {
  weakModel?: string;
  prompt?: string;
  labelWords?: string[];
  topLogprobs?: number;
  llmConcurrency?: number;
  llmTimeout?: number;
  llmRetries?: number;
  costPer1kTokens?: TokenPrice;
}

const seconds = (value: string): number => {
  const n = Number(value);
  if (!(Number.isFinite(n) && n > 0)) throw new InvalidArgumentError('expected a number of seconds > 0');
  return n;
};

const price = (value: string): TokenPrice => {
  try {
    return parseTokenPrice(value);
  } catch (e) {
    throw new InvalidArgumentError((e as Error).message);
  }
};

export function addSupervisorOptions(cmd: Command): Command {
  return cmd
    .option('--weak-model <name>', 'with --weak llm:URL: the model the endpoint serves')
    .option('--prompt <file>', 'with --weak llm:/gguf: a prompt template ({{text}}, {{labels}}; see docs/supervisors.md); default: the task\'s built-in prompt')
    .option('--label-words <words>', 'with --weak llm:/gguf: one single-token word per class, comma-separated, in class order (default: the class names)', listArg)
    .option('--top-logprobs <n>', `with --weak llm:URL: candidates asked for the first answer token (default ${DEFAULT_TOP_LOGPROBS}; OpenAI allows 20)`, intArg(2))
    .option('--llm-concurrency <n>', `with --weak llm:URL: requests open at once (default ${DEFAULT_CONCURRENCY})`, intArg(1))
    .option('--llm-timeout <seconds>', `with --weak llm:URL: per-request timeout (default ${DEFAULT_RETRY.timeoutMs / 1000})`, seconds)
    .option('--llm-retries <n>', `with --weak llm:URL: retries of a failed request, with backoff (default ${DEFAULT_RETRY.retries})`, intArg(0))
    .option('--cost-per-1k-tokens <usd>', 'with --weak llm:URL: price per 1,000 tokens, or PROMPT,COMPLETION, for the cost in the run record', price);
}

export function supervisorFlagsFrom(o: SupervisorCliFlags): SupervisorFlags {
  const f: SupervisorFlags = {
    model: o.weakModel,
    prompt: o.prompt,
    labelWords: o.labelWords,
    topLogprobs: o.topLogprobs,
    concurrency: o.llmConcurrency,
    timeoutSeconds: o.llmTimeout,
    retries: o.llmRetries,
    price: o.costPer1kTokens,
  };
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined)) as SupervisorFlags;
}

/** One line on what an LLM supervisor spent: requests, cache hits, tokens, cost. */
export function formatUsage(u: SupervisorUsage): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const cost = u.cost_usd === null ? 'no price given (--cost-per-1k-tokens)' : `$${u.cost_usd.toFixed(4)}`;
  const off = u.unanswered ? `, ${n(u.unanswered)} off-format (labelled uniform)` : '';
  return `${n(u.requests)} requests (${n(u.retries)} retried), ${n(u.cached)} of ${n(u.answers)} answers from the cache${off}, ${n(u.prompt_tokens)} prompt + ${n(u.completion_tokens)} completion tokens, ${cost}`;
}

/** The usage of several runs, added up. */
export function sumUsage(us: readonly SupervisorUsage[]): SupervisorUsage | null {
  if (us.length === 0) return null;
  const costs = us.map((u) => u.cost_usd);
  return {
    requests: us.reduce((a, u) => a + u.requests, 0),
    retries: us.reduce((a, u) => a + u.retries, 0),
    answers: us.reduce((a, u) => a + u.answers, 0),
    cached: us.reduce((a, u) => a + u.cached, 0),
    unanswered: us.reduce((a, u) => a + u.unanswered, 0),
    prompt_tokens: us.reduce((a, u) => a + u.prompt_tokens, 0),
    completion_tokens: us.reduce((a, u) => a + u.completion_tokens, 0),
    cost_usd: costs.some((c) => c === null) ? null : costs.reduce((a: number, c) => a + c!, 0),
  };
}
