import type { DType } from '../../dtype.js';
import { makeArray, type Graph } from '../../graph.js';
import { dimProduct } from '../../shape.js';
import type { Dim, Tensor } from '../../tensor.js';

/**
 * The build-time contents of a small integer tensor — the shape arithmetic
 * exporters emit (Shape → Gather → Concat → Reshape): numbers where known,
 * dimension names (e.g. "sequence_length") where they follow a symbolic input
 * dimension.
 */
export interface Known {
  shape: number[];
  values: Dim[];
}

/** An imported tensor, with its contents when the importer can follow them at build time. */
export interface Value {
  tensor: Tensor;
  known?: Known;
}

/** Largest integer tensor whose values the importer follows (shape vectors are a handful of values). */
export const MAX_KNOWN = 4096;

export function isNumeric(k: Known | undefined): k is { shape: number[]; values: number[] } {
  return k !== undefined && k.values.every((v) => typeof v === 'number');
}

/** A constant tensor holding numerically known values; undefined when some value is symbolic. */
export function foldKnown(graph: Graph, dtype: DType, k: Known | undefined): Value | undefined {
  if (!isNumeric(k) || dtype === 'float32' || dtype === 'float64') return undefined;
  return { tensor: graph.constant({ dtype, shape: [...k.shape], data: makeArray(dtype, k.values) }), known: k };
}

/** The known values of a constant's data, for integer and bool tensors small enough to follow. */
export function knownOfData(dtype: DType, shape: number[], data: ArrayLike<number | bigint>): Known | undefined {
  if (dtype === 'float32' || dtype === 'float64' || data.length > MAX_KNOWN) return undefined;
  return { shape: [...shape], values: Array.from(data, (v) => Number(v)) };
}

/** The elementwise arithmetic of shape values; undefined when the result cannot be named. */
export function dimArith(op: 'Add' | 'Sub' | 'Mul' | 'Div', a: Dim, b: Dim): Dim | undefined {
  if (typeof a === 'number' && typeof b === 'number') {
    if (op === 'Add') return a + b;
    if (op === 'Sub') return a - b;
    if (op === 'Mul') return a * b;
    return b === 0 ? undefined : Math.trunc(a / b);
  }
  if (op === 'Mul') {
    if (a === 1) return b;
    if (b === 1) return a;
    return dimProduct([a, b]);
  }
  if (op === 'Sub' && a === b) return 0; // key_length - query_length with both the sequence length
  if (op === 'Div' && a === b) return 1;
  if ((op === 'Add' || op === 'Sub') && b === 0) return a;
  if (op === 'Add' && a === 0) return b;
  if (op === 'Div' && b === 1) return a;
  return undefined;
}

/** Numpy broadcasting of known tensors, elementwise `f`; undefined if a result is unknown or the shapes do not broadcast. */
export function broadcastKnown(ks: readonly Known[], f: (values: Dim[]) => Dim | undefined): Known | undefined {
  const rank = Math.max(...ks.map((k) => k.shape.length));
  const shapes = ks.map((k) => [...new Array<number>(rank - k.shape.length).fill(1), ...k.shape]);
  const shape = Array.from({ length: rank }, (_, d) => Math.max(...shapes.map((s) => s[d])));
  if (shapes.some((s) => s.some((d, i) => d !== shape[i] && d !== 1))) return undefined;
  const n = shape.reduce((x, y) => x * y, 1);
  const values: Dim[] = [];
  for (let flat = 0; flat < n; flat++) {
    const picked = ks.map((k, j) => {
      let idx = 0;
      let rem = flat;
      let stride = 1;
      for (let d = rank - 1; d >= 0; d--) {
        const c = rem % shape[d];
        rem = Math.floor(rem / shape[d]);
        if (shapes[j][d] !== 1) idx += c * stride;
        stride *= shapes[j][d];
      }
      return k.values[idx];
    });
    const v = f(picked);
    if (v === undefined) return undefined;
    values.push(v);
  }
  return { shape, values };
}
