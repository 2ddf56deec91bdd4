/** A graph was built wrongly: the message names the op, the operands and their shapes. */
export class ShapeError extends Error {
  override name = 'ShapeError';
}

/** Training diverged: the loss became NaN or infinite. */
export class NonFiniteLossError extends Error {
  override name = 'NonFiniteLossError';
  constructor(
    readonly step: number,
    readonly loss: number,
  ) {
    super(
      `loss became ${loss} at step ${step}; training stopped. Lower the learning rate, enable gradient clipping (clipNorm), or check the inputs for NaN.`,
    );
  }
}

/** The requested execution provider is not available in this ONNX Runtime build. */
export class ExecutionProviderError extends Error {
  override name = 'ExecutionProviderError';
}
