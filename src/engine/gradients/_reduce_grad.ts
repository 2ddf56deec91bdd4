import { expandLike } from '../ops/expand.js';
import { unsqueeze } from '../ops/unsqueeze.js';
import type { Node, Tensor } from '../tensor.js';

/** The upstream gradient of a reduction, broadcast back over the reduced axes of its input. */
export function expandReduced(node: Node, dy: Tensor): Tensor {
  const axes = node.attrs._axes as number[];
  const keep = node.attrs.keepdims === 1;
  const g = keep || axes.length === 0 ? dy : unsqueeze(dy, axes);
  return expandLike(g, node.inputs[0]);
}

/** The reduced output with its axes kept, for broadcasting against the input. */
export function keptOutput(node: Node): Tensor {
  const axes = node.attrs._axes as number[];
  const y = node.outputs[0];
  return node.attrs.keepdims === 1 || axes.length === 0 ? y : unsqueeze(y, axes);
}
