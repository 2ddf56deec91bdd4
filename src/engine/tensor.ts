import type { DType } from './dtype.js';
import type { Graph } from './graph.js';

/** A dimension: a number when known at build time, a name (e.g. "batch") when symbolic. */
export type Dim = number | string;
export type Shape = readonly Dim[];

/** Node attributes. Keys starting with '_' are build-time metadata and are not emitted to ONNX. */
export type AttrValue = number | string | readonly Dim[] | { float: number } | { floats: number[] } | { tensor: ConstantData };

export interface ConstantData {
  dtype: DType;
  shape: number[];
  data: Float32Array | Float64Array | BigInt64Array | Int32Array | Uint8Array;
}

/** One operation in the graph. `op` is the registry name; `onnxOp` what it compiles to. */
export interface Node {
  readonly id: number;
  readonly op: string;
  readonly inputs: readonly Tensor[];
  readonly outputs: Tensor[];
  readonly attrs: Readonly<Record<string, AttrValue>>;
}

/** A symbolic tensor: an edge of the graph, typed and shaped at build time. */
export class Tensor {
  constructor(
    readonly graph: Graph,
    readonly id: number,
    readonly dtype: DType,
    readonly shape: Shape,
    /** The node that computes it; undefined for graph inputs and constants. */
    readonly producer: Node | undefined,
    readonly outputIndex: number,
    public name: string,
  ) {}

  get rank(): number {
    return this.shape.length;
  }

  /** The number of elements when every dimension is known, else undefined. */
  get size(): number | undefined {
    let n = 1;
    for (const d of this.shape) {
      if (typeof d !== 'number') return undefined;
      n *= d;
    }
    return n;
  }

  toString(): string {
    return `${this.name}:${this.dtype}[${this.shape.join(',')}]`;
  }
}

export function formatShape(s: Shape): string {
  return `[${s.join(', ')}]`;
}
