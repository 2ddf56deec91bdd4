import { registerGrad } from '../gradient.js';
import { cast } from '../ops/cast.js';
import { div } from '../ops/div.js';
import { shapeOf } from '../ops/shape_of.js';
import { gather } from '../ops/gather.js';
import { reduceProd } from '../ops/reduce_prod.js';
import type { Node, Tensor } from '../tensor.js';
import { expandReduced } from './_reduce_grad.js';

registerGrad({ op: 'ReduceMean', grad: (node, [dy]) => [div(expandReduced(node, dy!), reducedCount(node)), null] });

/** How many elements each mean averaged: a constant when the reduced dims are known. */
function reducedCount(node: Node): Tensor | number {
  const x = node.inputs[0];
  const axes = node.attrs._axes as number[];
  const dims = axes.map((a) => x.shape[a]);
  if (dims.every((d) => typeof d === 'number')) return (dims as number[]).reduce((a, b) => a * b, 1);
  const n = reduceProd(gather(shapeOf(x), x.graph.int64s(axes)));
  return cast(n, x.dtype);
}
