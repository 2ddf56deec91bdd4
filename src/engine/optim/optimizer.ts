import type { Tensor } from '../tensor.js';

/**
 * An optimizer expressed as graph ops over the flat parameter vector: the
 * update runs inside the training-step graph, once over all parameters.
 * Per-step scalars (learning rate, bias corrections) are graph inputs, so the
 * graph is built once; `scalars` computes them on the host for each step.
 */
export interface Optimizer {
  readonly name: string;
  /** Names of the flat state buffers (same length as the parameters), zero-initialised. */
  readonly state: readonly string[];
  /** Names of the scalar inputs fed each step. */
  readonly scalarInputs: readonly string[];
  scalars(step: number, lr: number): Record<string, number>;
  /** Builds the update; `decayMask` is 1 where weight decay applies (null: everywhere). */
  update(args: {
    theta: Tensor;
    grad: Tensor;
    state: Record<string, Tensor>;
    scalars: Record<string, Tensor>;
    decayMask: Tensor | null;
  }): { theta: Tensor; state: Record<string, Tensor> };
}
