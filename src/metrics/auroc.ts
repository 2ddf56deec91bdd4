import { sameLength } from './check.js';

/**
 * Area under the ROC curve of `scores` for binary labels (1 = positive, 0 =
 * negative), via the Mann–Whitney U statistic. Tied scores get their average
 * rank, so a tie between a positive and a negative counts one half.
 * Throws when either class is absent (the AUROC is undefined) or a score is NaN.
 */
export function auroc(scores: ArrayLike<number>, binaryLabels: ArrayLike<number>): number {
  const n = sameLength(scores, binaryLabels, 'scores', 'binaryLabels');
  let positives = 0;
  for (let i = 0; i < n; i++) {
    const y = binaryLabels[i];
    if (y !== 0 && y !== 1) throw new Error(`binaryLabels[${i}] = ${y}; expected 0 or 1`);
    if (Number.isNaN(scores[i])) throw new Error(`scores[${i}] is NaN`);
    positives += y;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) {
    throw new Error(`auroc needs both classes; got ${positives} positives and ${negatives} negatives`);
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a] - scores[b]);
  let positiveRankSum = 0;
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && scores[order[end]] === scores[order[start]]) end++;
    const averageRank = (start + 1 + end) / 2; // ranks start+1 .. end, 1-based
    for (let i = start; i < end; i++) if (binaryLabels[order[i]] === 1) positiveRankSum += averageRank;
    start = end;
  }
  return (positiveRankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}
