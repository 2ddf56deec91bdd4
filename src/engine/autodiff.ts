import { isFloat } from './dtype.js';
import { ShapeError } from './errors.js';
import { getGrad } from './gradient.js';
import { add } from './ops/add.js';
import { fullLike } from './ops/constant_of_shape.js';
import { formatShape, type Node, type Tensor } from './tensor.js';

/**
 * Reverse-mode differentiation: appends to the graph the ops that compute
 * d(loss)/d(x) for each x in `wrt`, and returns those gradient tensors.
 * `loss` must be a float scalar. A tensor in `wrt` that the loss does not
 * depend on gets a zero gradient.
 */
export function grad(loss: Tensor, wrt: readonly Tensor[], seed?: Tensor): Tensor[] {
  if (!isFloat(loss.dtype)) throw new ShapeError(`grad: loss ${loss.name} must be float, got ${loss.dtype}`);
  if (!seed && loss.rank !== 0) {
    throw new ShapeError(`grad: loss ${loss.name} must be a scalar, got shape ${formatShape(loss.shape)}; reduce it with reduceMean or reduceSum`);
  }
  const g = loss.graph;
  const wrtIds = new Set(wrt.map((t) => t.id));

  // Forward pass: which tensors depend on any wrt tensor.
  const dependsOnWrt = new Set<number>(wrtIds);
  const nodesBefore = g.nodes.slice(0, loss.producer ? loss.producer.id + 1 : 0);
  for (const n of nodesBefore) {
    if (n.inputs.some((t) => dependsOnWrt.has(t.id))) for (const o of n.outputs) dependsOnWrt.add(o.id);
  }

  const grads = new Map<number, Tensor>();
  grads.set(loss.id, seed ?? fullLike(loss, 1));

  for (let i = nodesBefore.length - 1; i >= 0; i--) {
    const node = nodesBefore[i];
    const dys = node.outputs.map((o) => grads.get(o.id) ?? null);
    if (dys.every((d) => d === null)) continue;
    if (!node.inputs.some((t) => dependsOnWrt.has(t.id) && isFloat(t.dtype))) continue;
    const rule = getGrad(node.op);
    if (!rule) throw new ShapeError(`grad: op ${node.op} has no gradient rule but lies between the loss and a parameter`);
    const dxs = rule.grad(node, dys);
    node.inputs.forEach((x, j) => {
      const dx = dxs[j];
      if (!dx || !dependsOnWrt.has(x.id) || !isFloat(x.dtype)) return;
      checkGradShape(node, x, dx);
      const prev = grads.get(x.id);
      grads.set(x.id, prev ? add(prev, dx) : dx);
    });
  }
  return wrt.map((x) => grads.get(x.id) ?? fullLike(x, 0));
}

function checkGradShape(node: Node, x: Tensor, dx: Tensor): void {
  if (dx.rank !== x.rank || dx.shape.some((d, i) => typeof d === 'number' && typeof x.shape[i] === 'number' && d !== x.shape[i])) {
    throw new ShapeError(`grad: rule for ${node.op} gave ${formatShape(dx.shape)} for input ${x.name}${formatShape(x.shape)}`);
  }
}
