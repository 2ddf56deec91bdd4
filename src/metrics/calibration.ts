import { argmax, maxProb } from './argmax.js';
import { checkClassIndices, type ClassIndices, type Probs } from './check.js';

export interface CalibrationBin {
  /** Lower edge (inclusive). */
  lo: number;
  /** Upper edge (exclusive, except the last bin, which includes 1). */
  hi: number;
  /** Mean top-class confidence in the bin; NaN when the bin is empty. */
  confidence: number;
  /** Accuracy of the top-class prediction in the bin; NaN when the bin is empty. */
  accuracy: number;
  count: number;
}

/**
 * Reliability diagram of the top-class confidence: `bins` equal-width bins over
 * [0, 1], bin b = [b/bins, (b+1)/bins), the last bin closed at 1. Every bin is
 * returned, empty ones with count 0 and NaN confidence and accuracy.
 */
export function calibrationCurve(
  probs: Probs,
  numClasses: number,
  labels: ClassIndices,
  bins = 10,
): CalibrationBin[] {
  if (!Number.isInteger(bins) || bins < 1) throw new Error(`bins must be a positive integer, got ${bins}`);
  const conf = maxProb(probs, numClasses);
  const pred = argmax(probs, numClasses);
  checkClassIndices(labels, pred.length, numClasses);
  const count = new Float64Array(bins);
  const confSum = new Float64Array(bins);
  const hits = new Float64Array(bins);
  for (let i = 0; i < conf.length; i++) {
    const c = conf[i];
    if (c < 0 || c > 1) throw new Error(`top-class probability of row ${i} is ${c}, outside [0, 1]`);
    const b = Math.min(bins - 1, Math.floor(c * bins));
    count[b]++;
    confSum[b] += c;
    if (pred[i] === labels[i]) hits[b]++;
  }
  return Array.from({ length: bins }, (_, b) => ({
    lo: b / bins,
    hi: (b + 1) / bins,
    confidence: count[b] > 0 ? confSum[b] / count[b] : NaN,
    accuracy: count[b] > 0 ? hits[b] / count[b] : NaN,
    count: count[b],
  }));
}

/**
 * Expected calibration error of the top-class confidence:
 * sum over bins of (bin count / n) * |bin accuracy - bin mean confidence|,
 * with the bins of `calibrationCurve`.
 */
export function ece(probs: Probs, numClasses: number, labels: ClassIndices, bins = 10): number {
  const curve = calibrationCurve(probs, numClasses, labels, bins);
  let n = 0;
  let total = 0;
  for (const bin of curve) {
    if (bin.count === 0) continue;
    n += bin.count;
    total += bin.count * Math.abs(bin.accuracy - bin.confidence);
  }
  return total / n;
}
