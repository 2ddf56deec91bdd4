/** Pure scoring of class-index vectors against labels. */

/** 1 where the prediction equals the label. */
export function hits(predictions: ArrayLike<number>, labels: ArrayLike<number>): Uint8Array {
  if (predictions.length !== labels.length) throw new Error(`hits: ${predictions.length} predictions for ${labels.length} labels`);
  const out = new Uint8Array(labels.length);
  for (let i = 0; i < labels.length; i++) out[i] = predictions[i] === labels[i] ? 1 : 0;
  return out;
}

export function accuracyOf(predictions: ArrayLike<number>, labels: ArrayLike<number>): number {
  const h = hits(predictions, labels);
  let s = 0;
  for (const v of h) s += v;
  return s / h.length;
}

/** Why a prediction vector cannot be scored, or null: the length and every class index. */
export function predictionProblem(predictions: readonly number[], n: number, numClasses: number): string | null {
  if (predictions.length !== n) return `predictions has ${predictions.length} entries; the dev split has ${n} ids (one class index per id, in the order GET …/dev returns)`;
  const bad = predictions.findIndex((p) => !Number.isInteger(p) || p < 0 || p >= numClasses);
  if (bad >= 0) return `predictions[${bad}] is ${predictions[bad]}; a class index is an integer in 0..${numClasses - 1}`;
  return null;
}
