import { ProtoWriter } from '../proto.js';

// Writes ONNX models node by node, the way an exporter does (names, Constant
// nodes, raw or typed initializers), for tests that need a model file made
// without downloading anything.

export type AttrSpec = number | number[] | string | { f: number } | { t: TensorSpec };

export interface TensorSpec {
  elem: 'float32' | 'int64';
  dims: number[];
  data: Float32Array | BigInt64Array;
  /** Store in the typed field (float_data / int64_data) instead of raw_data. */
  typed?: boolean;
}

const ELEM = { float32: 1, int64: 7 } as const;

export class OnnxBuilder {
  private readonly nodes: ((w: ProtoWriter) => void)[] = [];
  private readonly inits: ((w: ProtoWriter) => void)[] = [];
  private readonly ins: ((w: ProtoWriter) => void)[] = [];
  private readonly outs: ((w: ProtoWriter) => void)[] = [];
  private counter = 0;

  constructor(readonly opset: number) {}

  input(name: string, elem: 'float32' | 'int64', dims: (number | string)[]): string {
    this.ins.push((w) => writeValueInfo(w, name, ELEM[elem], dims));
    return name;
  }

  output(name: string, elem: 'float32' | 'int64', dims: (number | string)[]): void {
    this.outs.push((w) => writeValueInfo(w, name, ELEM[elem], dims));
  }

  initializer(name: string, t: TensorSpec): string {
    this.inits.push((w) => writeTensor(w, name, t));
    return name;
  }

  /** Appends a node; returns its output names (given, or `<name>_output_<i>` as torch.onnx names them). */
  node(op: string, inputs: string[], attrs: Record<string, AttrSpec> = {}, opts: { name?: string; outputs?: number | string[] } = {}): string[] {
    const name = opts.name ?? `/${op}_${this.counter++}`;
    const outputs = Array.isArray(opts.outputs) ? opts.outputs : Array.from({ length: opts.outputs ?? 1 }, (_, i) => `${name}_output_${i}`);
    this.nodes.push((w) => {
      for (const i of inputs) w.string(1, i);
      for (const o of outputs) w.string(2, o);
      w.string(3, name).string(4, op);
      for (const [k, v] of Object.entries(attrs)) w.message(5, (aw) => writeAttr(aw, k, v));
    });
    return outputs;
  }

  /** A Constant node holding int64 values (a scalar when `scalar`). */
  ints(values: number[], scope: string, scalar = false): string {
    const t: TensorSpec = { elem: 'int64', dims: scalar ? [] : [values.length], data: BigInt64Array.from(values.map(BigInt)) };
    return this.node('Constant', [], { value: { t } }, { name: `${scope}/Constant_${this.counter++}` })[0];
  }

  /** A Constant node holding one float32 scalar. */
  float(value: number, scope: string): string {
    const t: TensorSpec = { elem: 'float32', dims: [], data: Float32Array.of(value) };
    return this.node('Constant', [], { value: { t } }, { name: `${scope}/Constant_${this.counter++}` })[0];
  }

  finish(producer = 'pytorch'): Uint8Array {
    const w = new ProtoWriter();
    w.int(1, 8).string(2, producer);
    w.message(7, (g) => {
      for (const n of this.nodes) g.message(1, n);
      g.string(2, 'main_graph');
      for (const t of this.inits) g.message(5, t);
      for (const i of this.ins) g.message(11, i);
      for (const o of this.outs) g.message(12, o);
    });
    w.message(8, (o) => o.string(1, '').int(2, this.opset));
    return w.finish();
  }
}

function writeAttr(w: ProtoWriter, name: string, v: AttrSpec): void {
  w.string(1, name);
  if (typeof v === 'number') w.int(3, v).int(20, 2);
  else if (typeof v === 'string') w.string(4, v).int(20, 3);
  else if (Array.isArray(v)) {
    for (const x of v) w.int(8, x);
    w.int(20, 7);
  } else if ('f' in v) w.float(2, v.f).int(20, 1);
  else w.message(5, (tw) => writeTensor(tw, '', v.t)).int(20, 4);
}

function writeTensor(w: ProtoWriter, name: string, t: TensorSpec): void {
  for (const d of t.dims) w.int(1, d);
  w.int(2, ELEM[t.elem]);
  if (name) w.string(8, name);
  if (!t.typed) {
    w.bytes(9, new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength));
    return;
  }
  // Packed repeated fields, as protobuf writes them.
  if (t.data instanceof Float32Array) {
    const b = new Uint8Array(t.data.slice().buffer);
    w.bytes(4, b);
  } else {
    const inner = new ProtoWriter();
    for (const v of t.data) inner.int(1, v); // tag + varint; strip the tags below
    w.bytes(7, stripTags(inner.finish()));
  }
}

/** The varints of `int(1, v)` fields without their one-byte tags: a packed run. */
function stripTags(b: Uint8Array): Uint8Array {
  const out: number[] = [];
  let i = 0;
  while (i < b.length) {
    i++; // tag (field 1, wire 0) is one byte
    do out.push(b[i]);
    while (b[i++] & 0x80);
  }
  return Uint8Array.from(out);
}

function writeValueInfo(w: ProtoWriter, name: string, elem: number, dims: (number | string)[]): void {
  w.string(1, name);
  w.message(2, (tw) =>
    tw.message(1, (tt) => {
      tt.int(1, elem);
      tt.message(2, (sw) => {
        for (const d of dims) sw.message(1, (dw) => (typeof d === 'number' ? dw.int(1, d) : dw.string(2, d)));
      });
    }),
  );
}
