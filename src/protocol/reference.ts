/**
 * The n-gram reference of a run: logistic regression on character and word
 * n-grams (src/models/ngram), trained on `transfer` with ground truth — the
 * same rows and labels as the ceiling — and scored on the scored splits. A
 * strong model whose ceiling does not beat it is not a strong model, and PGR
 * measured under it says little.
 */
import { accuracy } from '../metrics/index.js';
import { trainNgramReference, type NgramOptions } from '../models/ngram/index.js';
import type { Example, Splits } from '../tasks/index.js';

export type ScoredSplitName = 'test' | 'ood_test';

export interface LabelledTexts {
  texts: readonly string[];
  labels: ArrayLike<number>;
}

export interface ReferenceScore {
  acc: number;
}

/** Trains the reference on `train` and scores it on each split given. */
export function scoreReference(opts: {
  train: LabelledTexts;
  scored: Partial<Record<ScoredSplitName, LabelledTexts>>;
  numClasses: number;
  options?: Partial<NgramOptions>;
}): Partial<Record<ScoredSplitName, ReferenceScore>> {
  const model = trainNgramReference({ texts: opts.train.texts, labels: opts.train.labels, numClasses: opts.numClasses, options: opts.options });
  const out: Partial<Record<ScoredSplitName, ReferenceScore>> = {};
  for (const [split, s] of Object.entries(opts.scored) as Array<[ScoredSplitName, LabelledTexts | undefined]>) {
    if (!s || s.texts.length === 0) continue;
    out[split] = { acc: accuracy(model.predict(s.texts), opts.numClasses, Int32Array.from(s.labels)) };
  }
  return out;
}

/**
 * The reference for a run's splits: trained on `transfer`, scored on `test`
 * and `ood_test` (when present). Undefined for feature data (the examples have
 * no text), where a bag of n-grams has nothing to read.
 */
export function referenceForSplits(splits: Splits, numClasses: number, options?: Partial<NgramOptions>): Partial<Record<ScoredSplitName, ReferenceScore>> | undefined {
  const all = [splits.transfer, splits.test, splits.ood_test ?? []].flat();
  if (all.some((e) => typeof e.text !== 'string')) return undefined;
  const part = (xs: readonly Example[]): LabelledTexts => ({ texts: xs.map((e) => e.text!), labels: xs.map((e) => e.label) });
  return scoreReference({
    train: part(splits.transfer),
    scored: { test: part(splits.test), ...(splits.ood_test?.length ? { ood_test: part(splits.ood_test) } : {}) },
    numClasses,
    options,
  });
}

/** Bump when the reference model computes something else (it joins the reference's cache key). */
export const REFERENCE_VERSION = 2;

/**
 * The reference's class probabilities on each scored split (trained on
 * `transfer` with ground truth), or undefined for data without text.
 */
export function referencePredictions(splits: Splits, numClasses: number, options?: Partial<NgramOptions>): Partial<Record<ScoredSplitName, Float32Array>> | undefined {
  const all = [splits.transfer, splits.test, splits.ood_test ?? []].flat();
  if (all.some((e) => typeof e.text !== 'string')) return undefined;
  const model = trainNgramReference({ texts: splits.transfer.map((e) => e.text!), labels: splits.transfer.map((e) => e.label), numClasses, options });
  const out: Partial<Record<ScoredSplitName, Float32Array>> = { test: model.predict(splits.test.map((e) => e.text!)) };
  if (splits.ood_test?.length) out.ood_test = model.predict(splits.ood_test.map((e) => e.text!));
  return out;
}
