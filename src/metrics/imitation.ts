import { sameLength } from './check.js';

/** How a student relates to its teacher's errors, on the test set. */
export interface Imitation {
  /** Examples the teacher gets wrong. */
  teacherWrongCount: number;
  /** Of those, share where the student predicts the teacher's wrong answer. */
  copyRate: number;
  /** Of those, share where the student predicts the true label. */
  correctRate: number;
  /** Of those, share where the student predicts a third, also wrong, class (0 for binary tasks). */
  otherRate: number;
  /** Examples the teacher gets right. */
  teacherRightCount: number;
  /** Of those, share where the student is wrong (it breaks a right answer). */
  breakRate: number;
}

/**
 * The label-quality failure mode, measured: on examples the teacher gets wrong,
 * does the student copy the error or correct it; on examples it gets right, does
 * the student break them. Inputs are aligned predicted classes and true labels.
 * A rate is NaN when its group is empty.
 */
export function imitation(
  weakPred: ArrayLike<number>,
  studentPred: ArrayLike<number>,
  labels: ArrayLike<number>,
): Imitation {
  const n = sameLength(weakPred, studentPred, 'weakPred', 'studentPred');
  sameLength(weakPred, labels, 'weakPred', 'labels');
  let wrong = 0, copied = 0, corrected = 0, right = 0, broken = 0;
  for (let i = 0; i < n; i++) {
    const w = weakPred[i], s = studentPred[i], y = labels[i];
    if (w === y) {
      right++;
      if (s !== y) broken++;
    } else {
      wrong++;
      if (s === w) copied++;
      else if (s === y) corrected++;
    }
  }
  return {
    teacherWrongCount: wrong,
    copyRate: copied / wrong,
    correctRate: corrected / wrong,
    otherRate: (wrong - copied - corrected) / wrong,
    teacherRightCount: right,
    breakRate: broken / right,
  };
}
