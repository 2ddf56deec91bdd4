import type { DType } from '../dtype.js';
import type { ConstantData } from '../tensor.js';
import { ProtoDecodeError, ProtoReader, doublesOf, float32Of, floatsOf, int64Of, stringOf, varintsOf, type ProtoField } from './proto_reader.js';

// The parts of onnx.proto (ModelProto, GraphProto, NodeProto, AttributeProto,
// TensorProto, ValueInfoProto) that importing an exported encoder needs, as plain data.

export interface OnnxTensor {
  name: string;
  /** TensorProto.DataType code (1 float, 6 int32, 7 int64, 9 bool, 11 double, …). */
  elemType: number;
  dims: number[];
  raw?: Uint8Array;
  floatData?: number[];
  int32Data?: number[];
  int64Data?: bigint[];
  doubleData?: number[];
  /** Set when the values live in a file beside the model (TensorProto.data_location = EXTERNAL). */
  external?: boolean;
}

export interface OnnxAttribute {
  name: string;
  f?: number;
  i?: number;
  s?: string;
  t?: OnnxTensor;
  floats?: number[];
  ints?: number[];
  strings?: string[];
}

export interface OnnxNode {
  name: string;
  opType: string;
  domain: string;
  /** Input names; '' marks an omitted optional input. */
  inputs: string[];
  outputs: string[];
  attrs: Map<string, OnnxAttribute>;
}

/** A dimension of a declared input or output: a size, a symbolic name, or unknown (null). */
export type OnnxDim = number | string | null;

export interface OnnxValueInfo {
  name: string;
  elemType: number;
  dims: OnnxDim[];
}

export interface OnnxGraph {
  name: string;
  nodes: OnnxNode[];
  initializers: OnnxTensor[];
  inputs: OnnxValueInfo[];
  outputs: OnnxValueInfo[];
}

export interface OnnxModelProto {
  irVersion: number;
  producer: string;
  /** Opset version per domain ('' is the default ONNX domain). */
  opsets: Map<string, number>;
  graph: OnnxGraph;
}

/** The engine dtype of an ONNX element type, or undefined where the engine has none (float16, uint8, …). */
export const DTYPE_OF_ELEM: Readonly<Record<number, DType>> = { 1: 'float32', 6: 'int32', 7: 'int64', 9: 'bool', 11: 'float64' };

export const ELEM_NAMES: Readonly<Record<number, string>> = {
  1: 'float32', 2: 'uint8', 3: 'int8', 4: 'uint16', 5: 'int16', 6: 'int32', 7: 'int64', 8: 'string', 9: 'bool', 10: 'float16', 11: 'float64', 12: 'uint32', 13: 'uint64', 16: 'bfloat16',
};

/** Decodes a serialised ModelProto; `source` (a path) names the file in errors. */
export function decodeModel(bytes: Uint8Array, source: string): OnnxModelProto {
  let irVersion = 0;
  let producer = '';
  const opsets = new Map<string, number>();
  let graph: OnnxGraph | undefined;
  for (const f of new ProtoReader(bytes, `${source} (ModelProto)`).fields()) {
    if (f.field === 1) irVersion = Number(f.varint);
    else if (f.field === 2) producer = stringOf(f.bytes);
    else if (f.field === 7) graph = decodeGraph(f.bytes, source);
    else if (f.field === 8) {
      let domain = '';
      let version = 0;
      for (const g of new ProtoReader(f.bytes, `${source} (opset_import)`).fields()) {
        if (g.field === 1) domain = stringOf(g.bytes);
        else if (g.field === 2) version = int64Of(g.varint);
      }
      opsets.set(domain === 'ai.onnx' ? '' : domain, version);
    }
  }
  if (!graph) throw new ProtoDecodeError(`${source}: no graph in the ModelProto; is this an ONNX model file?`);
  return { irVersion, producer, opsets, graph };
}

function decodeGraph(bytes: Uint8Array, source: string): OnnxGraph {
  const g: OnnxGraph = { name: '', nodes: [], initializers: [], inputs: [], outputs: [] };
  for (const f of new ProtoReader(bytes, `${source} (GraphProto)`).fields()) {
    if (f.field === 1) g.nodes.push(decodeNode(f.bytes, source));
    else if (f.field === 2) g.name = stringOf(f.bytes);
    else if (f.field === 5) g.initializers.push(decodeTensor(f.bytes, source));
    else if (f.field === 11) g.inputs.push(decodeValueInfo(f.bytes, source));
    else if (f.field === 12) g.outputs.push(decodeValueInfo(f.bytes, source));
    else if (f.field === 15) throw new ProtoDecodeError(`${source}: the graph has sparse initializers, which the importer does not read; re-export with dense weights`);
  }
  return g;
}

function decodeNode(bytes: Uint8Array, source: string): OnnxNode {
  const n: OnnxNode = { name: '', opType: '', domain: '', inputs: [], outputs: [], attrs: new Map() };
  for (const f of new ProtoReader(bytes, `${source} (NodeProto)`).fields()) {
    if (f.field === 1) n.inputs.push(stringOf(f.bytes));
    else if (f.field === 2) n.outputs.push(stringOf(f.bytes));
    else if (f.field === 3) n.name = stringOf(f.bytes);
    else if (f.field === 4) n.opType = stringOf(f.bytes);
    else if (f.field === 5) {
      const a = decodeAttribute(f.bytes, source);
      n.attrs.set(a.name, a);
    } else if (f.field === 7) n.domain = stringOf(f.bytes) === 'ai.onnx' ? '' : stringOf(f.bytes);
  }
  return n;
}

function decodeAttribute(bytes: Uint8Array, source: string): OnnxAttribute {
  const a: OnnxAttribute = { name: '' };
  const what = `${source} (AttributeProto)`;
  for (const f of new ProtoReader(bytes, what).fields()) {
    switch (f.field) {
      case 1:
        a.name = stringOf(f.bytes);
        break;
      case 2:
        a.f = float32Of(f.bytes);
        break;
      case 3:
        a.i = int64Of(f.varint);
        break;
      case 4:
        a.s = stringOf(f.bytes);
        break;
      case 5:
        a.t = decodeTensor(f.bytes, source);
        break;
      case 7:
        (a.floats ??= []).push(...floatsOf(f));
        break;
      case 8:
        (a.ints ??= []).push(...varintsOf(f, what).map(int64Of));
        break;
      case 9:
        (a.strings ??= []).push(stringOf(f.bytes));
        break;
    }
  }
  return a;
}

function decodeTensor(bytes: Uint8Array, source: string): OnnxTensor {
  const t: OnnxTensor = { name: '', elemType: 0, dims: [] };
  const what = `${source} (TensorProto)`;
  for (const f of new ProtoReader(bytes, what).fields()) {
    switch (f.field) {
      case 1:
        t.dims.push(...varintsOf(f, what).map(int64Of));
        break;
      case 2:
        t.elemType = Number(f.varint);
        break;
      case 4:
        (t.floatData ??= []).push(...floatsOf(f));
        break;
      case 5:
        (t.int32Data ??= []).push(...varintsOf(f, what).map((v) => Number(BigInt.asIntN(32, v))));
        break;
      case 7:
        (t.int64Data ??= []).push(...varintsOf(f, what).map((v) => BigInt.asIntN(64, v)));
        break;
      case 8:
        t.name = stringOf(f.bytes);
        break;
      case 9:
        t.raw = f.bytes;
        break;
      case 10:
        (t.doubleData ??= []).push(...doublesOf(f));
        break;
      case 14:
        t.external = f.varint === 1n;
        break;
    }
  }
  return t;
}

function decodeValueInfo(bytes: Uint8Array, source: string): OnnxValueInfo {
  const v: OnnxValueInfo = { name: '', elemType: 0, dims: [] };
  for (const f of new ProtoReader(bytes, `${source} (ValueInfoProto)`).fields()) {
    if (f.field === 1) v.name = stringOf(f.bytes);
    else if (f.field === 2) decodeType(f, v, source);
  }
  return v;
}

function decodeType(f: ProtoField, v: OnnxValueInfo, source: string): void {
  for (const tt of new ProtoReader(f.bytes, `${source} (TypeProto)`).fields()) {
    if (tt.field !== 1) continue; // tensor_type; sequences and maps are not encoder inputs
    for (const g of new ProtoReader(tt.bytes, `${source} (TypeProto.Tensor)`).fields()) {
      if (g.field === 1) v.elemType = Number(g.varint);
      else if (g.field === 2) {
        for (const d of new ProtoReader(g.bytes, `${source} (TensorShapeProto)`).fields()) {
          if (d.field !== 1) continue;
          let dim: OnnxDim = null;
          for (const x of new ProtoReader(d.bytes, `${source} (Dimension)`).fields()) {
            if (x.field === 1) dim = int64Of(x.varint);
            else if (x.field === 2) dim = stringOf(x.bytes);
          }
          v.dims.push(dim);
        }
      }
    }
  }
}

/**
 * A tensor's values as engine constant data, from raw_data or the typed
 * fields. `where` names the tensor's place (node or initializer) in errors.
 */
export function tensorData(t: OnnxTensor, where: string): ConstantData {
  const dtype = DTYPE_OF_ELEM[t.elemType];
  if (!dtype) {
    throw new Error(`${where}: tensor "${t.name}" has element type ${ELEM_NAMES[t.elemType] ?? t.elemType}, which the engine does not compute with; use the float32 export (onnx/model.onnx, not a quantised or fp16 variant)`);
  }
  if (t.external) throw new Error(`${where}: tensor "${t.name}" keeps its values in an external data file, which the importer does not read; re-export the model as a single .onnx file under 2 GB`);
  const n = t.dims.reduce((a, b) => a * b, 1);
  const shape = [...t.dims];
  let data: ConstantData['data'];
  if (t.raw) {
    const copy = t.raw.slice(); // aligned, owned
    const buf = copy.buffer;
    data = dtype === 'float32' ? new Float32Array(buf) : dtype === 'float64' ? new Float64Array(buf) : dtype === 'int64' ? new BigInt64Array(buf) : dtype === 'int32' ? new Int32Array(buf) : new Uint8Array(buf);
  } else if (dtype === 'float32') data = Float32Array.from(t.floatData ?? []);
  else if (dtype === 'float64') data = Float64Array.from(t.doubleData ?? []);
  else if (dtype === 'int64') data = BigInt64Array.from(t.int64Data ?? []);
  // int32 and bool are both stored in int32_data
  else if (dtype === 'int32') data = Int32Array.from(t.int32Data ?? []);
  else data = Uint8Array.from(t.int32Data ?? []);
  if (data.length !== n) throw new Error(`${where}: tensor "${t.name}" has ${data.length} values but dims [${t.dims}] need ${n}`);
  return { dtype, shape, data };
}
