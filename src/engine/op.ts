import type { DType } from './dtype.js';
import type { Graph } from './graph.js';
import { ShapeError } from './errors.js';
import type { AttrValue, Node, Shape, Tensor } from './tensor.js';

export interface OutputInfo {
  dtype: DType;
  shape: Shape;
}

/**
 * One op: its registry name, the ONNX op it compiles to, and build-time shape
 * inference. Shape inference throws ShapeError with the op and shapes named.
 */
export interface OpDef {
  readonly name: string;
  /** ONNX op type; defaults to `name`. */
  readonly onnxOp?: string;
  readonly domain?: string;
  infer(inputs: readonly Tensor[], attrs: Readonly<Record<string, AttrValue>>): OutputInfo[];
}

const ops = new Map<string, OpDef>();

export function registerOp(def: OpDef): OpDef {
  if (ops.has(def.name)) throw new Error(`op ${def.name} is registered twice`);
  ops.set(def.name, def);
  return def;
}

export function getOp(name: string): OpDef {
  const d = ops.get(name);
  if (!d) throw new Error(`unknown op "${name}"; registered: ${[...ops.keys()].sort().join(', ')}`);
  return d;
}

export function registeredOps(): string[] {
  return [...ops.keys()].sort();
}

/** Builds a node of a registered op and returns it. */
export function applyOp(name: string, inputs: readonly Tensor[], attrs: Record<string, AttrValue> = {}): Node {
  const def = getOp(name);
  if (inputs.length === 0) throw new ShapeError(`${name}: needs at least one input`);
  const g: Graph = inputs[0].graph;
  const outs = def.infer(inputs, attrs);
  return g.addNode(name, inputs, attrs, outs);
}

/** Builds a single-output op and returns its output tensor. */
export function apply1(name: string, inputs: readonly Tensor[], attrs: Record<string, AttrValue> = {}): Tensor {
  return applyOp(name, inputs, attrs).outputs[0];
}

/** A number or tensor operand; numbers become scalar constants of the other operand's dtype. */
export type Operand = Tensor | number;

export function asTensor(x: Operand, like: Tensor): Tensor {
  return typeof x === 'number' ? like.graph.scalar(x, like.dtype) : x;
}

export function requireSameDtype(op: string, ...ts: Tensor[]): DType {
  const d = ts[0].dtype;
  for (const t of ts) {
    if (t.dtype !== d) throw new ShapeError(`${op}: operands have different dtypes (${ts.map((x) => `${x.name}:${x.dtype}`).join(', ')}); cast one with cast()`);
  }
  return d;
}

export function requireFloat(op: string, t: Tensor): void {
  if (t.dtype !== 'float32' && t.dtype !== 'float64') {
    throw new ShapeError(`${op}: needs a float tensor, got ${t.name}:${t.dtype}`);
  }
}
