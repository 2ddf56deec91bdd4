/**
 * The n-gram reference: logistic regression on TF-IDF character (1–5, inside
 * word boundaries) and word (1–2) n-grams, the classical text baseline a
 * strong model should beat. Deterministic: the fit is the minimiser of a
 * strictly convex objective reached by L-BFGS from zero, with no random choices.
 */
import { fitLogReg, predictLogReg, type LogRegOptions } from './logreg.js';
import { NgramVectorizer, type VectorizerOptions } from './vectorizer.js';

export { charWbNgrams, wordNgrams, type NgramRange } from './analyzers.js';
export { DEFAULT_LOGREG, fitLogReg, predictLogReg, type LogRegModel, type LogRegOptions } from './logreg.js';
export { lbfgs, type LbfgsOptions, type LbfgsResult, type Objective } from './lbfgs.js';
export type { Csr } from './sparse.js';
export { DEFAULT_VECTORIZER, NgramVectorizer, type VectorizerOptions } from './vectorizer.js';

export interface NgramOptions extends VectorizerOptions, LogRegOptions {}

export interface NgramTrainOptions {
  texts: readonly string[];
  /** Hard labels (class indices) — give these or `targets`. */
  labels?: ArrayLike<number>;
  /** Soft targets [n, numClasses] (e.g. a weak supervisor's probabilities). */
  targets?: Float32Array;
  numClasses: number;
  /** Per-text weights [n] (default 1). */
  weights?: Float32Array;
  options?: Partial<NgramOptions>;
}

export interface NgramModel {
  numClasses: number;
  /** Size of the learned n-gram vocabulary (features). */
  numFeatures: number;
  iterations: number;
  converged: boolean;
  /** Class probabilities [texts, numClasses]. */
  predict(texts: readonly string[]): Float32Array;
}

export function trainNgramReference(t: NgramTrainOptions): NgramModel {
  const K = t.numClasses;
  if (t.texts.length === 0) throw new Error('the n-gram reference needs at least one training text');
  const targets = targetsOf(t);
  const { vectorizer, x } = NgramVectorizer.fit(t.texts, t.options);
  const model = fitLogReg({ x, targets, numClasses: K, weights: t.weights, options: t.options });
  return {
    numClasses: K,
    numFeatures: vectorizer.size,
    iterations: model.iterations,
    converged: model.converged,
    predict: (texts) => predictLogReg(model, vectorizer.transform(texts)),
  };
}

function targetsOf(t: NgramTrainOptions): Float32Array {
  const n = t.texts.length;
  const K = t.numClasses;
  if ((t.labels === undefined) === (t.targets === undefined)) throw new Error('the n-gram reference takes either hard `labels` or soft `targets`, exactly one of them');
  if (t.targets) return t.targets;
  const labels = t.labels!;
  if (labels.length !== n) throw new Error(`the n-gram reference got ${labels.length} labels for ${n} texts`);
  const out = new Float32Array(n * K);
  for (let i = 0; i < n; i++) {
    const y = labels[i];
    if (!(Number.isInteger(y) && y >= 0 && y < K)) throw new Error(`label ${y} of text ${i} is not a class index in 0..${K - 1}`);
    out[i * K + y] = 1;
  }
  return out;
}
