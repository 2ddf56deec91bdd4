import type { NamedSupervisor } from '../contract/view.js';
import { PRETRAIN_VERSION, type CacheEvents } from '../models/cache.js';
import { PROBE_VERSION } from '../models/probe.js';
import { takeRows } from '../methods/labels.js';
import { labelingFunctionSupervisors, labelingFunctionsFor } from '../methods/index.js';
import { buildSupervisor, parseSupervisor, sharedSupervisorFlags, type Supervisor, type SupervisorFlags } from '../supervisors/index.js';
import type { Dataset, Example, SplitFractions } from '../tasks/index.js';
import { configHash } from '../util/hash.js';
import { deriveRng } from '../util/rng.js';
import { cachedPredictions } from './artifacts.js';
import { REFERENCE_VERSION, referencePredictions } from './reference.js';
import { auxLabels } from './aux-labels.js';
import type { PoolData } from './pool.js';
import { modelEncoder, modelFeatures, modelSpecFor, type ModelFeatures } from './features.js';
import { fitStudent, trainingKey, type StudentModel, type StudentTraining } from './host-students.js';
import type { DataSource } from './data.js';
import { splitDataset } from '../tasks/index.js';

/** Weak supervisors added for ensemble methods (besides labeling functions): refits of the weak model on bootstrap resamples. */
export const EXTRA_WEAK_SUPERVISORS = 3;

/** Fewest examples per split for scores worth reporting (probes train on weak_train and transfer; test is bootstrapped). */
export const MIN_PER_SPLIT = 20;

export type ScoredSplit = 'test' | 'ood_test';

export interface PrepareInput {
  source: DataSource;
  ds: Dataset;
  task: string;
  weak: string;
  strong: string;
  external: Supervisor | null;
  seed: number;
  /** How every student trains (weak supervisor, ceiling, the method's): probes or fine-tuning, with their settings. */
  training: StudentTraining;
  fractions?: SplitFractions;
  /** Identity of the data (its content) and of a weak-labels file, for cache keys. */
  dataKey: string;
  weakLabelsKey: string | null;
  /** Whether the method combines several weak supervisors. */
  extraSupervisors: boolean;
  /**
   * Supervisors not trained here that label transfer and val for such methods
   * besides the built-in ones (`--extra-supervisor`: an LLM, the strong LLM's own
   * label probabilities for zero-shot elicitation, a labels file, rules).
   */
  extraExternal?: readonly Supervisor[];
}

export interface PrepareEnv {
  cacheDir: string;
  threads?: number;
  log: (m: string) => void;
  events?: CacheEvents;
}

/**
 * The prepare phase: everything that needs ground truth before a method runs.
 * Splits, the weak supervisor and its soft labels, the ceiling, the pools the
 * method learns from (with their labels, which stay here), extra supervisors.
 */
export interface Prepared {
  k: number;
  classes: string[];
  splits: ReturnType<typeof splitDataset>;
  scored: ScoredSplit[];
  weakF: ModelFeatures | null;
  strongF: ModelFeatures;
  /** The strong model as the method's students train on it (features; encoder and token rows when fine-tuning). */
  strong: StudentModel;
  training: StudentTraining;
  weakProbs: Record<string, Float32Array>;
  ceilingProbs: Record<string, Float32Array>;
  /** The n-gram reference's predictions on the scored splits (text data only). */
  referenceProbs?: Record<string, Float32Array>;
  weakCached: boolean;
  ceilingCached: boolean;
  transfer: PoolData;
  val: PoolData;
  extra: NamedSupervisor[];
  /** Dataset rows of a split's examples (what host students predict). */
  rowsOf(part: Example[]): Int32Array;
  labelsOf(part: Example[]): Int32Array;
  timings: Record<string, number>;
}

/** The run's splits, or an error naming the data file and the fix (too few examples, one class…). */
export function splitOrExplain(ds: Dataset, cfg: { seed: number; fractions?: SplitFractions; source: DataSource }) {
  try {
    return splitDataset(ds, { seed: cfg.seed, fractions: cfg.fractions, minPerSplit: MIN_PER_SPLIT });
  } catch (e) {
    throw new Error(cfg.source.data ? `${cfg.source.data}: ${(e as Error).message}` : (e as Error).message);
  }
}

/** What a config says of its supervisors: the weak one, the extra ones, and the LLM flags they share. */
interface RunSupervisors { weak?: string; weakLabels?: string; extraSupervisors?: readonly string[]; supervisor?: SupervisorFlags; seed: number; source: DataSource }

const weakName = (cfg: RunSupervisors): string | undefined => (cfg.weakLabels ? `labels:${cfg.weakLabels}` : cfg.weak);

/**
 * The flags each supervisor of the config reads (the weak one first, when named, then the extras):
 * one set of LLM flags serves them all, and a flag none of them reads is an error.
 */
function supervisorFlagsOf(cfg: RunSupervisors): SupervisorFlags[] {
  const weak = weakName(cfg);
  const names = [...(weak ? [weak] : []), ...(cfg.extraSupervisors ?? [])];
  const roles = [...(weak ? ['--weak'] : []), ...(cfg.extraSupervisors ?? []).map(() => '--extra-supervisor')];
  return sharedSupervisorFlags(names, cfg.supervisor, roles);
}

/**
 * The `--extra-supervisor` names of a config, built: each must label without
 * training here (llm:URL, gguf:FILE, labels:FILE, rules), since it answers for
 * transfer and val rows only.
 */
export function extraSupervisorsOf(cfg: RunSupervisors, cacheDir: string): Supervisor[] {
  const task = cfg.source.task;
  const extras = cfg.extraSupervisors ?? [];
  const flags = supervisorFlagsOf(cfg).slice(weakName(cfg) ? 1 : 0);
  return extras.map((name, i) => {
    const s = buildSupervisor(parseSupervisor(name, flags[i], { task }), { task, cacheDir, seed: cfg.seed });
    if (!s) throw new Error(`--extra-supervisor ${name}: a model is trained here on weak_train, so it cannot be an extra supervisor; give an LLM (llm:URL, gguf:FILE), a labels file (labels:FILE) or rules (see \`w2s supervisors\`)`);
    return s;
  });
}

/** A supervisor not trained here, when the config names one (see the supervisor registry, `w2s supervisors`). */
export function externalSupervisor(cfg: RunSupervisors, cacheDir: string): Supervisor | null {
  if (cfg.weakLabels && cfg.weak && cfg.weak !== 'file') throw new Error(`give either --weak ${cfg.weak} or --weak-labels ${cfg.weakLabels}, not both`);
  const name = weakName(cfg);
  if (!name) return null;
  const task = cfg.source.task;
  return buildSupervisor(parseSupervisor(name, supervisorFlagsOf(cfg)[0], { task }), { task, cacheDir, seed: cfg.seed });
}

function oneHot(labels: Int32Array, k: number): Float32Array {
  const t = new Float32Array(labels.length * k);
  labels.forEach((l, i) => (t[i * k + l] = 1));
  return t;
}

export async function prepare(p: PrepareInput, env: PrepareEnv): Promise<Prepared> {
  const { ds, seed } = p;
  const log = env.log;
  const k = ds.classes.length;
  const splits = splitOrExplain(ds, p);
  const training = p.training;
  const index = new Map(ds.examples.map((e, i) => [e.id, i]));
  const rowsOf = (part: Example[]) => Int32Array.from(part, (e) => index.get(e.id)!);
  const labelsOf = (part: Example[]) => Int32Array.from(part, (e) => e.label);
  const timings: Record<string, number> = {};
  const feats = async (model: string): Promise<ModelFeatures> => {
    const t = performance.now();
    const f = await modelFeatures(ds, p.task, modelSpecFor(ds, model), { cacheDir: env.cacheDir, threads: env.threads, events: env.events });
    timings[`features_${model}_ms`] = (timings[`features_${model}_ms`] ?? 0) + performance.now() - t;
    return f;
  };
  const studentModel = async (model: string): Promise<StudentModel> => {
    const features = await feats(model);
    if (training.kind !== 'finetune') return { features, encoder: null };
    const t = performance.now();
    const encoder = await modelEncoder(ds, p.task, model, { cacheDir: env.cacheDir, threads: env.threads, events: env.events });
    timings[`encoder_${model}_ms`] = (timings[`encoder_${model}_ms`] ?? 0) + performance.now() - t;
    return { features, encoder };
  };
  const splitRows = (f: ModelFeatures, part: Example[]) => takeRows(f.features, f.dim, rowsOf(part));
  const scored = (['test', 'ood_test'] as const).filter((s) => (splits[s]?.length ?? 0) > 0);
  const common = { data: p.dataKey, seed, probe: training.probe, fractions: p.fractions ?? null, version: PROBE_VERSION, pretrain: PRETRAIN_VERSION, ...trainingKey(training) };
  const how = training.kind === 'finetune' ? 'fine-tuning' : 'a probe on';

  // Weak supervisor: the weak model trained on weak_train ground truth, the same way as every student.
  const external = p.external;
  const weakM = external ? null : await studentModel(p.weak);
  const weakF = weakM?.features ?? null;
  let t = performance.now();
  const weakKey = configHash({ ...common, weak: p.weak, features: weakF?.key ?? null, role: 'weak', labels: p.weakLabelsKey });
  const weakOut = await cachedPredictions(env.cacheDir, 'weak', weakKey, async () => {
    const out: Record<string, Float32Array> = {};
    if (external) {
      log(`weak labels from ${external.name}`);
      for (const s of ['transfer', 'val', ...scored] as const) out[s] = await external.label(splits[s]!.map(({ id, text, features }) => ({ id, text, features })), ds.classes);
      return out;
    }
    if (!weakM) throw new Error('unreachable: no weak model');
    log(`training the weak supervisor (${how} ${p.weak}) on ${splits.weak_train.length} weak_train examples`);
    const student = await fitStudent(training, weakM, { rows: rowsOf(splits.weak_train), targets: oneHot(labelsOf(splits.weak_train), k), k, seed, threads: env.threads });
    for (const s of ['transfer', 'val', ...scored] as const) out[s] = await student.predict(rowsOf(splits[s]!));
    return out;
  });
  timings.weakMs = performance.now() - t;

  // Ceiling: the strong student trained on transfer ground truth.
  const strongM = await studentModel(p.strong);
  const strongF = strongM.features;
  t = performance.now();
  const ceilKey = configHash({ ...common, strong: p.strong, features: strongF.key, role: 'ceiling' });
  const ceilOut = await cachedPredictions(env.cacheDir, 'ceiling', ceilKey, async () => {
    log(`training the ceiling (${how} ${p.strong}) on ${splits.transfer.length} transfer examples with ground truth`);
    const student = await fitStudent(training, strongM, { rows: rowsOf(splits.transfer), targets: oneHot(labelsOf(splits.transfer), k), k, seed, threads: env.threads });
    const out: Record<string, Float32Array> = {};
    for (const s of scored) out[s] = await student.predict(rowsOf(splits[s]!));
    return out;
  });
  timings.ceilingMs = performance.now() - t;

  // The n-gram reference (text data): the ceiling's rows and labels, a classical model; cached like the ceiling.
  let referenceProbs: Record<string, Float32Array> | undefined;
  if (ds.kind !== 'features') {
    t = performance.now();
    const refKey = configHash({ ...common, role: 'reference', reference: REFERENCE_VERSION });
    referenceProbs = (await cachedPredictions(env.cacheDir, 'reference', refKey, async () => {
      log(`training the n-gram reference on ${splits.transfer.length} transfer examples with ground truth`);
      return (referencePredictions(splits, k) ?? {}) as Record<string, Float32Array>;
    })).probs;
    timings.referenceMs = performance.now() - t;
  }

  const pool = (name: 'transfer' | 'val'): PoolData => ({
    name,
    ids: splits[name].map((e) => e.id),
    features: splitRows(strongF, splits[name]),
    dim: strongF.dim,
    weakProbs: weakOut.probs[name],
    labels: labelsOf(splits[name]),
    ...(ds.auxTasks?.length ? { aux: auxLabels(ds.auxTasks, splits[name]) } : {}),
  });

  // More weak supervisors for ensembles: the weak model refit on bootstrap
  // resamples of weak_train (one source, so label models treat them as one block), and the task's labeling functions.
  const extra: NamedSupervisor[] = [];
  if (p.extraSupervisors) {
    t = performance.now();
    const wt = splits.weak_train;
    for (let r = 1; weakM && r <= EXTRA_WEAK_SUPERVISORS; r++) {
      const rng = deriveRng(seed, 'extra-supervisor', r);
      const sample = Array.from({ length: wt.length }, () => wt[rng.int(wt.length)]);
      const student = await fitStudent(training, weakM, { rows: rowsOf(sample), targets: oneHot(labelsOf(sample), k), k, seed: seed + r, threads: env.threads });
      extra.push({ name: `${p.weak}#${r}`, source: p.weak, transfer: await student.predict(rowsOf(splits.transfer)), val: await student.predict(rowsOf(splits.val)) });
    }
    const lfs = p.source.task ? labelingFunctionsFor(p.source.task) : [];
    if (lfs.length > 0) {
      const lfTransfer = labelingFunctionSupervisors(lfs, splits.transfer.map((e) => e.text ?? ''), k);
      const lfVal = labelingFunctionSupervisors(lfs, splits.val.map((e) => e.text ?? ''), k);
      for (const [name, probs] of lfTransfer) extra.push({ name, transfer: probs, val: lfVal.get(name)! });
    }
    // Supervisors named by --extra-supervisor answer for transfer and val only (an LLM's, or the strong LLM's own, label probabilities).
    const rows = (part: Example[]) => part.map(({ id, text, features }) => ({ id, text, features }));
    for (const s of p.extraExternal ?? []) {
      if (extra.some((e) => e.name === s.name)) throw new Error(`--extra-supervisor ${s.name} is given twice or names a built-in supervisor`);
      log(`extra supervisor ${s.name} labels ${splits.transfer.length} transfer and ${splits.val.length} val examples`);
      extra.push({ name: s.name, source: s.name, transfer: await s.label(rows(splits.transfer), ds.classes), val: await s.label(rows(splits.val), ds.classes) });
    }
    log(`extra supervisors: ${extra.map((e) => e.name).join(', ')}`);
    timings.extraSupervisorsMs = performance.now() - t;
  }

  return {
    k, classes: ds.classes, splits, scored, weakF, strongF, strong: strongM, training,
    weakProbs: weakOut.probs, ceilingProbs: ceilOut.probs, referenceProbs, weakCached: weakOut.cached, ceilingCached: ceilOut.cached,
    transfer: pool('transfer'), val: pool('val'), extra,
    rowsOf, labelsOf, timings,
  };
}
