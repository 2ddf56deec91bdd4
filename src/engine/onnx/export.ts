import { ONNX_ELEM_TYPE } from '../dtype.js';
import { ShapeError } from '../errors.js';
import type { Graph } from '../graph.js';
import { getOp } from '../op.js';
import type { AttrValue, ConstantData, Node, Tensor } from '../tensor.js';
import { ProtoWriter } from './proto.js';

export const OPSET = 18;
const IR_VERSION = 8;

export interface ExportSpec {
  /** Graph inputs fed at run time, in order. */
  inputs: readonly Tensor[];
  /** Named outputs. */
  outputs: Readonly<Record<string, Tensor>>;
  name?: string;
}

/** Serialises the part of the graph that the outputs need as an ONNX ModelProto. */
export function toOnnx(graph: Graph, spec: ExportSpec): Uint8Array {
  const { nodes, usedInputs, usedConstants } = prune(graph, Object.values(spec.outputs));
  const fed = new Set(spec.inputs.map((t) => t.id));
  for (const t of usedInputs) {
    if (!fed.has(t.id)) throw new ShapeError(`graph input "${t.name}" is needed by the outputs but is not listed in inputs`);
  }
  const names = new Map<number, string>();
  for (const t of spec.inputs) names.set(t.id, t.name);
  // An output takes its producer's name when it can; otherwise an Identity renames it.
  const claimed = new Set<number>();
  for (const [key, t] of Object.entries(spec.outputs)) {
    if (t.producer && !claimed.has(t.id) && !fed.has(t.id)) {
      claimed.add(t.id);
      names.set(t.id, key);
    }
  }
  // Named constants (parameters, imported initializers) keep their names, so an exported
  // model's weights can be matched to the ones it was built from; everything else is t<id>.
  const taken = new Set(names.values());
  const nameOf = (t: Tensor) => {
    let n = names.get(t.id);
    if (!n) {
      const own = graph.constants.has(t.id) && !t.name.startsWith('const_') && !taken.has(t.name) ? t.name : undefined;
      n = own ?? `t${t.id}`;
      while (taken.has(n)) n = `${n}_`;
      taken.add(n);
      names.set(t.id, n);
    }
    return n;
  };
  const extraIdentities: { from: Tensor; to: string }[] = [];
  for (const [key, t] of Object.entries(spec.outputs)) {
    if (names.get(t.id) !== key) extraIdentities.push({ from: t, to: key });
  }

  const w = new ProtoWriter();
  w.int(1, IR_VERSION);
  w.string(2, 'w2s');
  w.message(7, (gw) => {
    for (const n of nodes) gw.message(1, (nw) => writeNode(nw, n, nameOf));
    extraIdentities.forEach(({ from, to }, i) =>
      gw.message(1, (nw) => nw.string(1, nameOf(from)).string(2, to).string(3, `out_identity_${i}`).string(4, 'Identity')),
    );
    gw.string(2, spec.name ?? 'w2s_graph');
    for (const t of usedConstants) gw.message(5, (tw) => writeTensor(tw, nameOf(t), graph.constants.get(t.id)!));
    for (const t of spec.inputs) gw.message(11, (vw) => writeValueInfo(vw, t.name, t));
    for (const [key, t] of Object.entries(spec.outputs)) gw.message(12, (vw) => writeValueInfo(vw, key, t));
  });
  w.message(8, (ow) => ow.string(1, '').int(2, OPSET));
  return w.finish();
}

function prune(graph: Graph, outputs: Tensor[]): { nodes: Node[]; usedInputs: Tensor[]; usedConstants: Tensor[] } {
  const needed = new Set<number>();
  const seen = new Set<number>();
  const usedInputs: Tensor[] = [];
  const usedConstants: Tensor[] = [];
  const stack = [...outputs];
  while (stack.length) {
    const t = stack.pop()!;
    if (seen.has(t.id)) continue;
    seen.add(t.id);
    if (t.producer) {
      if (!needed.has(t.producer.id)) {
        needed.add(t.producer.id);
        stack.push(...t.producer.inputs);
      }
    } else if (graph.constants.has(t.id)) usedConstants.push(t);
    else usedInputs.push(t);
  }
  return { nodes: graph.nodes.filter((n) => needed.has(n.id)), usedInputs, usedConstants };
}

function writeNode(w: ProtoWriter, n: Node, nameOf: (t: Tensor) => string): void {
  const def = getOp(n.op);
  for (const t of n.inputs) w.string(1, nameOf(t));
  for (const t of n.outputs) w.string(2, nameOf(t));
  w.string(3, `${n.op}_${n.id}`);
  w.string(4, def.onnxOp ?? def.name);
  for (const [k, v] of Object.entries(n.attrs)) {
    if (!k.startsWith('_')) w.message(5, (aw) => writeAttr(aw, k, v));
  }
  if (def.domain) w.string(7, def.domain);
}

function writeAttr(w: ProtoWriter, name: string, v: AttrValue): void {
  w.string(1, name);
  if (typeof v === 'number') {
    if (!Number.isInteger(v)) throw new Error(`attribute ${name}=${v}: pass non-integer floats as { float: v }`);
    w.int(3, v).int(20, 2);
  } else if (typeof v === 'string') w.string(4, v).int(20, 3);
  else if (Array.isArray(v)) {
    for (const x of v) w.int(8, Number(x));
    w.int(20, 7);
  } else if ('float' in v) w.float(2, v.float).int(20, 1);
  else if ('floats' in v) {
    for (const x of v.floats) w.float(7, x);
    w.int(20, 6);
  } else if ('tensor' in v) w.message(5, (tw) => writeTensor(tw, '', v.tensor)).int(20, 4);
}

function writeTensor(w: ProtoWriter, name: string, c: ConstantData): void {
  for (const d of c.shape) w.int(1, d);
  w.int(2, ONNX_ELEM_TYPE[c.dtype]);
  if (name) w.string(8, name);
  w.bytes(9, new Uint8Array(c.data.buffer, c.data.byteOffset, c.data.byteLength));
}

const SIMPLE_DIM = /^[A-Za-z_][A-Za-z0-9_]*$/;

function writeValueInfo(w: ProtoWriter, name: string, t: Tensor): void {
  w.string(1, name);
  w.message(2, (tw) =>
    tw.message(1, (ttw) => {
      ttw.int(1, ONNX_ELEM_TYPE[t.dtype]);
      ttw.message(2, (sw) => {
        for (const d of t.shape) {
          sw.message(1, (dw) => {
            if (typeof d === 'number') dw.int(1, d);
            else if (SIMPLE_DIM.test(d)) dw.string(2, d);
          });
        }
      });
    }),
  );
}
