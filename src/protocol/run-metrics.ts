import {
  accuracy, accuracyByBucket, agreement, argmax, auroc, calibrationCurve, ece, imitation, maxProb, pgr,
} from '../metrics/index.js';

export interface ScoredSplit {
  labels: Int32Array;
  weak: Float32Array;
  ceiling: Float32Array;
  transfer: Float32Array;
  difficulty?: (number | undefined)[];
  groups?: (string | undefined)[];
  /** Accuracy of the n-gram reference on this split (src/protocol/reference.ts), when the run scored one. */
  referenceAcc?: number;
  /** The weak labels' majority class on transfer: `prior_acc` is the accuracy of always predicting it (the prior-only audit). */
  priorClass?: number;
}

const CONFIDENCE_EDGES = [0.6, 0.7, 0.8, 0.9];

function role(probs: Float32Array, k: number, labels: Int32Array) {
  const out: Record<string, number> = { acc: accuracy(probs, k, labels), ece: ece(probs, k, labels) };
  if (k === 2) {
    const scores = new Float64Array(labels.length);
    for (let i = 0; i < labels.length; i++) scores[i] = probs[i * 2 + 1];
    const hasBoth = labels.some((l) => l === 0) && labels.some((l) => l === 1);
    out.auroc = hasBoth ? auroc(scores, labels) : NaN;
  }
  return out;
}

/** Accuracy, AUROC, ECE, PGR, agreement and the failure-mode diagnostics of one run on one split. */
export function scoreSplit(s: ScoredSplit, k: number) {
  const weak = role(s.weak, k, s.labels);
  const ceiling = role(s.ceiling, k, s.labels);
  const transfer = role(s.transfer, k, s.labels);
  const weakPred = argmax(s.weak, k);
  const transferPred = argmax(s.transfer, k);
  const ceilingPred = argmax(s.ceiling, k);
  const correct = (pred: Int32Array) => Uint8Array.from(pred, (p, i) => (p === s.labels[i] ? 1 : 0));
  const wc = correct(weakPred);
  const cc = correct(ceilingPred);
  const tc = correct(transferPred);
  const buckets: Array<{ kind: string; bucket: string; weakAcc: number; ceilingAcc: number; transferAcc: number; n: number; teacherAtChance: boolean }> = [];
  const addBuckets = (kind: string, ids: string[]) => {
    const byWeak = accuracyByBucket(wc, ids, { numClasses: k });
    const byCeil = new Map(accuracyByBucket(cc, ids, { numClasses: k }).map((b) => [String(b.bucket), b]));
    const byTrans = new Map(accuracyByBucket(tc, ids, { numClasses: k }).map((b) => [String(b.bucket), b]));
    for (const b of byWeak) {
      const key = String(b.bucket);
      buckets.push({ kind, bucket: key, n: b.count, weakAcc: b.accuracy, ceilingAcc: byCeil.get(key)!.accuracy, transferAcc: byTrans.get(key)!.accuracy, teacherAtChance: b.atChance });
    }
  };
  const conf = maxProb(s.weak, k);
  addBuckets('teacher_confidence', Array.from(conf, (c) => confidenceBucket(c)));
  if (s.difficulty?.some((d) => d !== undefined)) addBuckets('difficulty', s.difficulty.map((d) => String(d ?? 'n/a')));
  if (s.groups?.some((g) => g !== undefined)) addBuckets('group', s.groups.map((g) => g ?? 'n/a'));
  return {
    n: s.labels.length,
    weak_acc: weak.acc,
    ceiling_acc: ceiling.acc,
    transfer_acc: transfer.acc,
    pgr: pgr(weak.acc, ceiling.acc, transfer.acc),
    ...(s.referenceAcc === undefined ? {} : { reference_acc: s.referenceAcc }),
    ...(s.priorClass === undefined ? {} : { prior_acc: s.labels.reduce((n, y) => n + (y === s.priorClass ? 1 : 0), 0) / Math.max(1, s.labels.length) }),
    weak_auroc: weak.auroc,
    ceiling_auroc: ceiling.auroc,
    transfer_auroc: transfer.auroc,
    weak_ece: weak.ece,
    ceiling_ece: ceiling.ece,
    transfer_ece: transfer.ece,
    transfer_weak_agreement: agreement(s.transfer, s.weak, k),
    imitation: imitation(weakPred, transferPred, s.labels),
    buckets,
    calibration: {
      weak: calibrationCurve(s.weak, k, s.labels),
      ceiling: calibrationCurve(s.ceiling, k, s.labels),
      transfer: calibrationCurve(s.transfer, k, s.labels),
    },
  };
}

export type SplitScores = ReturnType<typeof scoreSplit>;

function confidenceBucket(c: number): string {
  let lo = 0;
  for (const e of CONFIDENCE_EDGES) if (c >= e) lo = e;
  const hi = CONFIDENCE_EDGES.find((e) => e > c) ?? 1;
  return `${lo.toFixed(1)}-${hi.toFixed(1)}`;
}
