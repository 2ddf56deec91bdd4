import { readFileSync } from 'node:fs';
import { defaultThreads } from '../engine/index.js';
import type { ParamValue } from '../contract/types.js';
import type { MethodMeta } from '../contract/view.js';
import { PRETRAIN_VERSION } from '../models/cache.js';
import { canonicalModelName, isModelName, modelContentKey } from '../models/kinds/index.js';
import type { CacheEvents } from '../models/cache.js';
import { DEFAULT_PROBE, PROBE_VERSION, type ProbeConfig } from '../models/probe.js';
import type { FinetuneConfig } from '../models/finetune/index.js';
import { finetuneSettings, textChars } from '../models/finetune/schedule.js';
import { parseModel } from '../models/kinds/index.js';
import type { Dataset } from '../tasks/index.js';
import { checkStudentKind, defaultStudentKind, parseStudentKind, type StudentKind } from '../models/student-kind.js';
import { resolveParams } from '../methods/index.js';
import { saveRun, getVerifiedRun, deleteRun, withClaim, codeVersion, type Store } from '../store/index.js';
import type { SplitFractions } from '../tasks/index.js';
import type { SupervisorFlags, SupervisorUsage } from '../supervisors/index.js';
import { configHash } from '../util/hash.js';
import { hostSecret } from '../util/secret.js';
import { dataKey, loadSource, sourceName, type DataSource } from './data.js';
import { defaultModels, pretrainStepsOverride } from './features.js';
import { ladderKeyFor } from '../models/general/index.js';
import { TEACHER_PERMUTATION_VERSION, buildMethodView } from './method-view.js';
import { openMethod, type OpenedMethod } from './method-phase.js';
import { BudgetOracle, viewOracle } from './oracle.js';
import { externalSupervisor, extraSupervisorsOf, prepare } from './prepare.js';
import { expectFor, setupFor, studentTraining, trainingKey } from './host-students.js';
import type { SplitScores } from './run-metrics.js';
import { scoreStudent } from './score.js';
import { DEFAULT_LIMITS, type MethodProcessLimits } from './sandbox/host.js';
import { sandboxFor, type SandboxRequest } from './sandbox/choose.js';

export { splitOrExplain, MIN_PER_SPLIT } from './prepare.js';

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
  /** Settings of an LLM supervisor (`weak: 'llm:URL'` or `'gguf:FILE'`): --weak-model, --prompt, --label-words… */
  supervisor?: SupervisorFlags;
  /**
   * More supervisors for methods that combine several (`--extra-supervisor`):
   * supervisor names that label without training here — an LLM (llm:URL,
   * gguf:FILE; the strong LLM's own label probabilities make zero-shot
   * elicitation a method), a labels file (labels:FILE), rules. They share the
   * LLM settings of `supervisor`.
   */
  extraSupervisors?: string[];
  /** A registered method name or a path to a method file. */
  method: string;
  methodParams?: Record<string, unknown>;
  seed: number;
  /**
   * How every student trains — weak supervisor, ceiling and the method's
   * students alike: `finetune` trains the encoder with the head (text data,
   * models with an encoder); `probe` trains a head on the model's frozen
   * features. Left out: `finetune` where every model that trains can, else
   * `probe` (`defaultStudentKind`).
   */
  student?: StudentKind;
  /** The probe that weak supervisor, ceiling and students train on frozen features (`student: 'probe'`). */
  probe?: Partial<ProbeConfig>;
  /** Fine-tuning settings (`student: 'finetune'`): layers trained, epochs, lr… (src/models/finetune). */
  finetune?: Partial<FinetuneConfig>;
  fractions?: SplitFractions;
  /**
   * An audit's variant of the run: `permuted` hands the method the weak labels
   * (and extra supervisors) permuted across examples — a method that learns from
   * its teacher collapses, one that bypasses it does not (src/protocol/audits.ts).
   */
  teacher?: 'permuted';
}

export interface RunEnv {
  cacheDir: string;
  store?: Store;
  threads?: number;
  log?: (message: string) => void;
  events?: CacheEvents;
  /** Where the method runs (default: W2S_SANDBOX, else auto — bubblewrap where it works). `off` is unsafe. */
  sandbox?: SandboxRequest;
  /** Time and memory limits of the method process. */
  limits?: Partial<MethodProcessLimits>;
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
  /** How the method process was confined: bwrap, node or off. */
  sandbox: string;
  /**
   * ONNX Runtime's intra-op threads for this run's training and the method's students: results
   * reproduce bitwise at the same count only (docs/engine.md). Weak labels and a ceiling read
   * from the cache (weak_cached, ceiling_cached) may come from a run at another count. A stored
   * run reused by a later call says the count it was computed at; records from before
   * 2026-12-02 do not have it.
   */
  threads?: number;
  /** Requests, tokens and cost an LLM supervisor spent in this run (absent for other supervisors). */
  weak_usage?: SupervisorUsage;
  /** The same for each LLM among the extra supervisors (`--extra-supervisor`). */
  extra_usage?: Record<string, SupervisorUsage>;
}

/**
 * The full config that identifies a run (its hash is the run key). `method` is
 * the method's identity: a registered name, or `file:<hash>` of the method
 * file's bundle (the file and everything it imports), so an edited file reruns.
 */
export function canonicalConfig(cfg: ExperimentConfig, weak: string, strong: string, method: string, methodParams: Record<string, ParamValue>) {
  // A shortened pretraining (--pretrain-steps, for tests) makes different models: it joins the key only when set.
  const steps = pretrainStepsOverride();
  // What a model's name does not show (an hf: folder's ONNX and tokenizer hashes, a file:'s content) joins the key only when there is some.
  // `weak` is a supervisor's name (file:NAME, rules:TASK, llm:…) when one labels; then the name given is not a model's.
  const weakIsModel = !cfg.weakLabels && isModelName(cfg.weak ?? weak);
  const content = { weak: weakIsModel ? (modelContentKey(weak) ?? null) : null, strong: modelContentKey(strong) ?? null };
  const ladder = ladderKeyFor([weak, strong]);
  return {
    ...(content.weak === null && content.strong === null ? {} : { modelContent: content }),
    ...(steps === undefined ? {} : { pretrainSteps: steps }),
    ...(ladder === null ? {} : { ladder }),
    data: dataKey(cfg.source),
    source: { task: cfg.source.task ?? null, data: cfg.source.data ?? null, limit: cfg.source.limit ?? null, dataOptions: cfg.source.dataOptions ?? {} },
    weak,
    strong,
    method,
    methodParams,
    seed: cfg.seed,
    probe: { ...DEFAULT_PROBE, ...cfg.probe, version: PROBE_VERSION },
    ...trainingKey(trainingOf(cfg)),
    fractions: cfg.fractions ?? null,
    // Version 2: the permutation follows the seed alone (until 2026-12-02 the server's secret set it too), so stored permuted runs from before are not reused.
    ...(cfg.teacher ? { teacher: cfg.teacher, teacherVersion: TEACHER_PERMUTATION_VERSION } : {}),
    pretrainVersion: PRETRAIN_VERSION,
    ...(cfg.weakLabels ? { weakLabels: configHash(readFileSync(cfg.weakLabels, 'utf8')) } : {}),
    // Extra supervisors by name, and a labels file's by its content too.
    ...(cfg.extraSupervisors?.length ? { extraSupervisors: cfg.extraSupervisors.map((n) => (n.startsWith('labels:') ? { name: n, content: configHash(readFileSync(n.slice(7), 'utf8')) } : n)), supervisorFlags: cfg.supervisor ?? {} } : {}),
  };
}

/** How a config's students train (its `student`, probe and fine-tuning settings, defaults filled in); callers resolve a missing `student` first (`defaultStudentKind`), which needs the data. */
function trainingOf(cfg: ExperimentConfig) {
  return studentTraining(cfg.student === undefined ? 'probe' : parseStudentKind(cfg.student), cfg.probe, cfg.finetune);
}

/**
 * The config with its defaults for how students train resolved from the data,
 * before anything is keyed, so the run key and the stored config name what
 * trained: the student kind (`defaultStudentKind`) and, when students
 * fine-tune ladder encoders, the schedule (`finetuneSettings`: small datasets
 * get four epochs at half the rate). `trained` are the models that train.
 */
export function resolveTraining<C extends ExperimentConfig>(cfg: C, ds: Dataset, trained: readonly string[]): C {
  const student = cfg.student ?? defaultStudentKind(ds.kind, trained);
  if (student !== 'finetune') return { ...cfg, student };
  const finetune = resolveFinetune(cfg.finetune, ds, trained);
  return { ...cfg, student, ...(finetune ? { finetune } : {}) };
}

/** The fine-tuning settings students of `trained` use on `ds` when they fine-tune: `given`, with the small-data schedule where it applies. */
export function resolveFinetune(given: Partial<FinetuneConfig> | undefined, ds: Dataset, trained: readonly string[]): Partial<FinetuneConfig> | undefined {
  if (ds.kind !== 'text') return given;
  const ladderOnly = trained.every((m) => parseModel(m, ds.kind).kind === 'ladder');
  return finetuneSettings(given, { chars: textChars(ds.examples.map((e) => e.text ?? '')), ladderOnly });
}

/** The run key of a config, given the opened method's identity and declaration. */
export function keyRun(cfg: ExperimentConfig, weak: string, strong: string, identity: string, meta: MethodMeta): { key: string; params: Record<string, ParamValue>; config: ReturnType<typeof canonicalConfig> } {
  const params = resolveParams(meta, cfg.methodParams);
  const config = canonicalConfig(cfg, weak, strong, identity, params);
  return { key: configHash(config), params, config };
}

/**
 * One weak-to-strong experiment for one seed, in three phases. *Prepare*
 * (holds labels): split, weak supervisor and its soft labels, ceiling, pools.
 * *Method*: the method runs in a confined process on a view without labels
 * (opaque ids, features, weak labels, extra supervisors) and returns its student
 * as a value; oracle queries are messages to this process, which keeps the
 * budget. *Score* (holds labels): this process predicts test (and ood_test)
 * with the returned student and computes every metric. With a store, a finished
 * run whose record verifies is reused; two processes never compute one run.
 */
export async function runExperiment(cfg: ExperimentConfig, env: RunEnv): Promise<RunOutcome> {
  const log = env.log ?? (() => {});
  const t0 = performance.now();
  const ds = await loadSource(cfg.source);
  const defaults = defaultModels(ds);
  const external = externalSupervisor(cfg, env.cacheDir);
  // The library's boundary: model names are parsed (a bad one is an error naming the kinds) and used in their canonical form.
  const weak = external?.name ?? canonicalModelName(cfg.weak ?? defaults.weak, ds.kind);
  const strong = canonicalModelName(cfg.strong ?? defaults.strong, ds.kind);
  const trained = external ? [strong] : [weak, strong];
  // The default kind is resolved here, so the run key and the stored config name the kind that trained.
  cfg = resolveTraining(cfg, ds, trained);
  const training = trainingOf(cfg);
  for (const model of trained) checkStudentKind(training.kind, { kind: ds.kind, name: sourceName(cfg.source) }, model);
  const sandbox = sandboxFor(env.sandbox);
  const limits = { ...DEFAULT_LIMITS, ...env.limits };
  const opened = await openMethod(cfg.method, sandbox, limits);
  if (cfg.extraSupervisors?.length && !opened.meta.extraSupervisors) {
    opened.close();
    throw new Error(`--extra-supervisor: method ${opened.meta.name} trains on one supervisor's labels; extra supervisors go to methods that combine several (see \`w2s methods\`: ensemble_vote, ensemble_weighted, ensemble_labelmodel, or a method file with extraSupervisors: true)`);
  }
  try {
    const { key: runKey, params: methodParams, config } = keyRun(cfg, weak, strong, opened.identity, opened.meta);
    const task = sourceName(cfg.source);
    const identity = { runKey, task, weak, strong, method: opened.meta.name, seed: cfg.seed };
    const stored = () => {
      if (!env.store) return undefined;
      const r = getVerifiedRun(env.store, runKey);
      if (r === 'unverified') {
        log(`the stored run ${runKey.slice(0, 12)} does not verify (edited, corrupted or from an older w2s): computing it again`);
        deleteRun(env.store, runKey);
        return undefined;
      }
      return r ? { ...identity, reused: true, metrics: r.metrics as unknown as RunMetrics, timings: r.timings } : undefined;
    };
    const hit = stored();
    if (hit) return hit;
    const compute = async (): Promise<RunOutcome> => {
      const again = stored();
      if (again) return again;
      const outcome = await compute3(cfg, env, { ds, task, weak, strong, external, opened, runKey, config, methodParams, log, t0 });
      return { ...identity, ...outcome };
    };
    return env.store ? await withClaim(env.store, runKey, compute) : await compute();
  } finally {
    opened.close();
  }
}

async function compute3(
  cfg: ExperimentConfig,
  env: RunEnv,
  c: {
    ds: Awaited<ReturnType<typeof loadSource>>; task: string; weak: string; strong: string; external: ReturnType<typeof externalSupervisor>;
    opened: OpenedMethod; runKey: string; config: ReturnType<typeof canonicalConfig>; methodParams: Record<string, ParamValue>; log: (m: string) => void; t0: number;
  },
): Promise<{ reused: false; metrics: RunMetrics; timings: Record<string, number> }> {
  const { ds, opened, log } = c;
  const training = trainingOf(cfg);
  const probe = training.probe;
  const extraExternal = opened.meta.extraSupervisors ? extraSupervisorsOf(cfg, env.cacheDir) : [];
  const timings: Record<string, number> = { loadMs: performance.now() - c.t0 };
  opened.warm();
  const p = await prepare(
    {
      source: cfg.source, ds, task: c.task, weak: c.weak, strong: c.strong, external: c.external, seed: cfg.seed, training, fractions: cfg.fractions,
      dataKey: c.config.data, weakLabelsKey: c.config.weakLabels ?? null, extraSupervisors: opened.meta.extraSupervisors, extraExternal,
    },
    { cacheDir: env.cacheDir, threads: env.threads, log, events: env.events },
  );
  Object.assign(timings, p.timings);

  const oracle = new BudgetOracle(p.transfer);
  const { view, transferOrder } = buildMethodView({
    method: opened.spec, params: c.methodParams, classes: p.classes, seed: cfg.seed, transfer: p.transfer, val: p.val,
    supervisor: c.weak, extra: p.extra, student: setupFor(training, p.strong, { transfer: p.rowsOf(p.splits.transfer), val: p.rowsOf(p.splits.val) }),
    threads: env.threads, secret: hostSecret(env.cacheDir), runKey: c.runKey,
    ...(cfg.teacher === 'permuted' ? { permuteTeacher: true } : {}),
  });
  let t = performance.now();
  log(`running method ${opened.meta.name} (${JSON.stringify(c.methodParams)}) on ${p.transfer.ids.length} weak-labeled transfer examples [students: ${training.kind}; sandbox: ${opened.sandbox}]`);
  const outcome = await opened.run(view, viewOracle(oracle, transferOrder), (m) => log(`[${opened.meta.name}] ${m}`), expectFor(training, p.strong, p.k));
  timings.methodMs = performance.now() - t;

  t = performance.now();
  const { transferProbs, scores } = await scoreStudent(p, outcome.student, env.threads);
  timings.scoreMs = performance.now() - t;
  // Training FLOPs per student: 6 per parameter per example per epoch (a probe's head; a fine-tuned encoder's every weight, per token).
  const studentFlops = (n: number) =>
    training.kind === 'finetune'
      ? 6 * p.strongF.params * n * (p.strong.encoder?.tokens.maxLen ?? 1) * training.finetune.epochs
      : 6 * (p.strongF.dim + 1) * p.k * n * probe.epochs;
  const metrics: RunMetrics = {
    test: scores.test!,
    ood_test: scores.ood_test,
    labels: { test: Array.from(p.labelsOf(p.splits.test)), ood_test: p.splits.ood_test?.length ? Array.from(p.labelsOf(p.splits.ood_test)) : undefined },
    num_classes: p.k,
    classes: p.classes,
    weak_params: p.weakF?.params ?? 0,
    strong_params: p.strongF.params,
    method_params: c.methodParams,
    method_notes: outcome.notes,
    oracle_queries: oracle.used,
    students_trained: outcome.studentsTrained,
    estimated_flops: studentFlops(p.transfer.ids.length) * Math.max(1, outcome.studentsTrained),
    weak_cached: p.weakCached,
    ceiling_cached: p.ceilingCached,
    sandbox: opened.sandbox,
    threads: env.threads ?? defaultThreads(),
    weak_usage: c.external?.usage?.(),
    ...(extraExternal.some((s) => s.usage) ? { extra_usage: Object.fromEntries(extraExternal.filter((s) => s.usage).map((s) => [s.name, s.usage!()])) } : {}),
  };
  timings.totalMs = performance.now() - c.t0;
  if (env.store) {
    const predictions = p.scored.flatMap((s) =>
      (['weak', 'ceiling', 'transfer'] as const).map((role) => ({
        role,
        split: s,
        exampleIds: p.splits[s]!.map((e) => e.id),
        numClasses: p.k,
        probs: role === 'weak' ? p.weakProbs[s] : role === 'ceiling' ? p.ceilingProbs[s] : transferProbs[s],
      })),
    );
    saveRun(env.store, {
      runKey: c.runKey, task: c.task, weak: c.weak, strong: c.strong, method: opened.meta.name, seed: cfg.seed, config: c.config, codeVersion: codeVersion(),
      timings, metrics: metrics as unknown as Record<string, unknown>, predictions,
      startedAt: new Date(Date.now() - timings.totalMs).toISOString(), finishedAt: new Date().toISOString(),
    });
  }
  return { reused: false, metrics, timings };
}
