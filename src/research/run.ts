/**
 * A research run: N researchers of any registered kinds, on one or more
 * challenges, in parallel, against one server, until a deadline or a cost
 * budget; then the best method per challenge, its scores, the run's idea
 * diversity and cost (summary.ts).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { W2sClient } from '../server/client.js';
import { directionFor } from './directions.js';
import { makeResearcher, type ResearcherContext, type ResearcherResult } from './researcher.js';
import type { ResearcherSpec } from './spec.js';

export interface ResearchPlan {
  specs: ResearcherSpec[];
  challenges: string[];
  /** Passed to every kind's factory (the LLM kinds read their provider settings here). */
  options: Record<string, string>;
  minutes: number;
  /** Over the whole run; each researcher gets an equal share. */
  maxTokens?: number;
  maxCostUsd?: number;
  /** Per researcher. */
  maxSubmissions?: number;
  seeds: number;
  out: string;
  /** The client researcher `name` works through (its own token on an embedded server, the one given otherwise). */
  clientFor: (name: string) => W2sClient;
  log: (line: string) => void;
  signal?: AbortSignal;
  now?: () => number;
}

export interface ResearcherRun {
  challenge: string;
  direction: string;
  workDir: string;
  result: ResearcherResult;
}

/**
 * The options a kind's factory gets: every key, except that `KIND.key` goes to
 * that kind only (as `key`) and is dropped for the others.
 */
export function optionsFor(kind: string, options: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(options)) {
    const dot = k.indexOf('.');
    if (dot < 0) out[k] = v;
    else if (k.slice(0, dot) === kind) out[k.slice(dot + 1)] = v;
  }
  return out;
}

export interface ResearchInstance { name: string; kind: string; challenge: string; index: number }

/** Every researcher of the run: `kind-i` per kind, once per challenge. */
export function instancesOf(plan: Pick<ResearchPlan, 'specs' | 'challenges'>): ResearchInstance[] {
  const out: ResearchInstance[] = [];
  for (const challenge of plan.challenges) for (const s of plan.specs) for (let i = 1; i <= s.count; i++) {
    out.push({ name: `${s.kind}-${i}`, kind: s.kind, challenge, index: out.length });
  }
  return out;
}

export async function runResearchers(plan: ResearchPlan): Promise<ResearcherRun[]> {
  if (plan.seeds < 5) throw new Error(`seeds is ${plan.seeds}; a research submission runs on at least 5 seeds`);
  if (!(plan.minutes > 0)) throw new Error(`minutes must be positive, got ${plan.minutes}`);
  const now = plan.now ?? Date.now;
  const deadline = now() + plan.minutes * 60_000;
  const instances = instancesOf(plan);
  const share = (x: number | undefined) => (x === undefined ? undefined : x / instances.length);
  const signal = plan.signal ?? new AbortController().signal;
  return Promise.all(instances.map(async (inst): Promise<ResearcherRun> => {
    const workDir = join(plan.out, inst.challenge, inst.name);
    mkdirSync(workDir, { recursive: true });
    const direction = directionFor(inst.index);
    const started = now();
    const ctx: ResearcherContext = {
      client: plan.clientFor(inst.name),
      challenge: inst.challenge,
      name: inst.name,
      direction,
      workDir,
      budget: { deadline, maxSubmissions: plan.maxSubmissions, maxTokens: share(plan.maxTokens), maxCostUsd: share(plan.maxCostUsd) },
      seeds: plan.seeds,
      log: (line) => plan.log(`[${inst.name} ${inst.challenge}] ${line}`),
      signal,
    };
    try {
      const result = await makeResearcher(inst.kind, optionsFor(inst.kind, plan.options)).run(ctx);
      ctx.log(`stopped (${result.stopped}${result.error ? `: ${result.error}` : ''}) after ${result.submissions.length} submissions`);
      return { challenge: inst.challenge, direction, workDir, result };
    } catch (e) {
      const error = (e as Error).message;
      ctx.log(`failed: ${error}`);
      const result: ResearcherResult = { name: inst.name, kind: inst.kind, submissions: [], cost: { tokensIn: 0, tokensOut: 0, usd: 0, wallSeconds: (now() - started) / 1000 }, stopped: 'error', error };
      return { challenge: inst.challenge, direction, workDir, result };
    }
  }));
}
