import { Rng } from '../../../util/rng.js';
import { OnnxBuilder, type TensorSpec } from './onnx_builder.js';

export interface TinyGpt2Config {
  vocabSize: number;
  hidden: number;
  layers: number;
  heads: number;
  maxPositions: number;
}

export const TINY_GPT2: TinyGpt2Config = { vocabSize: 50, hidden: 16, layers: 2, heads: 2, maxPositions: 32 };

/**
 * A GPT2Model as torch.onnx.export writes it for feature extraction (opset
 * 14, no past): position_ids as an input, Conv1D as Reshape → Gemm → Reshape
 * (the target shapes sliced from Shape), the fused qkv Split, a causal mask
 * sliced from a bool buffer to the sequence length and applied with Where,
 * the attention mask as (1 - mask) * min, pre-norm blocks with expanded
 * LayerNorm, gelu_new through Pow and Tanh, and ln_f.
 */
export function tinyGpt2Onnx(cfg: TinyGpt2Config = TINY_GPT2, seed = 0): Uint8Array {
  const rng = new Rng(seed);
  const b = new OnnxBuilder(14);
  const H = cfg.hidden;
  const dh = H / cfg.heads;
  const dims = ['batch_size', 'sequence_length'];
  const ids = b.input('input_ids', 'int64', dims);
  const mask = b.input('attention_mask', 'int64', dims);
  const pos = b.input('position_ids', 'int64', dims);
  const randn = (shape: number[], std: number): TensorSpec => ({ elem: 'float32', dims: shape, data: Float32Array.from({ length: shape.reduce((x, y) => x * y, 1) }, () => rng.normal() * std) });
  const param = (name: string, shape: number[], std: number) => b.initializer(name, randn(shape, std));
  const dimOf = (x: string, i: number, scope: string) => b.node('Unsqueeze', [b.node('Gather', [b.node('Shape', [x], {}, { name: `${scope}/Shape_${i}_${rng.int(1e9)}` })[0], b.ints([i], scope, true)], { axis: 0 })[0], b.ints([0], scope)])[0];

  const layerNorm = (x: string, scope: string, prefix: string) => {
    const mu = b.node('ReduceMean', [x], { axes: [-1] }, { name: `${scope}/ReduceMean` })[0];
    const d = b.node('Sub', [x, mu], {}, { name: `${scope}/Sub` })[0];
    const v = b.node('ReduceMean', [b.node('Pow', [d, b.float(2, scope)], {}, { name: `${scope}/Pow` })[0]], { axes: [-1] }, { name: `${scope}/ReduceMean_1` })[0];
    const n = b.node('Div', [d, b.node('Sqrt', [b.node('Add', [v, b.float(1e-5, scope)], {}, { name: `${scope}/Add` })[0]], {}, { name: `${scope}/Sqrt` })[0]], {}, { name: `${scope}/Div` })[0];
    const g = b.initializer(`${prefix}.weight`, { elem: 'float32', dims: [H], data: Float32Array.from({ length: H }, () => 1 + 0.1 * rng.normal()) });
    return b.node('Add', [b.node('Mul', [n, g], {}, { name: `${scope}/Mul` })[0], param(`${prefix}.bias`, [H], 0.1)], {}, { name: `${scope}/Add_1` })[0];
  };
  /** Conv1D: x.view(-1, nx) @ W + b, viewed back to x.size()[:-1] + (nf,). */
  const conv1d = (x: string, scope: string, prefix: string, nx: number, nf: number) => {
    const flat = b.node('Reshape', [x, b.ints([-1, nx], scope)], {}, { name: `${scope}/Reshape` })[0];
    const y = b.node('Gemm', [flat, param(`${prefix}.weight`, [nx, nf], 1 / Math.sqrt(nx)), param(`${prefix}.bias`, [nf], 0.1)], { alpha: { f: 1 }, beta: { f: 1 } }, { name: `${scope}/Gemm` })[0];
    const lead = b.node('Slice', [b.node('Shape', [x], {}, { name: `${scope}/Shape` })[0], b.ints([0], scope), b.ints([-1], scope), b.ints([0], scope)], {}, { name: `${scope}/Slice` })[0];
    return b.node('Reshape', [y, b.node('Concat', [lead, b.ints([nf], scope)], { axis: 0 }, { name: `${scope}/Concat` })[0]], {}, { name: `${scope}/Reshape_1` })[0];
  };

  let h = b.node('Add', [b.node('Gather', [param('wte.weight', [cfg.vocabSize, H], 0.5), ids], {}, { name: '/wte/Gather' })[0], b.node('Gather', [param('wpe.weight', [cfg.maxPositions, H], 0.5), pos], {}, { name: '/wpe/Gather' })[0]], {}, { name: '/Add' })[0];
  // attention_mask.view(batch_size, -1)[:, None, None, :], then (1 - mask) * finfo.min
  const view = b.node('Reshape', [mask, b.node('Concat', [dimOf(ids, 0, ''), b.ints([-1], '')], { axis: 0 }, { name: '/Concat' })[0]], {}, { name: '/Reshape' })[0];
  const m4 = b.node('Unsqueeze', [b.node('Unsqueeze', [view, b.ints([1], '')], {}, { name: '/Unsqueeze' })[0], b.ints([2], '')], {}, { name: '/Unsqueeze_1' })[0];
  const maskBias = b.node('Mul', [b.node('Sub', [b.float(1, ''), b.node('Cast', [m4], { to: 1 }, { name: '/Cast' })[0]], {}, { name: '/Sub' })[0], b.float(-3.4028234663852886e38, '')], {}, { name: '/Mul' })[0];
  const causal = new BigInt64Array(cfg.maxPositions * cfg.maxPositions);
  for (let i = 0; i < cfg.maxPositions; i++) for (let j = 0; j <= i; j++) causal[i * cfg.maxPositions + j] = 1n;

  for (let l = 0; l < cfg.layers; l++) {
    const S = `/h.${l}/attn`;
    const P = `h.${l}`;
    const x = layerNorm(h, `/h.${l}/ln_1`, `${P}.ln_1`);
    const [q, k, v] = b.node('Split', [conv1d(x, `${S}/c_attn`, `${P}.attn.c_attn`, H, 3 * H), b.ints([H, H, H], S)], { axis: 2 }, { name: `${S}/Split`, outputs: 3 });
    const heads = (t: string, i: number) => {
      const shape = b.node('Concat', [dimOf(t, 0, S), dimOf(t, 1, S), b.ints([cfg.heads, dh], S)], { axis: 0 }, { name: `${S}/Concat_${i}` })[0];
      return b.node('Transpose', [b.node('Reshape', [t, shape], {}, { name: `${S}/Reshape_${i}` })[0]], { perm: [0, 2, 1, 3] }, { name: `${S}/Transpose_${i}` })[0];
    };
    const [qh, kh, vh] = [heads(q, 0), heads(k, 1), heads(v, 2)];
    const w = b.node('Div', [b.node('MatMul', [qh, b.node('Transpose', [kh], { perm: [0, 1, 3, 2] }, { name: `${S}/Transpose_3` })[0]], {}, { name: `${S}/MatMul` })[0], b.float(Math.sqrt(dh), S)], {}, { name: `${S}/Div` })[0];
    // causal_mask = bias[:, :, key_length - query_length : key_length, :key_length]
    const qLen = b.node('Gather', [b.node('Shape', [qh], {}, { name: `${S}/Shape_q` })[0], b.ints([2], S, true)], { axis: 0 }, { name: `${S}/Gather_q` })[0];
    const kLen = b.node('Gather', [b.node('Shape', [kh], {}, { name: `${S}/Shape_k` })[0], b.ints([2], S, true)], { axis: 0 }, { name: `${S}/Gather_k` })[0];
    const unsq = (t: string, n: string) => b.node('Unsqueeze', [t, b.ints([0], S)], {}, { name: `${S}/Unsqueeze_${n}` })[0];
    const start = unsq(b.node('Sub', [kLen, qLen], {}, { name: `${S}/Sub` })[0], 's');
    const buffer = b.initializer(`${P}.attn.bias`, { elem: 'int64', dims: [1, 1, cfg.maxPositions, cfg.maxPositions], data: causal });
    const rowsCut = b.node('Slice', [buffer, start, unsq(kLen, 'e'), b.ints([2], S), b.ints([1], S)], {}, { name: `${S}/Slice` })[0];
    const cut = b.node('Slice', [rowsCut, b.ints([0], S), unsq(kLen, 'e2'), b.ints([3], S), b.ints([1], S)], {}, { name: `${S}/Slice_1` })[0];
    const masked = b.node('Where', [b.node('Cast', [cut], { to: 9 }, { name: `${S}/Cast` })[0], w, b.float(-3.4028234663852886e38, S)], {}, { name: `${S}/Where` })[0];
    const probs = b.node('Softmax', [b.node('Add', [masked, maskBias], {}, { name: `${S}/Add` })[0]], { axis: -1 }, { name: `${S}/Softmax` })[0];
    const ctx = b.node('Transpose', [b.node('MatMul', [probs, vh], {}, { name: `${S}/MatMul_1` })[0]], { perm: [0, 2, 1, 3] }, { name: `${S}/Transpose_4` })[0];
    const merged = b.node('Reshape', [ctx, b.node('Concat', [dimOf(ctx, 0, S), dimOf(ctx, 1, S), b.ints([H], S)], { axis: 0 }, { name: `${S}/Concat_3` })[0]], {}, { name: `${S}/Reshape_3` })[0];
    h = b.node('Add', [conv1d(merged, `${S}/c_proj`, `${P}.attn.c_proj`, H, H), h], {}, { name: `/h.${l}/Add` })[0];
    const M = `/h.${l}/mlp`;
    const f = conv1d(layerNorm(h, `/h.${l}/ln_2`, `${P}.ln_2`), `${M}/c_fc`, `${P}.mlp.c_fc`, H, 4 * H);
    // gelu_new: 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))
    const cube = b.node('Mul', [b.node('Pow', [f, b.float(3, M)], {}, { name: `${M}/act/Pow` })[0], b.float(0.044715, M)], {}, { name: `${M}/act/Mul` })[0];
    const inner = b.node('Mul', [b.node('Add', [f, cube], {}, { name: `${M}/act/Add` })[0], b.float(Math.sqrt(2 / Math.PI), M)], {}, { name: `${M}/act/Mul_1` })[0];
    const gate = b.node('Add', [b.node('Tanh', [inner], {}, { name: `${M}/act/Tanh` })[0], b.float(1, M)], {}, { name: `${M}/act/Add_1` })[0];
    const act = b.node('Mul', [b.node('Mul', [f, b.float(0.5, M)], {}, { name: `${M}/act/Mul_2` })[0], gate], {}, { name: `${M}/act/Mul_3` })[0];
    h = b.node('Add', [h, conv1d(act, `${M}/c_proj`, `${P}.mlp.c_proj`, 4 * H, H)], {}, { name: `/h.${l}/Add_1` })[0];
  }
  const out = b.node('Identity', [layerNorm(h, '/ln_f', 'ln_f')], {}, { name: '/Identity', outputs: ['last_hidden_state'] })[0];
  b.output(out, 'float32', ['batch_size', 'sequence_length', H]);
  return b.finish();
}
