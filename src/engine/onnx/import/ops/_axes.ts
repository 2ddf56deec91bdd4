import type { NodeContext } from '../context.js';

/** The axes of Unsqueeze/Squeeze: an attribute before opset 13, the second input from it on. */
export function axesOf(cx: NodeContext): number[] | undefined {
  if (cx.opset < 13) return cx.attrInts('axes');
  return cx.input(1) ? cx.ints(1, 'axes') : undefined;
}
