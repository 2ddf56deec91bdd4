/**
 * One seed of one method on a challenge's data, through the lab's `runExperiment`:
 * the class each model predicts for every test example, by example id. Challenge
 * preparation uses it for the fixed baselines (method vanilla), and the submission
 * runner for a submitted method (run in the sandboxed method process by
 * runExperiment); the server only needs the predictions back.
 */
import { argmax } from '../../metrics/index.js';
import { runExperiment, type ExperimentConfig } from '../../protocol/run.js';
import type { MethodProcessLimits } from '../../protocol/sandbox/host.js';
import { getRun, type Store } from '../../store/index.js';
import type { ChallengeConfig } from '../db/challenges.js';
import type { SeedScores } from '../queue/runner.js';

export interface SeedPredictions {
  /** Example id → predicted class, for the weak model, the ceiling and the method's student. */
  weak: Map<string, number>;
  ceiling: Map<string, number>;
  transfer: Map<string, number>;
  /** The run's test scores (runExperiment's, from labels the method never saw). */
  scores: SeedScores;
}

export interface RunSeedEnv {
  cacheDir: string;
  /** The lab's results store (under --home), where runExperiment keeps its predictions. */
  runs: Store;
  threads?: number;
  log?: (message: string) => void;
  /** Time and memory of each seed's method process (runExperiment's defaults otherwise). */
  limits?: Partial<MethodProcessLimits>;
}

export async function runSeed(
  config: ChallengeConfig,
  method: string,
  methodParams: Record<string, unknown>,
  seed: number,
  env: RunSeedEnv,
  variant: { teacher?: 'permuted' } = {},
): Promise<SeedPredictions> {
  const cfg: ExperimentConfig = {
    source: config.source,
    weak: config.weakLabels ? undefined : config.weak,
    weakLabels: config.weakLabels,
    strong: config.strong,
    // A challenge's students are probes unless it was created with --student finetune (research loops run hundreds of submissions).
    student: config.student ?? 'probe',
    method,
    methodParams,
    seed,
    ...(variant.teacher ? { teacher: variant.teacher } : {}),
  };
  const outcome = await runExperiment(cfg, { cacheDir: env.cacheDir, store: env.runs, threads: env.threads, log: env.log, limits: env.limits });
  const record = getRun(env.runs, outcome.runKey);
  if (!record) throw new Error(`run ${outcome.runKey} finished but is not in the results store ${env.runs.path}`);
  const of = (role: 'weak' | 'ceiling' | 'transfer') => {
    const p = record.predictions.find((x) => x.role === role && x.split === 'test');
    if (!p) throw new Error(`run ${outcome.runKey} stored no ${role} predictions on test`);
    const cls = argmax(p.probs, p.numClasses);
    return new Map(p.exampleIds.map((id, i) => [String(id), cls[i]]));
  };
  const t = outcome.metrics.test as typeof outcome.metrics.test & { prior_acc?: number };
  const scores: SeedScores = { weak_acc: t.weak_acc, ceiling_acc: t.ceiling_acc, transfer_acc: t.transfer_acc, ...(t.prior_acc === undefined ? {} : { prior_acc: t.prior_acc }) };
  return { weak: of('weak'), ceiling: of('ceiling'), transfer: of('transfer'), scores };
}
