import type { DType } from './dtype.js';
import { ShapeError } from './errors.js';
import { Tensor, type AttrValue, type ConstantData, type Node, type Shape } from './tensor.js';

/**
 * A graph under construction. Nodes are appended in creation order, which is
 * always a topological order; autodiff appends gradient nodes after them.
 */
export class Graph {
  readonly nodes: Node[] = [];
  readonly inputs: Tensor[] = [];
  readonly constants = new Map<number, ConstantData>();
  private nextId = 0;
  private scalarCache = new Map<string, Tensor>();

  /** A graph input (placeholder) fed at run time. */
  input(name: string, dtype: DType, shape: Shape): Tensor {
    if (this.inputs.some((t) => t.name === name)) {
      throw new ShapeError(`graph input "${name}" is declared twice; give each input its own name`);
    }
    const t = new Tensor(this, this.nextId++, dtype, [...shape], undefined, 0, name);
    this.inputs.push(t);
    return t;
  }

  /** A constant baked into the graph (an ONNX initializer). */
  constant(data: ConstantData, name?: string): Tensor {
    const n = data.shape.reduce((a, b) => a * b, 1);
    if (n !== data.data.length) {
      throw new ShapeError(`constant ${name ?? ''} has ${data.data.length} values but shape [${data.shape}] needs ${n}`);
    }
    const id = this.nextId++;
    const t = new Tensor(this, id, data.dtype, [...data.shape], undefined, 0, name ?? `const_${id}`);
    this.constants.set(id, data);
    return t;
  }

  /** A scalar constant, shared between uses of the same value and dtype. */
  scalar(value: number, dtype: DType): Tensor {
    const key = `${dtype}:${Object.is(value, -0) ? '-0' : value}`;
    let t = this.scalarCache.get(key);
    if (!t) {
      t = this.constant({ dtype, shape: [], data: makeArray(dtype, [value]) });
      this.scalarCache.set(key, t);
    }
    return t;
  }

  /** A 1-D int64 constant, for shapes, axes and indices. */
  int64s(values: readonly number[]): Tensor {
    return this.constant({ dtype: 'int64', shape: [values.length], data: BigInt64Array.from(values.map((v) => BigInt(v))) });
  }

  /** Appends a node. Used by op builders; user code calls the op functions instead. */
  addNode(op: string, inputs: readonly Tensor[], attrs: Record<string, AttrValue>, outs: { dtype: DType; shape: Shape }[]): Node {
    for (const t of inputs) {
      if (t.graph !== this) throw new ShapeError(`op ${op}: input ${t.name} belongs to another graph`);
    }
    const node: Node = { id: this.nodes.length, op, inputs, attrs, outputs: [] };
    outs.forEach((o, i) => {
      const id = this.nextId++;
      node.outputs.push(new Tensor(this, id, o.dtype, [...o.shape], node, i, `${op.toLowerCase()}_${id}`));
    });
    this.nodes.push(node);
    return node;
  }
}

export function makeArray(dtype: DType, values: readonly number[]): ConstantData['data'] {
  switch (dtype) {
    case 'float32':
      return Float32Array.from(values);
    case 'float64':
      return Float64Array.from(values);
    case 'int64':
      return BigInt64Array.from(values.map((v) => BigInt(Math.trunc(v))));
    case 'int32':
      return Int32Array.from(values);
    case 'bool':
      return Uint8Array.from(values.map((v) => (v ? 1 : 0)));
  }
}
