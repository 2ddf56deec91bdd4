import type { Tensor } from '../tensor.js';

/**
 * An optimizer expressed as graph ops: the update runs inside the
 * training-step graph, once per trained parameter. Per-step scalars (learning
 * rate, bias corrections) are graph inputs shared by every parameter, so the
 * graph is built once; `scalars` computes them on the host for each step.
 */
export interface Optimizer {
  readonly name: string;
  /** Names of the per-parameter state buffers (each shaped like its parameter), zero-initialised. */
  readonly state: readonly string[];
  /** Names of the scalar inputs fed each step. */
  readonly scalarInputs: readonly string[];
  scalars(step: number, lr: number): Record<string, number>;
  /** Builds the update of one parameter; `decay` says whether weight decay applies to it (ParamSpec.decay). */
  update(args: {
    theta: Tensor;
    grad: Tensor;
    state: Record<string, Tensor>;
    scalars: Record<string, Tensor>;
    decay: boolean;
  }): { theta: Tensor; state: Record<string, Tensor> };
}
