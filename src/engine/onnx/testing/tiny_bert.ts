import { Rng } from '../../../util/rng.js';
import { OnnxBuilder, type TensorSpec } from './onnx_builder.js';

/** The size of a BERT-style test encoder. */
export interface TinyBertConfig {
  vocabSize: number;
  hidden: number;
  layers: number;
  heads: number;
  intermediate: number;
  maxPositions: number;
  typeVocab: number;
  layerNormEps: number;
}

export const TINY_BERT: TinyBertConfig = { vocabSize: 64, hidden: 16, layers: 2, heads: 2, intermediate: 32, maxPositions: 64, typeVocab: 2, layerNormEps: 1e-12 };

/**
 * A BertModel as torch.onnx.export (opset 14) writes it: dynamic batch and
 * sequence axes, the extended attention mask built with Unsqueeze/Cast/Sub/Mul,
 * heads split with Shape/Gather/Unsqueeze/Concat/Reshape, LayerNorm expanded
 * into ReduceMean/Sub/Pow/Sqrt/Div, GELU as Erf, renamed matmul weights
 * (onnx::MatMul_N), position ids sliced from a buffer to the sequence length,
 * and a Gemm/Tanh pooler. Outputs last_hidden_state and pooler_output.
 */
export function tinyBertOnnx(cfg: TinyBertConfig = TINY_BERT, seed = 0): Uint8Array {
  const rng = new Rng(seed);
  const b = new OnnxBuilder(14);
  const H = cfg.hidden;
  const dh = H / cfg.heads;
  const dims = ['batch_size', 'sequence_length'];
  const ids = b.input('input_ids', 'int64', dims);
  const mask = b.input('attention_mask', 'int64', dims);
  const types = b.input('token_type_ids', 'int64', dims);
  let matmuls = 1000;
  const randn = (shape: number[], std: number, typed = false): TensorSpec => ({
    elem: 'float32',
    dims: shape,
    data: Float32Array.from({ length: shape.reduce((x, y) => x * y, 1) }, () => rng.normal() * std),
    typed,
  });
  const param = (name: string, shape: number[], std: number, typed = false) => b.initializer(name, randn(shape, std, typed));
  const near1 = (name: string, typed = false) => b.initializer(name, { elem: 'float32', dims: [H], data: Float32Array.from({ length: H }, () => 1 + 0.1 * rng.normal()), typed });

  const layerNorm = (x: string, scope: string, prefix: string, typed = false) => {
    const s = `${scope}/LayerNorm`;
    const mu = b.node('ReduceMean', [x], { axes: [-1] }, { name: `${s}/ReduceMean` })[0];
    const d = b.node('Sub', [x, mu], {}, { name: `${s}/Sub` })[0];
    const sq = b.node('Pow', [d, b.float(2, s)], {}, { name: `${s}/Pow` })[0];
    const v = b.node('ReduceMean', [sq], { axes: [-1] }, { name: `${s}/ReduceMean_1` })[0];
    const ve = b.node('Add', [v, b.float(cfg.layerNormEps, s)], {}, { name: `${s}/Add` })[0];
    const sd = b.node('Sqrt', [ve], {}, { name: `${s}/Sqrt` })[0];
    const n = b.node('Div', [d, sd], {}, { name: `${s}/Div` })[0];
    const m = b.node('Mul', [n, near1(`${prefix}.LayerNorm.weight`, typed)], {}, { name: `${s}/Mul` })[0];
    return b.node('Add', [m, param(`${prefix}.LayerNorm.bias`, [H], 0.1, typed)], {}, { name: `${s}/Add_1` })[0];
  };
  const linear = (x: string, scope: string, prefix: string, inF: number, outF: number) => {
    const w = param(`onnx::MatMul_${matmuls++}`, [inF, outF], 1 / Math.sqrt(inF));
    const y = b.node('MatMul', [x, w], {}, { name: `${scope}/MatMul` })[0];
    return b.node('Add', [param(`${prefix}.bias`, [outF], 0.1), y], {}, { name: `${scope}/Add` })[0];
  };
  /** Shape(x)[i], unsqueezed to a 1-element vector for Concat. */
  const dimOf = (x: string, i: number, scope: string, k: number) => {
    const sh = b.node('Shape', [x], {}, { name: `${scope}/Shape_${k}` })[0];
    const g = b.node('Gather', [sh, b.ints([i], scope, true)], { axis: 0 }, { name: `${scope}/Gather_${k}` })[0];
    return b.node('Unsqueeze', [g, b.ints([0], scope)], {}, { name: `${scope}/Unsqueeze_${k}` })[0];
  };

  // Embeddings.
  const E = '/embeddings';
  const seqLen = b.node('Gather', [b.node('Shape', [ids], {}, { name: `${E}/Shape` })[0], b.ints([1], E, true)], { axis: 0 }, { name: `${E}/Gather` })[0];
  const end = b.node('Unsqueeze', [seqLen, b.ints([0], E)], {}, { name: `${E}/Unsqueeze` })[0];
  const posBuffer = b.initializer('embeddings.position_ids', { elem: 'int64', dims: [1, cfg.maxPositions], data: BigInt64Array.from({ length: cfg.maxPositions }, (_, i) => BigInt(i)), typed: true });
  const posIds = b.node('Slice', [posBuffer, b.ints([0], E), end, b.ints([1], E), b.ints([1], E)], {}, { name: `${E}/Slice` })[0];
  const we = b.node('Gather', [param('embeddings.word_embeddings.weight', [cfg.vocabSize, H], 0.5), ids], {}, { name: `${E}/word_embeddings/Gather` })[0];
  const te = b.node('Gather', [param('embeddings.token_type_embeddings.weight', [cfg.typeVocab, H], 0.5), types], {}, { name: `${E}/token_type_embeddings/Gather` })[0];
  const sum1 = b.node('Add', [we, te], {}, { name: `${E}/Add` })[0];
  const pe = b.node('Gather', [param('embeddings.position_embeddings.weight', [cfg.maxPositions, H], 0.5), posIds], {}, { name: `${E}/position_embeddings/Gather` })[0];
  const sum2 = b.node('Add', [sum1, pe], {}, { name: `${E}/Add_1` })[0];
  let h = layerNorm(sum2, E, 'embeddings', true);

  // The extended attention mask: (1 - mask[:, None, None, :]) * finfo(float32).min.
  const m1 = b.node('Unsqueeze', [mask, b.ints([1], '')], {}, { name: '/Unsqueeze' })[0];
  const m2 = b.node('Unsqueeze', [m1, b.ints([2], '')], {}, { name: '/Unsqueeze_1' })[0];
  const mf = b.node('Cast', [m2], { to: 1 }, { name: '/Cast' })[0];
  const inv = b.node('Sub', [b.float(1, ''), mf], {}, { name: '/Sub' })[0];
  const maskBias = b.node('Mul', [inv, b.float(-3.4028234663852886e38, '')], {}, { name: '/Mul' })[0];

  for (let l = 0; l < cfg.layers; l++) {
    const L = `/encoder/layer.${l}`;
    const P = `encoder.layer.${l}`;
    const S = `${L}/attention/self`;
    const heads = (x: string, k: number, perm: number[]) => {
      const shape = b.node('Concat', [dimOf(x, 0, S, 3 * k), dimOf(x, 1, S, 3 * k + 1), b.ints([cfg.heads], S), b.ints([dh], S)], { axis: 0 }, { name: `${S}/Concat_${k}` })[0];
      const r = b.node('Reshape', [x, shape], {}, { name: `${S}/Reshape_${k}` })[0];
      return b.node('Transpose', [r], { perm }, { name: `${S}/Transpose_${k}` })[0];
    };
    const q = heads(linear(h, `${S}/query`, `${P}.attention.self.query`, H, H), 0, [0, 2, 1, 3]);
    const k = heads(linear(h, `${S}/key`, `${P}.attention.self.key`, H, H), 1, [0, 2, 3, 1]);
    const v = heads(linear(h, `${S}/value`, `${P}.attention.self.value`, H, H), 2, [0, 2, 1, 3]);
    const scores = b.node('MatMul', [q, k], {}, { name: `${S}/MatMul` })[0];
    const scaled = b.node('Div', [scores, b.float(Math.sqrt(dh), S)], {}, { name: `${S}/Div` })[0];
    const masked = b.node('Add', [scaled, maskBias], {}, { name: `${S}/Add` })[0];
    const probs = b.node('Softmax', [masked], { axis: -1 }, { name: `${S}/Softmax` })[0];
    const ctx = b.node('MatMul', [probs, v], {}, { name: `${S}/MatMul_1` })[0];
    const ctxT = b.node('Transpose', [ctx], { perm: [0, 2, 1, 3] }, { name: `${S}/Transpose_3` })[0];
    const merged = b.node('Concat', [dimOf(ctxT, 0, S, 9), dimOf(ctxT, 1, S, 10), b.ints([H], S)], { axis: 0 }, { name: `${S}/Concat_3` })[0];
    const attn = b.node('Reshape', [ctxT, merged], {}, { name: `${S}/Reshape_3` })[0];
    const O = `${L}/attention/output`;
    const ao = linear(attn, `${O}/dense`, `${P}.attention.output.dense`, H, H);
    const h1 = layerNorm(b.node('Add', [ao, h], {}, { name: `${O}/Add` })[0], O, `${P}.attention.output`);
    const I = `${L}/intermediate`;
    const pre = linear(h1, `${I}/dense`, `${P}.intermediate.dense`, H, cfg.intermediate);
    const G = `${I}/intermediate_act_fn`;
    const erf = b.node('Erf', [b.node('Div', [pre, b.float(1.4142135381698608, G)], {}, { name: `${G}/Div` })[0]], {}, { name: `${G}/Erf` })[0];
    const gate = b.node('Add', [erf, b.float(1, G)], {}, { name: `${G}/Add` })[0];
    const act = b.node('Mul', [b.node('Mul', [pre, gate], {}, { name: `${G}/Mul` })[0], b.float(0.5, G)], {}, { name: `${G}/Mul_1` })[0];
    const OUT = `${L}/output`;
    const fo = linear(act, `${OUT}/dense`, `${P}.output.dense`, cfg.intermediate, H);
    h = layerNorm(b.node('Add', [fo, h1], {}, { name: `${OUT}/Add` })[0], OUT, `${P}.output`);
  }
  h = b.node('Identity', [h], {}, { name: '/Identity', outputs: ['last_hidden_state'] })[0];
  b.output(h, 'float32', ['batch_size', 'sequence_length', H]);

  const first = b.node('Gather', [h, b.ints([0], '/pooler', true)], { axis: 1 }, { name: '/pooler/Gather' })[0];
  const dense = b.node('Gemm', [first, param('pooler.dense.weight', [H, H], 1 / Math.sqrt(H)), param('pooler.dense.bias', [H], 0.1)], { alpha: { f: 1 }, beta: { f: 1 }, transB: 1 }, { name: '/pooler/dense/Gemm' })[0];
  const pooled = b.node('Tanh', [dense], {}, { name: '/pooler/activation/Tanh', outputs: ['pooler_output'] })[0];
  b.output(pooled, 'float32', ['batch_size', H]);
  return b.finish();
}
