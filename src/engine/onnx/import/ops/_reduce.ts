import type { Tensor } from '../../../tensor.js';
import type { OpImporter } from '../registry.js';

/** A reduction whose axes moved from an attribute to an input at opset `inputSince`. */
export function reduceImporter(build: (x: Tensor, axes: number[] | undefined, keep: boolean) => Tensor, inputSince: number): OpImporter {
  return (cx) => {
    const x = cx.tensor(0);
    const keep = cx.attrInt('keepdims', 1) === 1;
    let axes: number[] | undefined;
    if (cx.opset < inputSince) axes = cx.attrInts('axes');
    else if (cx.input(1)) axes = cx.ints(1, 'axes');
    if (axes !== undefined && axes.length === 0) axes = undefined;
    if (axes === undefined && cx.attrInt('noop_with_empty_axes', 0) === 1) return [cx.value(0)];
    return [{ tensor: build(x, axes, keep) }];
  };
}
