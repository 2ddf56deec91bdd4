/**
 * A weak supervisor: anything that returns class probabilities (a label and
 * its confidence) for examples — a small model trained here, rules, an LLM
 * behind an API, or a person whose answers were collected in a file. It sees
 * inputs only, never labels.
 */
export interface SupervisorInput {
  id: string;
  text?: string;
  features?: Float32Array;
}

export interface Supervisor {
  readonly name: string;
  /** Row-major [examples.length, classes.length] probabilities. */
  label(examples: readonly SupervisorInput[], classes: readonly string[]): Promise<Float32Array>;
}
