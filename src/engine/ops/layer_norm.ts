import { ShapeError } from '../errors.js';
import { applyOp, registerOp } from '../op.js';
import { formatShape, type Tensor } from '../tensor.js';

// ONNX's fused LayerNormalization (opset 17) over the last axis. Besides Y it outputs the
// mean and inverse standard deviation it computed ([..., 1], float32), which its gradient
// rule reuses: one kernel forward instead of nine ops, and a backward with no broadcasts
// written out (src/engine/gradients/LayerNormalization_grad.ts).
registerOp({
  name: 'LayerNormalization',
  infer([x, gamma, beta]) {
    if (x.dtype !== 'float32' || gamma.dtype !== 'float32' || beta.dtype !== 'float32') {
      throw new ShapeError(`LayerNormalization: needs float32 operands, got ${x.dtype}, ${gamma.dtype}, ${beta.dtype} (layerNorm writes float64 out of primitive ops)`);
    }
    if (x.rank < 1) throw new ShapeError(`LayerNormalization: needs a tensor of rank 1 or more, got ${x.name}${formatShape(x.shape)}`);
    const d = x.shape[x.rank - 1];
    if (gamma.rank !== 1 || beta.rank !== 1 || gamma.shape[0] !== d || beta.shape[0] !== d) {
      throw new ShapeError(`LayerNormalization: scale ${formatShape(gamma.shape)} and bias ${formatShape(beta.shape)} must be [${String(d)}], the last dimension of ${x.name}${formatShape(x.shape)}`);
    }
    const stats = { dtype: 'float32' as const, shape: [...x.shape.slice(0, -1), 1] };
    return [{ dtype: x.dtype, shape: x.shape }, stats, stats];
  },
});

/** Layer normalisation of x over its last axis, scaled by gamma and shifted by beta (float32). */
export function layerNormalization(x: Tensor, gamma: Tensor, beta: Tensor, eps: number): Tensor {
  return applyOp('LayerNormalization', [x, gamma, beta], { axis: -1, epsilon: { float: eps }, stash_type: 1 }).outputs[0];
}
