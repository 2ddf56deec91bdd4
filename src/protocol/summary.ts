/**
 * Summary statistics over seeds for every (task, weak, strong, method) group of
 * runs: accuracies and PGR with 95% hierarchical bootstrap intervals (over seeds
 * and test examples), PGR against fixed baselines, the paired PGR difference
 * against vanilla, and the failure-mode diagnostics pooled over seeds. Pure:
 * runs in, plain data out (no I/O).
 */
import {
  argmax, hierarchicalBootstrap, mean, pairedDifferenceCi, pgr, quantile, wilsonInterval, type SeedCorrectness,
} from '../metrics/index.js';
import { getMethod, resolveParams } from '../methods/index.js';
import { configHash, stableStringify } from '../util/hash.js';
import { deriveRng, type Rng } from '../util/rng.js';

/** A finished run as `runExperiment` returns it or the store holds it (predictions make intervals exact). */
export interface SummaryRun {
  task: string;
  weak: string;
  strong: string;
  method: string;
  seed: number;
  metrics: object;
  timings: Record<string, number>;
  config?: Record<string, unknown>;
  predictions?: ReadonlyArray<{ role: string; split: string; numClasses: number; probs: Float32Array }>;
}

export interface SummaryOptions {
  /** Bootstrap replicates (default 2000). */
  samples?: number;
  /** Seed of the bootstrap draws (default 0). */
  seed?: number;
}

export interface Interval { estimate: number; low: number; high: number }
export interface SeedRow {
  seed: number; weak_acc: number; ceiling_acc: number; transfer_acc: number; reference_acc?: number; pgr: number; pgr_fixed: number;
  ood_pgr?: number;
  /** `hasGap` on this seed's ood_test alone (a bootstrap over its examples): false means its ood_pgr is noise, shown as n/a. */
  ood_has_gap?: boolean;
  method_seconds: number; wall_seconds: number;
}
export interface SplitSummary {
  weak_acc: Interval;
  ceiling_acc: Interval;
  transfer_acc: Interval;
  pgr: Interval;
  pgr_fixed: Interval;
  /** The n-gram reference's accuracy, mean over seeds; absent unless every run scored it. */
  reference_acc?: number;
}
export interface Bin { lo: number; hi: number; confidence: number; accuracy: number; count: number }
export interface BucketRow { kind: string; bucket: string; n: number; weak_acc: number; ceiling_acc: number; transfer_acc: number; teacher_at_chance: boolean }
export interface GroupRow { split: 'test' | 'ood_test'; group: string; n: number; weak_acc: number; ceiling_acc: number; transfer_acc: number }
export interface Diagnostics {
  /** Counts summed over seeds' test sets. */
  imitation: { teacher_wrong: number; copied: number; corrected: number; teacher_right: number; broken: number; copy_rate: number; correct_rate: number; break_rate: number };
  /** Pooled over seeds (example-weighted); teacher_at_chance from a Wilson interval on the pooled counts. */
  buckets: BucketRow[];
  groups: GroupRow[];
  calibration: Record<'weak' | 'ceiling' | 'transfer', Bin[]>;
}

/** One group's summary; `seeds` has one row per seed, the intervals are 95% percentile bootstrap intervals. */
export interface GroupSummary extends SplitSummary {
  task: string;
  weak: string;
  strong: string;
  /** Display name: the method, plus the parameters that tell its variants apart. */
  method: string;
  method_name: string;
  method_params: Record<string, unknown>;
  /** Hash of the rest of the config (data, limit, probe, students, splits); '' without configs. */
  setting: string;
  /** How weak supervisor, ceiling and transfer students were trained (the same way): probes on frozen features, or fine-tuned encoders. */
  student: 'probe' | 'finetune';
  n_seeds: number;
  seeds: SeedRow[];
  pgr_vs_vanilla?: Interval & { p_value: number };
  auroc: Record<'weak' | 'ceiling' | 'transfer', number>;
  ece: Record<'weak' | 'ceiling' | 'transfer', number>;
  transfer_weak_agreement: number;
  ood?: SplitSummary;
  diagnostics: Diagnostics;
  /** Means per seed: the method's own time, and the whole run (weak labels and ceilings are cached across methods). */
  method_seconds: number;
  wall_seconds: number;
  estimated_flops: number;
  weak_params: number;
  strong_params: number;
  oracle_queries: number;
  /** True when some run had no stored predictions: correctness was rebuilt from accuracies, unpaired. */
  approximate: boolean;
}

type Split = 'test' | 'ood_test';
const ROLES = ['weak', 'ceiling', 'transfer'] as const;
/** Loose view of stored metrics: JSON turns NaN into null, so every number is read through `num`. */
type M = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const num = (v: unknown): number => (typeof v === 'number' ? v : NaN);
const meanOf = (xs: number[]): number => (xs.length ? mean(xs) : NaN);
const nanMean = (xs: number[]): number => meanOf(xs.filter(Number.isFinite));
const iv = (r: Interval): Interval => ({ estimate: r.estimate, low: r.low, high: r.high });

/**
 * Groups runs by (task, weak, strong, method, method parameters, rest of the
 * config) and summarises each group, in order of first appearance. `pgr` is the
 * mean of per-seed PGRs; `pgr_fixed` and `pgr_vs_vanilla` use fixed baselines
 * (weak and ceiling accuracy averaged over seeds), the 2026 sandbox protocol.
 */
export function summarize(runs: readonly SummaryRun[], opts: SummaryOptions = {}): GroupSummary[] {
  const groups = new Map<string, SummaryRun[]>();
  for (const r of runs) {
    const key = groupKey(r);
    const g = groups.get(key) ?? [];
    if (!g.some((x) => x.seed === r.seed)) g.push(r);
    groups.set(key, g.sort((a, b) => a.seed - b.seed));
  }
  const out = [...groups.entries()].map(([key, g]) => summarizeGroup(key, g, opts));
  for (const s of out) {
    const vanilla = findVanilla(s, out);
    if (vanilla && vanilla !== s) s.pgr_vs_vanilla = vsVanilla(groups.get(keyOf(s))!, groups.get(keyOf(vanilla))!, opts);
  }
  labelVariants(out);
  return out;
}

/** The vanilla group on the same task, models and setting (the one with default parameters when there are several). */
export function findVanilla(s: GroupSummary, all: readonly GroupSummary[]): GroupSummary | undefined {
  const same = all.filter((v) => v.method_name === 'vanilla' && v.task === s.task && v.weak === s.weak && v.strong === s.strong && v.setting === s.setting);
  const defaults = stableStringify(resolveParams(getMethod('vanilla')));
  return same.find((v) => stableStringify(v.method_params) === defaults) ?? same[0];
}

function settingOf(r: SummaryRun): string {
  if (!r.config) return '';
  const { seed: _s, method: _m, methodParams: _p, weak: _w, strong: _t, ...rest } = r.config;
  return configHash(rest);
}

/** The run's `--student` kind from its config (runs from before fine-tuning existed trained probes). */
function studentOf(r: SummaryRun): 'probe' | 'finetune' {
  const s = (r.config as M | undefined)?.student;
  return s?.kind === 'finetune' ? 'finetune' : 'probe';
}

const paramsOf = (r: SummaryRun): Record<string, unknown> => ((r.metrics as M).method_params ?? {}) as Record<string, unknown>;
const groupKey = (r: SummaryRun) => [r.task, r.weak, r.strong, r.method, settingOf(r), stableStringify(paramsOf(r))].join('\u0000');
const keyOf = (s: GroupSummary) => [s.task, s.weak, s.strong, s.method_name, s.setting, stableStringify(s.method_params)].join('\u0000');

/** Per-example correctness of weak, ceiling and transfer on one split, from stored predictions (or rebuilt). */
function correctness(r: SummaryRun, split: Split): { c: SeedCorrectness; exact: boolean } | undefined {
  const m = r.metrics as M;
  const labels: number[] | undefined = m.labels?.[split];
  if (!labels?.length) return undefined;
  const preds = ROLES.map((role) => r.predictions?.find((p) => p.role === role && p.split === split));
  if (preds.every((p) => p && p.probs.length === labels.length * p.numClasses)) {
    const [w, c, t] = preds.map((p) => Uint8Array.from(argmax(p!.probs, p!.numClasses), (y, i) => (y === labels[i] ? 1 : 0)));
    return { c: { weakCorrect: w, ceilingCorrect: c, transferCorrect: t }, exact: true };
  }
  const n = labels.length;
  const ones = (acc: number) => Uint8Array.from({ length: n }, (_, i) => (i < Math.round(num(acc) * n) ? 1 : 0));
  return { c: { weakCorrect: ones(m[split].weak_acc), ceilingCorrect: ones(m[split].ceiling_acc), transferCorrect: ones(m[split].transfer_acc) }, exact: false };
}

/**
 * Accuracy and PGR intervals of one split from a single hierarchical bootstrap
 * pass: the same replicates as `bootstrapMeanCi` and `bootstrapPgr` (with and
 * without fixed baselines) draw for this generator, so the intervals equal
 * theirs, at a fifth of the cost.
 */
export function splitIntervals(cs: readonly SeedCorrectness[], rng: Rng, samples = 2000, alpha = 0.05): SplitSummary {
  const columns = cs.map((c) => [c.weakCorrect, c.ceilingCorrect, c.transferCorrect]);
  const stats = (means: ReadonlyArray<ArrayLike<number>>): number[] => {
    const [w, c, t] = [0, 1, 2].map((j) => meanOf(means.map((m) => m[j])));
    return [w, c, t, meanOf(means.map((m) => pgr(m[0], m[1], m[2]))), pgr(w, c, t)];
  };
  const replicates: number[][] = [];
  hierarchicalBootstrap(columns, (means) => (replicates.push(stats(means)), 0), { samples, alpha, rng });
  const estimate = stats(columns.map((cols) => cols.map((col) => mean(col))));
  const interval = (j: number): Interval => {
    const sorted = Float64Array.from(replicates.slice(-samples).map((r) => r[j]).filter((v) => !Number.isNaN(v))).sort();
    return { estimate: estimate[j], low: quantile(sorted, alpha / 2), high: quantile(sorted, 1 - alpha / 2) };
  };
  return { weak_acc: interval(0), ceiling_acc: interval(1), transfer_acc: interval(2), pgr: interval(3), pgr_fixed: interval(4) };
}

/**
 * True when the n-gram reference was scored and the ceiling does not beat it:
 * the strong model is weaker than a bag of n-grams, so PGR here measures little.
 */
export function belowReference(s: SplitSummary): boolean {
  return s.reference_acc !== undefined && !(s.ceiling_acc.estimate > s.reference_acc);
}

/** The mean of a metric over runs, or undefined unless every run has it as a number. */
function meanIfAll(ms: M[], split: Split, field: string): number | undefined {
  const xs = ms.map((m) => m[split]?.[field]);
  return xs.length > 0 && xs.every((x) => typeof x === 'number' && Number.isFinite(x)) ? mean(xs) : undefined;
}

/**
 * Whether there is a gap for PGR to measure: the ceiling's interval lies above
 * the weak accuracy. Without one, PGR divides by noise and means nothing.
 */
export function hasGap(s: SplitSummary): boolean {
  return s.ceiling_acc.low > s.weak_acc.estimate;
}

function splitSummary(cs: SeedCorrectness[], rngKey: string, opts: SummaryOptions): SplitSummary {
  return splitIntervals(cs, deriveRng(opts.seed ?? 0, 'summary', rngKey), opts.samples);
}

const withReference = (s: SplitSummary, reference: number | undefined): SplitSummary => (reference === undefined ? s : { ...s, reference_acc: reference });

function summarizeGroup(key: string, runs: SummaryRun[], opts: SummaryOptions): GroupSummary {
  const first = runs[0];
  const ms = runs.map((r) => r.metrics as M);
  const test = runs.map((r) => correctness(r, 'test')!);
  if (test.some((t) => !t)) throw new Error(`run ${first.task}/${first.method} seed ${runs[test.findIndex((t) => !t)].seed} has no stored test labels (metrics.labels.test); rerun it`);
  const main = withReference(splitSummary(test.map((t) => t.c), key, opts), meanIfAll(ms, 'test', 'reference_acc'));
  const fixedWeak = meanOf(ms.map((m) => num(m.test.weak_acc)));
  const fixedCeiling = meanOf(ms.map((m) => num(m.test.ceiling_acc)));
  const ood = runs.map((r) => correctness(r, 'ood_test'));
  const hasOod = ood.every((o) => o);
  const oodSummary = hasOod ? withReference(splitSummary(ood.map((o) => o!.c), `${key}\u0000ood`, opts), meanIfAll(ms, 'ood_test', 'reference_acc')) : undefined;
  const stat = (split: Split, f: string) => nanMean(ms.map((m) => num(m[split]?.[f])));
  const seeds: SeedRow[] = runs.map((r, i) => ({
    seed: r.seed,
    weak_acc: num(ms[i].test.weak_acc),
    ceiling_acc: num(ms[i].test.ceiling_acc),
    transfer_acc: num(ms[i].test.transfer_acc),
    ...(typeof ms[i].test.reference_acc === 'number' ? { reference_acc: ms[i].test.reference_acc } : {}),
    pgr: num(ms[i].test.pgr),
    pgr_fixed: pgr(fixedWeak, fixedCeiling, num(ms[i].test.transfer_acc)),
    ...(ms[i].ood_test ? { ood_pgr: num(ms[i].ood_test.pgr) } : {}),
    ...(ood[i] ? { ood_has_gap: hasGap(splitSummary([ood[i]!.c], `${key}\u0000ood\u0000${r.seed}`, opts)) } : {}),
    method_seconds: num(r.timings.methodMs) / 1000,
    wall_seconds: num(r.timings.totalMs) / 1000,
  }));
  return {
    task: first.task,
    weak: first.weak,
    strong: first.strong,
    method: first.method,
    method_name: first.method,
    method_params: paramsOf(first),
    setting: settingOf(first),
    student: studentOf(first),
    n_seeds: runs.length,
    seeds,
    ...main,
    auroc: { weak: stat('test', 'weak_auroc'), ceiling: stat('test', 'ceiling_auroc'), transfer: stat('test', 'transfer_auroc') },
    ece: { weak: stat('test', 'weak_ece'), ceiling: stat('test', 'ceiling_ece'), transfer: stat('test', 'transfer_ece') },
    transfer_weak_agreement: stat('test', 'transfer_weak_agreement'),
    ...(oodSummary ? { ood: oodSummary } : {}),
    diagnostics: diagnostics(ms),
    method_seconds: nanMean(seeds.map((s) => s.method_seconds)),
    wall_seconds: nanMean(seeds.map((s) => s.wall_seconds)),
    estimated_flops: nanMean(ms.map((m) => num(m.estimated_flops))),
    weak_params: num(ms[0].weak_params),
    strong_params: num(ms[0].strong_params),
    oracle_queries: nanMean(ms.map((m) => num(m.oracle_queries))),
    approximate: test.some((t) => !t.exact) || ood.some((o) => o && !o.exact),
  };
}

function vsVanilla(a: SummaryRun[], vanilla: SummaryRun[], opts: SummaryOptions): GroupSummary['pgr_vs_vanilla'] {
  const b = a.map((r) => vanilla.find((v) => v.seed === r.seed));
  if (b.some((v) => !v)) return undefined;
  const ca = a.map((r) => correctness(r, 'test'));
  const cb = b.map((r) => correctness(r!, 'test'));
  if (ca.some((c, i) => !c?.exact || !cb[i]?.exact || c.c.weakCorrect.length !== cb[i]!.c.weakCorrect.length)) return undefined;
  const d = pairedDifferenceCi({
    a: ca.map((c) => c!.c), b: cb.map((c) => c!.c), fixedBaselines: true, samples: opts.samples,
    rng: deriveRng(opts.seed ?? 0, 'summary', groupKey(a[0]), 'vs-vanilla'),
  });
  return { ...iv(d), p_value: d.pValue };
}

function diagnostics(ms: M[]): Diagnostics {
  let wrong = 0, copied = 0, corrected = 0, right = 0, broken = 0;
  for (const m of ms) {
    const im = m.test.imitation ?? {};
    const w = num(im.teacherWrongCount), r = num(im.teacherRightCount);
    wrong += w;
    right += r;
    if (w > 0) copied += Math.round(num(im.copyRate) * w), corrected += Math.round(num(im.correctRate) * w);
    if (r > 0) broken += Math.round(num(im.breakRate) * r);
  }
  const k = num(ms[0].num_classes);
  return {
    imitation: { teacher_wrong: wrong, copied, corrected, teacher_right: right, broken, copy_rate: copied / wrong, correct_rate: corrected / wrong, break_rate: broken / right },
    buckets: poolBuckets(ms.map((m) => m.test.buckets ?? []), k).filter((b) => b.kind !== 'group'),
    groups: (['test', 'ood_test'] as const).flatMap((split) =>
      poolBuckets(ms.map((m) => m[split]?.buckets ?? []), k)
        .filter((b) => b.kind === 'group')
        .map((b) => ({ split, group: b.bucket, n: b.n, weak_acc: b.weak_acc, ceiling_acc: b.ceiling_acc, transfer_acc: b.transfer_acc })),
    ),
    calibration: { weak: poolBins(ms, 'weak'), ceiling: poolBins(ms, 'ceiling'), transfer: poolBins(ms, 'transfer') },
  };
}

function poolBuckets(perSeed: M[][], k: number): BucketRow[] {
  const acc = new Map<string, { kind: string; bucket: string; n: number; w: number; c: number; t: number }>();
  for (const b of perSeed.flat()) {
    const key = `${b.kind}\u0000${b.bucket}`;
    const a = acc.get(key) ?? { kind: b.kind, bucket: String(b.bucket), n: 0, w: 0, c: 0, t: 0 };
    const n = num(b.n);
    a.n += n;
    a.w += num(b.weakAcc) * n;
    a.c += num(b.ceilingAcc) * n;
    a.t += num(b.transferAcc) * n;
    acc.set(key, a);
  }
  return [...acc.values()].map((a) => {
    const ci = wilsonInterval(Math.round(a.w), a.n);
    return { kind: a.kind, bucket: a.bucket, n: a.n, weak_acc: a.w / a.n, ceiling_acc: a.c / a.n, transfer_acc: a.t / a.n, teacher_at_chance: ci.low <= 1 / k && 1 / k <= ci.high };
  });
}

function poolBins(ms: M[], role: 'weak' | 'ceiling' | 'transfer'): Bin[] {
  const curves: M[][] = ms.map((m) => m.test.calibration?.[role] ?? []).filter((c: M[]) => c.length > 0);
  if (curves.length === 0) return [];
  return curves[0].map((b0, i) => {
    let count = 0, conf = 0, acc = 0;
    for (const c of curves) {
      const n = num(c[i]?.count);
      if (!(n > 0)) continue;
      count += n;
      conf += num(c[i].confidence) * n;
      acc += num(c[i].accuracy) * n;
    }
    return { lo: num(b0.lo), hi: num(b0.hi), confidence: count ? conf / count : NaN, accuracy: count ? acc / count : NaN, count };
  });
}

/** Method variants with different parameters get a label naming the parameters that differ. */
function labelVariants(rows: GroupSummary[]): void {
  const byName = new Map<string, GroupSummary[]>();
  for (const r of rows) byName.set(r.method_name, [...(byName.get(r.method_name) ?? []), r]);
  for (const same of byName.values()) {
    const variants = new Set(same.map((r) => stableStringify(r.method_params)));
    if (variants.size < 2) continue;
    const names = [...new Set(same.flatMap((r) => Object.keys(r.method_params)))];
    const differing = names.filter((n) => new Set(same.map((r) => stableStringify(r.method_params[n] ?? null))).size > 1);
    for (const r of same) r.method = `${r.method_name}(${differing.map((n) => `${n}=${String(r.method_params[n])}`).join(',')})`;
  }
}
