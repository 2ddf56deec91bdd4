import { readFileSync } from 'node:fs';
import { ShapeError } from '../../errors.js';
import { Module, type Ctx, type ParamSpec } from '../../nn/module.js';
import { ParamLayout } from '../../nn/layout.js';
import type { ConstantData, Dim, Tensor } from '../../tensor.js';
import type { InputSpec } from '../../train/trainer.js';
import { DTYPE_OF_ELEM, ELEM_NAMES, decodeModel, tensorData, type OnnxModelProto, type OnnxNode, type OnnxValueInfo } from '../model_proto.js';
import { NodeContext, OnnxImportError } from './context.js';
import { getImporter, registeredImporters } from './registry.js';
import { knownOfData, type Value } from './value.js';

export interface ImportOptions {
  /**
   * Which float initializers become trainable parameters (default: all with
   * more than one value). The others stay constants, bitwise as in the file.
   */
  trainable?: (name: string) => boolean;
  /** The graph outputs to compute (default: all). */
  outputs?: readonly string[];
}

/**
 * An ONNX model's graph as an engine Module: its float initializers are the
 * module's parameters (in file order), and `forward` rebuilds the graph from
 * engine ops, one importer per ONNX op (ops/). Train it with the engine's
 * Trainer, run it with a Predictor, export it with exportOnnx.
 */
export class ImportedGraph extends Module {
  readonly opset: number;
  /** The inputs fed at run time (initializers listed as inputs by old exporters excluded). */
  readonly inputs: readonly OnnxValueInfo[];
  readonly outputNames: readonly string[];
  private readonly nodes: readonly OnnxNode[];
  private readonly initial = new Map<string, ConstantData>();
  private readonly specs = new Map<string, ParamSpec>();

  constructor(
    readonly model: OnnxModelProto,
    /** Names the model (a path) in errors. */
    readonly source: string,
    opts: ImportOptions = {},
  ) {
    super();
    const g = model.graph;
    this.opset = model.opsets.get('') ?? 0;
    if (this.opset === 0) throw new OnnxImportError(`${source}: the model imports no default-domain opset; is it an ONNX model?`);
    const declared = g.outputs.map((o) => o.name);
    this.outputNames = opts.outputs ? [...opts.outputs] : declared;
    for (const o of this.outputNames) {
      if (!declared.includes(o)) throw new OnnxImportError(`${source}: no graph output "${o}"; the model's outputs are ${declared.join(', ')}`);
    }
    this.nodes = neededNodes(g.nodes, this.outputNames);
    for (const n of this.nodes) checkKnown(n, source);
    const used = new Set(this.nodes.flatMap((n) => n.inputs));
    for (const o of this.outputNames) used.add(o);
    const inits = new Set(g.initializers.map((t) => t.name));
    this.inputs = g.inputs.filter((v) => !inits.has(v.name) && used.has(v.name));
    const trainable = opts.trainable ?? (() => true);
    for (const t of g.initializers) {
      if (!used.has(t.name)) continue;
      const data = tensorData(t, `${source}: initializer "${t.name}"`);
      this.initial.set(t.name, data);
      if (data.dtype === 'float32' && data.data.length > 1 && trainable(t.name)) {
        // Weight decay on matrices, not on biases and norm scales (the usual convention).
        this.specs.set(t.name, this.param(t.name, data.shape, { kind: 'zeros' }, data.shape.length >= 2));
      }
    }
  }

  static fromFile(path: string, opts?: ImportOptions): ImportedGraph {
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(readFileSync(path));
    } catch (e) {
      throw new Error(`cannot read ONNX model ${path}: ${(e as Error).message}`);
    }
    return new ImportedGraph(decodeModel(bytes, path), path, opts);
  }

  /** The trainable initializers' names, in parameter order. */
  get parameterNames(): string[] {
    return [...this.specs.keys()];
  }

  /** The engine input specs of the model's inputs; unnamed dimensions get names of their own. */
  inputSpecs(): Record<string, InputSpec> {
    return Object.fromEntries(
      this.inputs.map((v) => {
        const dtype = DTYPE_OF_ELEM[v.elemType];
        if (!dtype) throw new OnnxImportError(`${this.source}: input "${v.name}" has element type ${ELEM_NAMES[v.elemType] ?? v.elemType}, which the engine does not feed; use the float32 export`);
        const shape: Dim[] = v.dims.map((d, i) => d ?? `${v.name}_dim${i}`);
        return [v.name, { dtype, shape }];
      }),
    );
  }

  /** The file's values of the trainable parameters, as a flat vector in the module's layout. */
  initialTheta(): Float32Array {
    const layout = new ParamLayout(this);
    const theta = new Float32Array(layout.total);
    for (const e of layout.entries) theta.set(this.initial.get(e.name)!.data as Float32Array, e.offset);
    return theta;
  }

  /** The graph rebuilt in `ctx.graph` from engine ops: the named outputs. */
  forward(ctx: Ctx, inputs: Record<string, Tensor>): Record<string, Tensor> {
    const values = new Map<string, Value>();
    for (const v of this.inputs) {
      const t = inputs[v.name];
      if (!t) throw new OnnxImportError(`${this.source}: input "${v.name}" was not given (the model's inputs: ${this.inputs.map((i) => i.name).join(', ')})`);
      values.set(v.name, { tensor: t });
    }
    for (const [name, data] of this.initial) {
      const spec = this.specs.get(name);
      values.set(name, spec ? { tensor: ctx.p(spec) } : { tensor: ctx.graph.constant(data, name), known: knownOfData(data.dtype, data.shape, data.data) });
    }
    for (const node of this.nodes) {
      const ins = node.inputs.map((n) => {
        if (n === '') return undefined;
        const v = values.get(n);
        if (!v) throw new OnnxImportError(`${this.source}: node "${node.name}" (${node.opType}) reads "${n}", which no earlier node, input or initializer provides; the graph is not in topological order or is incomplete`);
        return v;
      });
      const cx = new NodeContext(node, ctx.graph, this.opset, ins);
      let outs: Value[];
      try {
        outs = getImporter(node.opType)!(cx);
      } catch (e) {
        if (e instanceof ShapeError) throw new OnnxImportError(`${this.source}: ${cx.where}: ${e.message}`);
        if (e instanceof OnnxImportError && !e.message.startsWith(this.source)) throw new OnnxImportError(`${this.source}: ${e.message}`);
        throw e;
      }
      node.outputs.forEach((o, i) => {
        if (o !== '' && outs[i]) values.set(o, outs[i]);
      });
    }
    return Object.fromEntries(this.outputNames.map((n) => [n, values.get(n)!.tensor]));
  }
}

/** The nodes the outputs depend on, in file (topological) order. */
function neededNodes(nodes: readonly OnnxNode[], outputs: readonly string[]): OnnxNode[] {
  const producer = new Map<string, number>();
  nodes.forEach((n, i) => n.outputs.forEach((o) => producer.set(o, i)));
  const keep = new Set<number>();
  const stack = [...outputs];
  while (stack.length) {
    const i = producer.get(stack.pop()!);
    if (i === undefined || keep.has(i)) continue;
    keep.add(i);
    stack.push(...nodes[i].inputs.filter((x) => x !== ''));
  }
  return nodes.filter((_, i) => keep.has(i));
}

function checkKnown(n: OnnxNode, source: string): void {
  if ((n.domain === '' || n.domain === 'ai.onnx') && getImporter(n.opType)) return;
  const op = n.domain ? `${n.domain}.${n.opType}` : n.opType;
  throw new OnnxImportError(
    `${source}: node "${n.name || n.outputs[0]}" has op ${op}, which the ONNX importer does not know. ` +
      `Fix: add an importer for it (a file in src/engine/onnx/import/ops/ that calls registerImporter('${n.opType}', ...)), ` +
      `or re-export the model without it (the float32 model without ONNX Runtime graph optimisations, e.g. optimum-cli export onnx --optimize none; not a quantised or fused variant). ` +
      `Ops the importer knows: ${registeredImporters().join(', ')}`,
  );
}
