import { accuracy, argmax } from '../metrics/index.js';
import type { StudentValue } from '../contract/student-value.js';
import { hostStudent } from './host-students.js';
import type { Prepared, ScoredSplit } from './prepare.js';
import { scoreSplit, type SplitScores } from './run-metrics.js';

/**
 * The score phase: the host predicts the splits the method never saw with the
 * student it returned (as a value, already checked), and computes every metric
 * against ground truth it alone holds.
 */
export async function scoreStudent(p: Prepared, student: StudentValue, threads?: number): Promise<{ transferProbs: Record<string, Float32Array>; scores: Partial<Record<ScoredSplit, SplitScores>> }> {
  const predictor = hostStudent(student, p.strong, p.k, threads);
  const transferProbs: Record<string, Float32Array> = {};
  const scores: Partial<Record<ScoredSplit, SplitScores>> = {};
  // The weak labels' most common class on transfer (ties: the lowest index), for the prior-only audit.
  const counts = new Array<number>(p.k).fill(0);
  for (const c of argmax(p.weakProbs.transfer, p.k)) counts[c]++;
  const priorClass = counts.indexOf(Math.max(...counts));
  for (const s of p.scored) {
    const part = p.splits[s]!;
    transferProbs[s] = await predictor.predict(p.rowsOf(part));
    scores[s] = scoreSplit(
      {
        labels: p.labelsOf(part),
        weak: p.weakProbs[s],
        ceiling: p.ceilingProbs[s],
        transfer: transferProbs[s],
        difficulty: part.map((e) => e.difficulty),
        groups: part.map((e) => e.group),
        priorClass,
        ...(p.referenceProbs?.[s] ? { referenceAcc: accuracy(p.referenceProbs[s], p.k, p.labelsOf(part)) } : {}),
      },
      p.k,
    );
  }
  return { transferProbs, scores };
}
