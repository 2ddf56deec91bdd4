import type { ProbeConfig, ProbeLoss } from '../models/probe.js';
import type { Rng } from '../util/rng.js';

/**
 * What a method may see of one pool of examples (`transfer` or `val`): the
 * student's representation of each input and the weak supervisor's soft
 * labels. Never ground truth, and the test split is not reachable at all.
 */
export interface WeakPool {
  readonly name: 'transfer' | 'val';
  /** Opaque ids, salted per run: equal within a run, carrying nothing about the example or its label. */
  readonly ids: readonly string[];
  /** The strong student's frozen features, raw, [n, dim]. */
  readonly features: Float32Array;
  readonly dim: number;
  /** The weak supervisor's class probabilities, [n, k]. */
  readonly weakProbs: Float32Array;
  /**
   * Consistency groups (examples that must share a label), only for tasks that
   * declare them; corpus groups are withheld because they can encode the label.
   */
  readonly groups?: readonly (string | undefined)[];
  /**
   * The task's auxiliary tasks (Dataset.auxTasks), answered for each example of
   * the pool from its input alone; -1 where the question does not apply.
   */
  readonly aux?: Readonly<Record<string, AuxLabels>>;
}

export interface AuxLabels {
  readonly description: string;
  readonly classes: readonly string[];
  /** [n]: class index per example, -1 for none. */
  readonly labels: Int32Array;
}

/** Options for training one student. */
export interface StudentTrainOptions {
  /** Which pool's features to train on. */
  pool: 'transfer' | 'val';
  /** Rows of the pool to use (default: all). */
  rows?: Int32Array;
  /** Targets [rows, k]: soft labels. */
  targets: Float32Array;
  /** Per-row weights (default 1). */
  weights?: Float32Array;
  /** A custom loss (default: soft cross-entropy). */
  loss?: ProbeLoss;
  scalars?: { names: string[]; at: (step: number, totalSteps: number) => Record<string, number> };
  /** Overrides of the student's probe configuration. */
  config?: Partial<ProbeConfig>;
  /** Seed for initialisation and batching; defaults to the run's seed. */
  seed?: number;
  /** Early stopping: keep the epoch whose agreement with the weak labels on val is highest. */
  earlyStopOnWeakVal?: boolean;
  /**
   * Extra output logits after the k class logits: auxiliary heads that share the
   * probe's hidden layers (see methods/aux-tasks.ts). Targets are then
   * [rows, k + extraOutputs] and a custom `loss` is required; the student's
   * predictions stay the k class probabilities.
   */
  extraOutputs?: number;
}

/** A trained student as a method sees it: it can be asked about transfer and val only. */
export interface Student {
  predict(pool: 'transfer' | 'val'): Promise<Float32Array>;
  /** Identifies the trained weights; the protocol scores the student the method returns. */
  readonly id: number;
}

export interface StudentFactory {
  train(opts: StudentTrainOptions): Promise<Student>;
  /** Number of students trained so far (compute accounting). */
  readonly trained: number;
}

/**
 * Ground-truth labels for transfer examples, under an explicit budget: the
 * stand-in for a human annotator. Every query is counted and recorded.
 */
export interface Oracle {
  readonly budget: number;
  readonly used: number;
  /** Labels of the given transfer rows; throws when the budget would be exceeded. */
  query(rows: Int32Array): Promise<Int32Array>;
  readonly queried: readonly string[];
}

/** One extra supervisor's soft labels [n, k] on each pool; an all-zero or flat row is an abstention. */
export interface ExtraSupervisor {
  readonly transfer: Float32Array;
  readonly val: Float32Array;
  /** The source it shares with other supervisors (absent: independent of the others given the truth). */
  readonly source?: string;
}

/** The weak supervisor, for methods that relabel or ensemble. */
export interface SupervisorView {
  readonly name: string;
  /**
   * Additional weak supervisors' soft labels on transfer and val (ensembles),
   * keyed by name. `source` names what a supervisor shares with others (the
   * weak model that bootstrap refits come from: its name): supervisors with the
   * same source, or named as it, are correlated and are modelled as one block.
   */
  readonly extra: ReadonlyMap<string, ExtraSupervisor>;
}

export interface MethodContext {
  readonly numClasses: number;
  readonly classes: readonly string[];
  readonly seed: number;
  readonly rng: Rng;
  readonly transfer: WeakPool;
  readonly val: WeakPool;
  readonly student: StudentFactory;
  readonly supervisor: SupervisorView;
  readonly oracle: Oracle;
  /** Progress and notes; shown with --verbose and stored with the run. */
  log(message: string): void;
}

export interface MethodResult {
  student: Student;
  /** Method-specific figures stored with the run (e.g. rows kept by a filter). */
  notes?: Record<string, number | string | boolean>;
}

export type ParamValue = number | string | boolean;

export interface MethodParam {
  name: string;
  type: 'number' | 'string' | 'boolean';
  default: ParamValue;
  description: string;
}

/** A weak-to-strong method: one file, registered by name. */
export interface Method {
  name: string;
  /** One line for `w2s methods`. */
  description: string;
  params: MethodParam[];
  /**
   * Whether the method combines several weak supervisors: the protocol then fills
   * `supervisor.extra` with more weak models (other seeds, bootstrap resamples of
   * weak_train) and the task's labeling functions.
   */
  extraSupervisors?: boolean;
  /** Ground-truth queries the method needs (0 for most). */
  oracleBudget?: (params: Record<string, ParamValue>, transferSize: number) => number;
  run(ctx: MethodContext, params: Record<string, ParamValue>): Promise<MethodResult>;
}
