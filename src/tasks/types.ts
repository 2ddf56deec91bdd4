/**
 * The data model shared by built-in tasks and user data: an `Example` is one labelled
 * input (text or a feature vector), a `Dataset` is a named list of them with its class
 * names, and `Splits` are the protocol's partitions (see docs: weak_train trains the weak
 * supervisor, transfer is the student's pool, val is for model selection, test is scored).
 */

export interface Example {
  /** Stable across runs: the same source item always gets the same id. */
  id: string;
  text?: string;
  features?: Float32Array;
  /** Class index into `Dataset.classes`. */
  label: number;
  /** A subset name (corpus group, genre, difficulty band) for per-subset reports. */
  group?: string;
  /** Larger is harder; task-defined scale (e.g. number of operations). */
  difficulty?: number;
}

/**
 * An auxiliary task a dataset declares for methods such as `aux_tasks`: a related
 * question whose labels come from the input alone (a self-supervised objective,
 * or an easier sub-question the text answers). `label` never sees the example's
 * label, so its answers are safe to give a method on transfer and val.
 */
export interface AuxTaskSpec {
  name: string;
  classes: string[];
  description: string;
  /** Class index into `classes`, or -1 when the question does not apply to this input. */
  label(input: { text?: string; features?: Float32Array }): number;
}

export interface Dataset {
  name: string;
  classes: string[];
  kind: 'text' | 'features';
  featureDim?: number;
  examples: Example[];
  description: string;
  /** returns true for examples in the shifted subset (ood_test), if the task defines one */
  isOod?: (e: Example) => boolean;
  /** easy-to-hard protocol: weak_train/transfer/val drawn from examples with difficulty <= easyMax; test (and ood_test) from harder ones */
  easyToHard?: { easyMax: number };
  /** Auxiliary tasks computed from the inputs (see AuxTaskSpec). */
  auxTasks?: AuxTaskSpec[];
}

export interface TaskLoadOptions {
  /** Cap on the number of examples (a deterministic, seeded subset). */
  limit?: number;
  /** Seed for the task's own sampling or generation (not the split seed). */
  seed?: number;
}

export interface TaskDefinition {
  name: string;
  description: string;
  kind: 'text' | 'features';
  load(opts?: TaskLoadOptions): Promise<Dataset>;
}

export type SplitName = 'weak_train' | 'transfer' | 'val' | 'test' | 'ood_test';
export type InDistSplitName = Exclude<SplitName, 'ood_test'>;
export type Splits = Record<InDistSplitName, Example[]> & { ood_test?: Example[] };

export const SPLIT_NAMES: readonly SplitName[] = ['weak_train', 'transfer', 'val', 'test', 'ood_test'];
