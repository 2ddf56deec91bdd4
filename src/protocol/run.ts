import { PRETRAIN_VERSION } from '../models/cache.js';
import { DEFAULT_PROBE, PROBE_VERSION, trainProbe, type ProbeConfig } from '../models/probe.js';
import { takeRows } from '../methods/labels.js';
import { labelingFunctionSupervisors, labelingFunctionsFor, resolveParams } from '../methods/index.js';
import { deriveRng } from '../util/rng.js';
import { fileSupervisor, rulesSupervisor, type Supervisor } from '../supervisors/index.js';
import { readFileSync } from 'node:fs';
import type { CacheEvents } from '../models/cache.js';
import { saveRun, hasRun, getRun, codeVersion, type Store } from '../store/index.js';
import { splitDataset, type Dataset, type Example, type SplitFractions } from '../tasks/index.js';
import { configHash } from '../util/hash.js';
import { auxLabels } from './aux-labels.js';
import { ProbeStudentFactory, BudgetOracle, makeContext, type PoolData } from './context.js';
import { dataKey, loadSource, sourceName, type DataSource } from './data.js';
import { cachedPredictions } from './artifacts.js';
import { defaultModels, modelFeatures, pretrainStepsOverride, type ModelFeatures } from './features.js';
import { loadMethod } from './load-method.js';
import { scoreSplit, type SplitScores } from './run-metrics.js';
import type { ExtraSupervisor, ParamValue } from './types.js';

/** Weak supervisors added for ensemble methods (besides labeling functions). */
const EXTRA_WEAK_SUPERVISORS = 3;

export interface ExperimentConfig {
  source: DataSource;
  /** Ladder model names; defaults depend on the data (text: xs → l). */
  weak?: string;
  strong?: string;
  /**
   * Weak labels from a file instead of a weak model (an LLM's or a person's
   * answers): JSONL of {"id", "probs"} or {"id", "label", "confidence"}.
   * `weak: 'rules'` uses the task's labeling functions instead.
   */
  weakLabels?: string;
  /** A registered method name or a path to a method file. */
  method: string;
  methodParams?: Record<string, unknown>;
  seed: number;
  /** The probe that weak supervisor, ceiling and students train on frozen features. */
  probe?: Partial<ProbeConfig>;
  fractions?: SplitFractions;
}

export interface RunEnv {
  cacheDir: string;
  store?: Store;
  threads?: number;
  log?: (message: string) => void;
  events?: CacheEvents;
}

export interface RunOutcome {
  runKey: string;
  /** True when the store already held this run and nothing was recomputed. */
  reused: boolean;
  task: string;
  weak: string;
  strong: string;
  method: string;
  seed: number;
  metrics: RunMetrics;
  timings: Record<string, number>;
}

export interface RunMetrics {
  test: SplitScores;
  ood_test?: SplitScores;
  /** Ground truth of the scored splits, kept so any metric can be recomputed from the store. */
  labels: { test: number[]; ood_test?: number[] };
  num_classes: number;
  classes: string[];
  weak_params: number;
  strong_params: number;
  method_params: Record<string, ParamValue>;
  method_notes: Record<string, number | string | boolean>;
  oracle_queries: number;
  students_trained: number;
  estimated_flops: number;
  weak_cached: boolean;
  ceiling_cached: boolean;
}

/** Fewest examples per split for scores worth reporting (probes train on weak_train and transfer; test is bootstrapped). */
export const MIN_PER_SPLIT = 20;

/** The run's splits, or an error naming the data file and the fix (too few examples, one class…). */
export function splitOrExplain(ds: Dataset, cfg: Pick<ExperimentConfig, 'seed' | 'fractions' | 'source'>) {
  try {
    return splitDataset(ds, { seed: cfg.seed, fractions: cfg.fractions, minPerSplit: MIN_PER_SPLIT });
  } catch (e) {
    throw new Error(cfg.source.data ? `${cfg.source.data}: ${(e as Error).message}` : (e as Error).message);
  }
}

/** A supervisor not trained here, when the config names one. */
function externalSupervisor(cfg: ExperimentConfig): Supervisor | null {
  if (cfg.weakLabels) {
    if (cfg.weak && cfg.weak !== 'file') throw new Error(`give either --weak ${cfg.weak} or --weak-labels ${cfg.weakLabels}, not both`);
    return fileSupervisor(cfg.weakLabels);
  }
  if (cfg.weak === 'rules') {
    const lfs = cfg.source.task ? labelingFunctionsFor(cfg.source.task) : [];
    if (lfs.length === 0) throw new Error(`--weak rules: task ${cfg.source.task ?? '(user data)'} has no labeling functions (spam has); choose a ladder model or --weak-labels FILE`);
    return rulesSupervisor(cfg.source.task!, lfs);
  }
  return null;
}

function rowsOf(ds: { examples: Example[] }, part: Example[]): Int32Array {
  const index = new Map(ds.examples.map((e, i) => [e.id, i]));
  return Int32Array.from(part, (e) => index.get(e.id)!);
}

function oneHot(labels: Int32Array, k: number): Float32Array {
  const t = new Float32Array(labels.length * k);
  labels.forEach((l, i) => (t[i * k + l] = 1));
  return t;
}

/** The full config that identifies a run (its hash is the run key). */
export function canonicalConfig(cfg: ExperimentConfig, weak: string, strong: string, methodParams: Record<string, ParamValue>) {
  // A shortened pretraining (--pretrain-steps, for tests) makes different models: it joins the key only when set.
  const steps = pretrainStepsOverride();
  return {
    ...(steps === undefined ? {} : { pretrainSteps: steps }),
    data: dataKey(cfg.source),
    source: { task: cfg.source.task ?? null, data: cfg.source.data ?? null, limit: cfg.source.limit ?? null, dataOptions: cfg.source.dataOptions ?? {} },
    weak,
    strong,
    method: cfg.method,
    methodParams,
    seed: cfg.seed,
    probe: { ...DEFAULT_PROBE, ...cfg.probe, version: PROBE_VERSION },
    fractions: cfg.fractions ?? null,
    pretrainVersion: PRETRAIN_VERSION,
  };
}

/**
 * One weak-to-strong experiment for one seed: split, weak supervisor on
 * weak_train, its soft labels on transfer and val, the ceiling on transfer
 * ground truth, the method's student on weak labels, all scored on test (and
 * ood_test). Weak labels and ceilings are cached by config hash; with a store,
 * a finished run is found by its key and not redone.
 */
export async function runExperiment(cfg: ExperimentConfig, env: RunEnv): Promise<RunOutcome> {
  const log = env.log ?? (() => {});
  const t0 = performance.now();
  const ds = await loadSource(cfg.source);
  const defaults = defaultModels(ds);
  const external = externalSupervisor(cfg);
  const weak = external?.name ?? cfg.weak ?? defaults.weak;
  const strong = cfg.strong ?? defaults.strong;
  const method = await loadMethod(cfg.method);
  const methodParams = resolveParams(method, cfg.methodParams);
  const config = { ...canonicalConfig(cfg, weak, strong, methodParams), ...(cfg.weakLabels ? { weakLabels: configHash(readFileSync(cfg.weakLabels, 'utf8')) } : {}) };
  const runKey = configHash(config);
  const task = sourceName(cfg.source);
  if (env.store && hasRun(env.store, runKey)) {
    const r = getRun(env.store, runKey)!;
    return { runKey, reused: true, task, weak, strong, method: method.name, seed: cfg.seed, metrics: r.metrics as unknown as RunMetrics, timings: r.timings };
  }
  const k = ds.classes.length;
  const splits = splitOrExplain(ds, cfg);
  const probeCfg = { ...DEFAULT_PROBE, ...cfg.probe };
  const labelsOf = (part: Example[]) => Int32Array.from(part, (e) => e.label);
  const timings: Record<string, number> = { loadMs: performance.now() - t0 };

  const feats = async (model: string): Promise<ModelFeatures> => {
    const t = performance.now();
    const f = await modelFeatures(ds, task, model, { cacheDir: env.cacheDir, threads: env.threads, events: env.events });
    timings[`features_${model}_ms`] = (timings[`features_${model}_ms`] ?? 0) + performance.now() - t;
    return f;
  };
  const splitRows = (f: ModelFeatures, part: Example[]) => takeRows(f.features, f.dim, rowsOf(ds, part));
  const scored = (['test', 'ood_test'] as const).filter((s) => (splits[s]?.length ?? 0) > 0);

  // Weak supervisor: a probe on the weak model's features, trained on weak_train ground truth.
  const weakF = external ? null : await feats(weak);
  let t = performance.now();
  const weakKey = configHash({ data: config.data, weak, seed: cfg.seed, probe: probeCfg, fractions: config.fractions, role: 'weak', labels: config.weakLabels ?? null, version: PROBE_VERSION, pretrain: PRETRAIN_VERSION });
  const weakOut = await cachedPredictions(env.cacheDir, 'weak', weakKey, async () => {
    const out: Record<string, Float32Array> = {};
    if (external) {
      log(`weak labels from ${external.name}`);
      for (const s of ['transfer', 'val', ...scored] as const) out[s] = await external.label(splits[s]!.map(({ id, text, features }) => ({ id, text, features })), ds.classes);
      return out;
    }
    if (!weakF) throw new Error('unreachable: no weak features');
    log(`training the weak supervisor (${weak}) on ${splits.weak_train.length} weak_train examples`);
    const probe = await trainProbe({ features: splitRows(weakF, splits.weak_train), dim: weakF.dim, targets: oneHot(labelsOf(splits.weak_train), k), numClasses: k, config: probeCfg, seed: cfg.seed, threads: env.threads });
    for (const s of ['transfer', 'val', ...scored] as const) out[s] = await probe.predict(splitRows(weakF, splits[s]!));
    return out;
  });
  timings.weakMs = performance.now() - t;

  // Ceiling: the strong student trained on transfer ground truth.
  const strongF = await feats(strong);
  t = performance.now();
  const ceilKey = configHash({ data: config.data, strong, seed: cfg.seed, probe: probeCfg, fractions: config.fractions, role: 'ceiling', version: PROBE_VERSION, pretrain: PRETRAIN_VERSION });
  const ceilOut = await cachedPredictions(env.cacheDir, 'ceiling', ceilKey, async () => {
    log(`training the ceiling (${strong}) on ${splits.transfer.length} transfer examples with ground truth`);
    const probe = await trainProbe({ features: splitRows(strongF, splits.transfer), dim: strongF.dim, targets: oneHot(labelsOf(splits.transfer), k), numClasses: k, config: probeCfg, seed: cfg.seed, threads: env.threads });
    const out: Record<string, Float32Array> = {};
    for (const s of scored) out[s] = await probe.predict(splitRows(strongF, splits[s]!));
    return out;
  });
  timings.ceilingMs = performance.now() - t;

  // Transfer: the method trains students on weak labels; it never sees test.
  const pool = (name: 'transfer' | 'val'): PoolData => ({
    name,
    ids: splits[name].map((e) => e.id),
    features: splitRows(strongF, splits[name]),
    dim: strongF.dim,
    weakProbs: weakOut.probs[name],
    labels: labelsOf(splits[name]),
    ...(ds.auxTasks?.length ? { aux: auxLabels(ds.auxTasks, splits[name]) } : {}),
  });
  const transfer = pool('transfer');
  const val = pool('val');
  const factory = new ProbeStudentFactory({ transfer, val }, k, cfg.seed, probeCfg, env.threads);
  const oracle = new BudgetOracle(method.oracleBudget?.(methodParams, transfer.ids.length) ?? 0, transfer);
  // More weak supervisors for ensembles: the weak model refit on bootstrap
  // resamples of weak_train (other seeds), and the task's labeling functions.
  const extraSupervisors = async () => {
    const extra = new Map<string, ExtraSupervisor>();
    const wt = splits.weak_train;
    for (let r = 1; weakF && r <= EXTRA_WEAK_SUPERVISORS; r++) {
      const rng = deriveRng(cfg.seed, 'extra-supervisor', r);
      const sample = Array.from({ length: wt.length }, () => wt[rng.int(wt.length)]);
      const probe = await trainProbe({ features: splitRows(weakF, sample), dim: weakF.dim, targets: oneHot(labelsOf(sample), k), numClasses: k, config: probeCfg, seed: cfg.seed + r, threads: env.threads });
      extra.set(`${weak}#${r}`, { transfer: await probe.predict(splitRows(weakF, splits.transfer)), val: await probe.predict(splitRows(weakF, splits.val)), source: weak });
    }
    const lfs = cfg.source.task ? labelingFunctionsFor(cfg.source.task) : [];
    if (lfs.length > 0) {
      const lfTransfer = labelingFunctionSupervisors(lfs, splits.transfer.map((e) => e.text ?? ''), k);
      const lfVal = labelingFunctionSupervisors(lfs, splits.val.map((e) => e.text ?? ''), k);
      for (const [name, probs] of lfTransfer) extra.set(name, { transfer: probs, val: lfVal.get(name)! });
    }
    log(`extra supervisors: ${[...extra.keys()].join(', ')}`);
    return extra;
  };
  const notesLog: string[] = [];
  const ctx = makeContext({
    transfer,
    val,
    classes: ds.classes,
    seed: cfg.seed,
    factory,
    oracle,
    supervisor: { name: weak, extra: method.extraSupervisors ? await extraSupervisors() : new Map() },
    log: (m) => {
      notesLog.push(m);
      log(`[${method.name}] ${m}`);
    },
  });
  t = performance.now();
  log(`running method ${method.name} (${JSON.stringify(methodParams)}) on ${transfer.ids.length} weak-labeled transfer examples`);
  const result = await method.run(ctx, methodParams);
  timings.methodMs = performance.now() - t;
  const studentProbe = factory.probeOf(result.student);
  const transferOut: Record<string, Float32Array> = {};
  for (const s of scored) transferOut[s] = await studentProbe.predict(splitRows(strongF, splits[s]!));

  const score = (s: 'test' | 'ood_test') =>
    scoreSplit(
      {
        labels: labelsOf(splits[s]!),
        weak: weakOut.probs[s],
        ceiling: ceilOut.probs[s],
        transfer: transferOut[s],
        difficulty: splits[s]!.map((e) => e.difficulty),
        groups: splits[s]!.map((e) => e.group),
      },
      k,
    );
  const probeFlops = (n: number) => 6 * (strongF.dim + 1) * k * n * probeCfg.epochs;
  const metrics: RunMetrics = {
    test: score('test'),
    ood_test: scored.includes('ood_test') ? score('ood_test') : undefined,
    labels: { test: Array.from(labelsOf(splits.test)), ood_test: splits.ood_test?.length ? Array.from(labelsOf(splits.ood_test)) : undefined },
    num_classes: k,
    classes: ds.classes,
    weak_params: weakF?.params ?? 0,
    strong_params: strongF.params,
    method_params: methodParams,
    method_notes: result.notes ?? {},
    oracle_queries: oracle.used,
    students_trained: factory.trained,
    estimated_flops: probeFlops(transfer.ids.length) * Math.max(1, factory.trained),
    weak_cached: weakOut.cached,
    ceiling_cached: ceilOut.cached,
  };
  timings.totalMs = performance.now() - t0;
  if (env.store) {
    const predictions = scored.flatMap((s) =>
      (['weak', 'ceiling', 'transfer'] as const).map((role) => ({
        role,
        split: s,
        exampleIds: splits[s]!.map((e) => e.id),
        numClasses: k,
        probs: role === 'weak' ? weakOut.probs[s] : role === 'ceiling' ? ceilOut.probs[s] : transferOut[s],
      })),
    );
    saveRun(env.store, {
      runKey, task, weak, strong, method: method.name, seed: cfg.seed, config, codeVersion: codeVersion(),
      timings, metrics: metrics as unknown as Record<string, unknown>, predictions,
      startedAt: new Date(Date.now() - timings.totalMs).toISOString(), finishedAt: new Date().toISOString(),
    });
  }
  return { runKey, reused: false, task, weak, strong, method: method.name, seed: cfg.seed, metrics, timings };
}
