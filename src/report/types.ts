/**
 * Input of `w2s report`: plain data, filled by the CLI from the results store.
 * Accuracies and PGR are fractions (0..1 for accuracy; PGR may leave [0, 1]).
 * Intervals are 95% intervals over seeds (bootstrap); `NaN` marks "not defined"
 * (e.g. PGR when ceiling equals weak) and is rendered as a gap, never as 0.
 */
export interface Interval {
  estimate: number;
  low: number;
  high: number;
}

/** One bin of a reliability diagram: predictions with confidence in [lo, hi). */
export interface CalibrationBin {
  lo: number;
  hi: number;
  /** Mean predicted confidence of the bin. */
  confidence: number;
  /** Fraction of the bin's predictions that were right. */
  accuracy: number;
  count: number;
}

/** Label-quality degradation: counts on the test set. */
export interface ImitationDiagnostic {
  /** Test examples the weak supervisor gets wrong. */
  teacherWrong: number;
  /** ...of which the student gives the teacher's wrong answer. */
  copied: number;
  /** ...of which the student gives the right answer. */
  corrected: number;
  /** Test examples the weak supervisor gets right. */
  teacherRight: number;
  /** ...of which the student gets wrong. */
  broken: number;
}

export interface GroupAccuracy {
  group: string;
  weakAcc: number;
  ceilingAcc: number;
  transferAcc: number;
  n: number;
}

/** Distribution shift: `inDist` and `ood` are PGR intervals on `test` and `ood_test`. */
export interface ShiftDiagnostic {
  inDist: Interval;
  ood?: Interval;
  perGroup?: GroupAccuracy[];
}

export type BucketKind = 'difficulty' | 'teacher_confidence';

export interface BucketAccuracy {
  kind: BucketKind;
  bucket: string;
  weakAcc: number;
  ceilingAcc: number;
  transferAcc: number;
  n: number;
  teacherAtChance: boolean;
}

export interface ComputeDiagnostic {
  wallSeconds: number;
  flops?: number;
  vanillaWallSeconds?: number;
}

export interface Diagnostics {
  imitation?: ImitationDiagnostic;
  shift?: ShiftDiagnostic;
  buckets?: BucketAccuracy[];
  compute?: ComputeDiagnostic;
}

/** One method run on one weak→strong pair of one task, summarised over seeds. */
export interface MethodSummary {
  task: string;
  weak: string;
  strong: string;
  strongParams?: number;
  weakParams?: number;
  /** Display name (the method plus the parameters that tell its variants apart). */
  method: string;
  /** The registered method name without parameters (e.g. 'refine' for 'refine(budget=50)'); default: `method`. */
  methodName?: string;
  /** Ground-truth labels the method bought from the oracle, mean per seed (0 or absent for most methods). */
  oracleQueries?: number;
  nSeeds: number;
  weakAcc: Interval;
  ceilingAcc: Interval;
  /** How weak, ceiling and transfer students were trained, all the same way: 'probe' (frozen features) or 'finetune'. */
  student?: 'probe' | 'finetune';
  /** Test accuracy of the n-gram reference (logistic regression on character and word n-grams), mean over seeds. */
  referenceAcc?: number;
  transferAcc: Interval;
  pgr: Interval;
  /** Paired PGR difference against the vanilla method on the same seeds. */
  pgrVsVanilla?: Interval;
  wallSeconds?: number;
  calibration?: { weak?: CalibrationBin[]; ceiling?: CalibrationBin[]; transfer?: CalibrationBin[] };
  diagnostics?: Diagnostics;
}

export interface ReportInput {
  title: string;
  /** ISO timestamp. */
  generatedAt: string;
  codeVersion: string;
  rows: MethodSummary[];
  notes?: string[];
}
