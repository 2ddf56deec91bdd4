/** The data the results store holds, as plain typed values. */

export const ROLES = ['weak', 'ceiling', 'transfer'] as const;
/** Which model produced a prediction set. */
export type Role = (typeof ROLES)[number];

export const SPLITS = ['test', 'ood_test', 'transfer', 'val'] as const;
/** Which data split a prediction set covers. */
export type Split = (typeof SPLITS)[number];

export type ExampleId = string | number;

/** One model's class probabilities on one split, row-major [exampleIds.length, numClasses]. */
export interface PredictionInput {
  role: Role;
  split: Split;
  exampleIds: readonly ExampleId[];
  numClasses: number;
  /** Stored as float32; Float64Array input is rounded. */
  probs: Float32Array | Float64Array;
}

export interface Prediction {
  role: Role;
  split: Split;
  exampleIds: ExampleId[];
  numClasses: number;
  probs: Float32Array;
}

/** What names a run: its key and the coordinates it is listed by. */
export interface RunIdentity {
  /** configHash of the full run config, seed included (see runKeyOf). */
  runKey: string;
  task: string;
  weak: string;
  strong: string;
  method: string;
  seed: number;
}

export interface RunInput extends RunIdentity {
  /** The full run config; stored as canonical JSON (stableStringify), so it must be plain JSON. */
  config: object;
  codeVersion: string;
  /** Wall times and other costs by name, e.g. { weakTrainMs: 1200, transferTrainMs: 5400 }. */
  timings: Record<string, number>;
  /** Stored with JSON.stringify: NaN and Infinity (e.g. an undefined PGR) read back as null. */
  metrics: Record<string, unknown>;
  predictions: readonly PredictionInput[];
  /** ISO 8601 times; stored as null when not given. */
  startedAt?: string;
  finishedAt?: string;
}

export type RunStatus = 'done';

export interface RunSummary extends RunIdentity {
  id: number;
  config: Record<string, unknown>;
  codeVersion: string;
  status: RunStatus;
  startedAt: string | null;
  finishedAt: string | null;
  timings: Record<string, number>;
  metrics: Record<string, unknown>;
  createdAt: string;
}

export interface RunRecord extends RunSummary {
  predictions: Prediction[];
}

export interface RunFilter {
  task?: string;
  method?: string;
  strong?: string;
  weak?: string;
}

/** A cached artifact on disk (weak labels, a ceiling, a pretrained checkpoint), indexed by a config hash. */
export interface ArtifactInput {
  key: string;
  /** Free-form family name, e.g. 'weak', 'ceiling', 'pretrained'. */
  kind: string;
  path: string;
  config: object;
}

export interface Artifact extends ArtifactInput {
  config: Record<string, unknown>;
  createdAt: string;
}
