import { deriveRng } from '../util/rng.js';
import type { Dataset, Example, InDistSplitName, Splits } from './types.js';

export interface SplitFractions {
  weak_train: number;
  transfer: number;
  val: number;
  test: number;
}

export const DEFAULT_FRACTIONS: Readonly<SplitFractions> = { weak_train: 0.25, transfer: 0.45, val: 0.1, test: 0.2 };

export interface SplitOptions {
  seed: number;
  /** Relative sizes (normalised to sum 1). In easy-to-hard mode `test` is ignored: test holds every hard example. */
  fractions?: SplitFractions;
  /** Apply the dataset's easy-to-hard protocol; default true when the dataset defines one. */
  easyToHard?: boolean;
  /** Fewest examples each in-distribution split may hold (default 1). */
  minPerSplit?: number;
}

const IN_DIST: readonly InDistSplitName[] = ['weak_train', 'transfer', 'val', 'test'];
const NEED_TWO_CLASSES: readonly InDistSplitName[] = ['weak_train', 'transfer', 'test'];

/**
 * Partition a dataset into the protocol's splits, deterministically by seed.
 * Each example goes to exactly one split. The assignment is stratified by class and depends
 * only on (seed, ids, labels), so it does not change when examples are loaded in another order.
 * Shifted examples (`isOod`) go to `ood_test` and nowhere else.
 */
export function splitDataset(ds: Dataset, opts: SplitOptions): Splits {
  const fractions = checkFractions(opts.fractions ?? DEFAULT_FRACTIONS);
  checkExamples(ds);
  const key = sortKeys(ds.examples, opts.seed);
  const byKey = (a: Example, b: Example) => key.get(a)! - key.get(b)! || (a.id < b.id ? -1 : 1);

  const ood: Example[] = [];
  const inDist: Example[] = [];
  for (const e of ds.examples) (ds.isOod?.(e) ? ood : inDist).push(e);

  const e2h = ds.easyToHard && opts.easyToHard !== false ? ds.easyToHard : undefined;
  const out: Splits = { weak_train: [], transfer: [], val: [], test: [] };
  if (e2h) {
    const easy: Example[] = [];
    for (const e of inDist) {
      if (e.difficulty === undefined || !Number.isFinite(e.difficulty)) {
        throw new Error(`dataset '${ds.name}' uses easy-to-hard splitting but example '${e.id}' has no difficulty`);
      }
      (e.difficulty <= e2h.easyMax ? easy : out.test).push(e);
    }
    const easySplits: InDistSplitName[] = ['weak_train', 'transfer', 'val'];
    assignStratified(easy, easySplits, easySplits.map((s) => fractions[s]), out, byKey);
  } else {
    assignStratified(inDist, IN_DIST, IN_DIST.map((s) => fractions[s]), out, byKey);
  }
  for (const s of IN_DIST) out[s].sort(byKey);
  if (ood.length > 0) out.ood_test = ood.sort(byKey);

  validate(ds, out, fractions, inDist.length, e2h?.easyMax, opts.minPerSplit ?? 1);
  return out;
}

/** Count examples per class (index = class index). */
export function classCounts(examples: readonly Example[], numClasses: number): number[] {
  const counts = new Array<number>(numClasses).fill(0);
  for (const e of examples) counts[e.label]++;
  return counts;
}

function checkFractions(f: SplitFractions): SplitFractions {
  let sum = 0;
  for (const s of IN_DIST) {
    const v = f[s];
    if (!(Number.isFinite(v) && v > 0)) {
      throw new Error(`split fraction ${s}=${v} is invalid: every fraction must be a positive number`);
    }
    sum += v;
  }
  return { weak_train: f.weak_train / sum, transfer: f.transfer / sum, val: f.val / sum, test: f.test / sum };
}

function checkExamples(ds: Dataset): void {
  const seen = new Set<string>();
  const k = ds.classes.length;
  for (const e of ds.examples) {
    if (seen.has(e.id)) throw new Error(`dataset '${ds.name}' has two examples with id '${e.id}'; ids must be unique`);
    seen.add(e.id);
    if (!Number.isInteger(e.label) || e.label < 0 || e.label >= k) {
      throw new Error(`dataset '${ds.name}' example '${e.id}' has label ${e.label}; labels must be class indices 0..${k - 1}`);
    }
  }
}

function sortKeys(examples: readonly Example[], seed: number): Map<Example, number> {
  const key = new Map<Example, number>();
  for (const e of examples) key.set(e, deriveRng(seed, 'split', e.id).nextUint32());
  return key;
}

/**
 * Stratified cut: within each class order by key and give each member the position
 * (rank + 0.5) / classSize; merging all classes by that position interleaves them in
 * proportion, so cutting the merged order into the split sizes keeps class shares in every
 * split (to within one example per class) while split sizes follow the fractions exactly.
 */
function assignStratified(
  pool: Example[],
  names: readonly InDistSplitName[],
  weights: number[],
  out: Splits,
  byKey: (a: Example, b: Example) => number,
): void {
  const total = weights.reduce((a, b) => a + b, 0);
  const byClass = new Map<number, Example[]>();
  for (const e of pool) {
    const list = byClass.get(e.label);
    if (list) list.push(e);
    else byClass.set(e.label, [e]);
  }
  const merged: { e: Example; pos: number }[] = [];
  for (const members of byClass.values()) {
    members.sort(byKey).forEach((e, r) => merged.push({ e, pos: (r + 0.5) / members.length }));
  }
  merged.sort((a, b) => a.pos - b.pos || a.e.label - b.e.label);
  const counts = largestRemainder(merged.length, weights.map((w) => w / total));
  let start = 0;
  names.forEach((name, i) => {
    for (const m of merged.slice(start, start + counts[i])) out[name].push(m.e);
    start += counts[i];
  });
}

function largestRemainder(n: number, fractions: number[]): number[] {
  const exact = fractions.map((f) => f * n);
  const counts = exact.map(Math.floor);
  let left = n - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (let k = 0; left > 0; k++, left--) counts[order[k % order.length].i]++;
  return counts;
}

function validate(ds: Dataset, out: Splits, f: SplitFractions, inDistCount: number, easyMax: number | undefined, minPerSplit: number): void {
  const fixHint = 'raise --limit (or supply more data), or change the split fractions';
  const minFrac = Math.min(f.weak_train, f.transfer, f.val, easyMax === undefined ? f.test : 1);
  const need = Math.ceil(2 / minFrac);
  for (const s of IN_DIST) {
    if (out[s].length > 0) continue;
    if (s === 'test' && easyMax !== undefined) {
      throw new Error(
        `split 'test' is empty: dataset '${ds.name}' has no in-distribution examples with difficulty > ${easyMax} ` +
          `(easy-to-hard protocol); ${fixHint}`,
      );
    }
    const pool = easyMax === undefined ? 'in-distribution' : `easy (difficulty <= ${easyMax})`;
    throw new Error(
      `split '${s}' is empty: dataset '${ds.name}' has ${inDistCount} in-distribution examples; ` +
        `with fractions ${fmtFractions(f)} the ${pool} pool needs at least about ${need} examples; ${fixHint}`,
    );
  }
  for (const s of IN_DIST) {
    if (out[s].length >= minPerSplit) continue;
    throw new Error(
      `split '${s}' has ${out[s].length} examples; each split needs at least ${minPerSplit} for meaningful scores. ` +
        `Dataset '${ds.name}' has ${inDistCount} in-distribution examples (fractions ${fmtFractions(f)}); ${fixHint}`,
    );
  }
  for (const s of NEED_TWO_CLASSES) {
    const counts = classCounts(out[s], ds.classes.length);
    const present = counts.filter((c) => c > 0).length;
    if (present >= 2) continue;
    const only = ds.classes[counts.findIndex((c) => c > 0)];
    throw new Error(
      `split '${s}' has only one class ('${only}', ${out[s].length} examples); it needs at least 2 classes. ` +
        `Dataset '${ds.name}' class counts: ${fmtCounts(ds)}; ${fixHint}`,
    );
  }
}

function fmtFractions(f: SplitFractions): string {
  return IN_DIST.map((s) => `${s}=${+f[s].toFixed(3)}`).join(' ');
}

function fmtCounts(ds: Dataset): string {
  const counts = classCounts(ds.examples, ds.classes.length);
  return ds.classes.map((c, i) => `${c}=${counts[i]}`).join(', ');
}
