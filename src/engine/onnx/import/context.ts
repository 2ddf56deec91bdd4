import type { DType } from '../../dtype.js';
import type { Graph } from '../../graph.js';
import type { Tensor } from '../../tensor.js';
import type { OnnxAttribute, OnnxNode } from '../model_proto.js';
import { DTYPE_OF_ELEM, ELEM_NAMES, tensorData } from '../model_proto.js';
import { foldKnown, type Known, type Value } from './value.js';

/** An ONNX node could not be imported: the message names the node, its op and the fix. */
export class OnnxImportError extends Error {
  override name = 'OnnxImportError';
}

/** What an op importer sees: the node, its attributes and inputs, and the graph it builds into. */
export class NodeContext {
  constructor(
    readonly node: OnnxNode,
    readonly graph: Graph,
    /** The model's opset of the default domain (attribute and input forms depend on it). */
    readonly opset: number,
    private readonly inputs: readonly (Value | undefined)[],
  ) {}

  /** "node "/encoder/layer.0/Reshape" (Reshape)", for messages. */
  get where(): string {
    return `node "${this.node.name || this.node.outputs[0]}" (${this.node.opType})`;
  }

  fail(msg: string): never {
    throw new OnnxImportError(`${this.where}: ${msg}`);
  }

  get inputCount(): number {
    return this.inputs.length;
  }

  /** Input i, or undefined when the node omits it. */
  input(i: number): Value | undefined {
    return this.inputs[i];
  }

  /** Input i, which the op requires. */
  value(i: number): Value {
    const v = this.inputs[i];
    if (!v) this.fail(`input ${i} is missing`);
    return v;
  }

  tensor(i: number): Tensor {
    return this.value(i).tensor;
  }

  /** The build-time values of input i (axes, shapes, indices); `what` says what they are for. */
  known(i: number, what: string): Known {
    const k = this.value(i).known;
    if (!k) this.fail(`its ${what} (input ${i}) is computed at run time from values the importer cannot follow; export the model with that input constant or from static shapes`);
    return k;
  }

  /** Input i as plain integers (axes, starts, perms). */
  ints(i: number, what: string): number[] {
    const k = this.known(i, what);
    return k.values.map((v) => {
      if (typeof v !== 'number') this.fail(`its ${what} (input ${i}) depends on the symbolic dimension "${v}"; export with that dimension static`);
      return v;
    });
  }

  attr(name: string): OnnxAttribute | undefined {
    return this.node.attrs.get(name);
  }

  attrInt(name: string, fallback?: number): number {
    const a = this.node.attrs.get(name);
    if (a?.i !== undefined) return a.i;
    if (fallback === undefined) this.fail(`attribute ${name} (an int) is missing`);
    return fallback;
  }

  attrInts(name: string): number[] | undefined {
    return this.node.attrs.get(name)?.ints;
  }

  attrFloat(name: string, fallback: number): number {
    return this.node.attrs.get(name)?.f ?? fallback;
  }

  attrString(name: string, fallback: string): string {
    return this.node.attrs.get(name)?.s ?? fallback;
  }

  /** The engine dtype of an ONNX element type code, or a clear error. */
  dtypeOf(elem: number): DType {
    const d = DTYPE_OF_ELEM[elem];
    if (!d) this.fail(`element type ${ELEM_NAMES[elem] ?? elem} is not one the engine computes with (float32, float64, int64, int32, bool); use the float32 export of the model`);
    return d;
  }

  /** A tensor attribute's values (Constant's value, ConstantOfShape's fill). */
  tensorAttr(name: string) {
    const t = this.node.attrs.get(name)?.t;
    return t ? tensorData(t, this.where) : undefined;
  }

  /** Integer outputs whose values are all known become constants (constant folding of shape arithmetic). */
  fold(dtype: DType, known: Known | undefined): Value | undefined {
    return foldKnown(this.graph, dtype, known);
  }
}
