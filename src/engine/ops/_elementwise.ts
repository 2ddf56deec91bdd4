import { ShapeError } from '../errors.js';
import { apply1, asTensor, registerOp, requireFloat, requireSameDtype, type OpDef, type Operand } from '../op.js';
import { broadcastShapes } from '../shape.js';
import type { Tensor } from '../tensor.js';

/** An elementwise op of one input that keeps dtype and shape. */
export function unaryOp(name: string, opts: { floatOnly?: boolean; onnxOp?: string } = {}): OpDef {
  return registerOp({
    name,
    onnxOp: opts.onnxOp,
    infer([x]) {
      if (opts.floatOnly) requireFloat(name, x);
      return [{ dtype: x.dtype, shape: x.shape }];
    },
  });
}

/** An elementwise op of two inputs with numpy broadcasting; `out` overrides the result dtype. */
export function binaryOp(name: string, opts: { out?: 'bool' } = {}): OpDef {
  return registerOp({
    name,
    infer([a, b]) {
      requireSameDtype(name, a, b);
      return [{ dtype: opts.out ?? a.dtype, shape: broadcastShapes(name, a.shape, b.shape) }];
    },
  });
}

/** Applies a binary op where either operand may be a plain number. */
export function binary(name: string, a: Operand, b: Operand): Tensor {
  if (typeof a === 'number' && typeof b === 'number') {
    throw new ShapeError(`${name}: at least one operand must be a tensor`);
  }
  const ta = typeof a === 'number' ? asTensor(a, b as Tensor) : a;
  const tb = asTensor(b, ta);
  return apply1(name, [ta, tb]);
}
