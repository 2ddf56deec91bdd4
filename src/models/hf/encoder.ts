import { readFileSync } from 'node:fs';
import { decodeModel, OnnxModel, toOrt, type RuntimeOptions } from '../../engine/index.js';
import type * as ort from 'onnxruntime-node';
import { resolveHfFolder, type HfFolder } from './folder.js';
import { poolHidden, poolingWeights, type Pooling } from './pooling.js';
import type { HfSpec } from './spec.js';
import { HfTokenizer, type TokenBatch } from './tokenize.js';

/** The inputs w2s knows how to feed an exported encoder. */
export const FED_INPUTS = ['input_ids', 'attention_mask', 'token_type_ids', 'position_ids'] as const;

/** Outputs holding per-token hidden states, in order of preference. */
const HIDDEN_OUTPUTS = ['last_hidden_state', 'token_embeddings', 'hidden_states'];

/** The longest sequence fed when neither the spec nor the folder says (BERT's limit). */
const DEFAULT_MAX_LEN = 512;

/**
 * A pretrained encoder from a local HF folder, run frozen through ONNX
 * Runtime: its tokenizer, its hidden states, pooled (mean, CLS or last token)
 * into one feature vector per text.
 */
export class HfEncoder {
  private constructor(
    readonly folder: HfFolder,
    readonly tokenizer: HfTokenizer,
    readonly model: OnnxModel,
    readonly pooling: Pooling,
    readonly hiddenOutput: string,
    /** Float parameters in the ONNX file (for size plots). */
    readonly params: number,
  ) {}

  static async load(spec: HfSpec, runtime?: RuntimeOptions): Promise<HfEncoder> {
    const folder = resolveHfFolder(spec.dir, spec.file);
    const tokenizer = HfTokenizer.load(folder, maxLenOf(spec, folder));
    const model = await OnnxModel.load(folder.onnxPath, runtime);
    const unknown = model.inputNames.filter((n) => !(FED_INPUTS as readonly string[]).includes(n));
    if (unknown.length) {
      throw new Error(
        `${folder.onnxPath}: model inputs ${unknown.join(', ')} are not ones w2s feeds (${FED_INPUTS.join(', ')}); export the encoder alone for feature extraction (decoders: without past_key_values, e.g. optimum-cli export onnx --task feature-extraction)`,
      );
    }
    if (!model.inputNames.includes('input_ids')) throw new Error(`${folder.onnxPath}: the model has no input_ids input (inputs: ${model.inputNames.join(', ')}); it is not a text encoder export`);
    const hiddenOutput = HIDDEN_OUTPUTS.find((o) => model.outputNames.includes(o)) ?? model.outputNames[0];
    return new HfEncoder(folder, tokenizer, model, spec.pooling, hiddenOutput, countParams(folder.onnxPath));
  }

  /** Per-token hidden states of one padded batch: [B, T, H] row-major, and H. */
  async hiddenStates(b: TokenBatch): Promise<{ hidden: Float32Array; dim: number }> {
    const feeds: Record<string, ort.Tensor> = {};
    const dims = [b.batch, b.seqLen];
    for (const n of this.model.inputNames) {
      if (n === 'input_ids') feeds[n] = toOrt('int64', b.ids, dims);
      else if (n === 'attention_mask') feeds[n] = toOrt('int64', b.mask, dims);
      else if (n === 'token_type_ids') feeds[n] = toOrt('int64', b.typeIds, dims);
      else feeds[n] = toOrt('int64', BigInt64Array.from({ length: b.batch * b.seqLen }, (_, i) => BigInt(i % b.seqLen)), dims);
    }
    const out = (await this.model.run(feeds))[this.hiddenOutput];
    if (out.dims.length !== 3) {
      throw new Error(`${this.folder.onnxPath}: output ${this.hiddenOutput} has shape [${out.dims}], not [batch, sequence, hidden]; export the model's hidden states (feature-extraction)`);
    }
    return { hidden: out.data as Float32Array, dim: out.dims[2] };
  }

  /**
   * One pooled vector per text, [n, H]. Texts are batched by length, each
   * batch padded only to its own longest text.
   */
  async features(texts: readonly string[], opts: { batchSize?: number; onBatch?: (done: number, total: number) => void } = {}): Promise<{ features: Float32Array; dim: number }> {
    const size = opts.batchSize ?? 32;
    const encoded = texts.map((t) => this.tokenizer.encode(t));
    const order = [...texts.keys()].sort((a, b) => encoded[a].ids.length - encoded[b].ids.length || a - b);
    let features = new Float32Array(0);
    let dim = 0;
    for (let start = 0; start < order.length; start += size) {
      const rows = order.slice(start, start + size);
      const batch = this.tokenizer.pad(rows.map((i) => encoded[i]));
      const h = await this.hiddenStates(batch);
      if (dim === 0) {
        dim = h.dim;
        features = new Float32Array(texts.length * dim);
      }
      const pooled = poolHidden(h.hidden, poolingWeights(batch.mask, batch.batch, batch.seqLen, this.pooling), batch.batch, batch.seqLen, dim);
      rows.forEach((i, r) => features.set(pooled.subarray(r * dim, (r + 1) * dim), i * dim));
      opts.onBatch?.(Math.min(order.length, start + size), order.length);
    }
    return { features, dim };
  }
}

/** The spec's max_len, else the folder's model_max_length / max_position_embeddings, at most 512. */
export function maxLenOf(spec: HfSpec, folder: HfFolder): number {
  const positions = Number(folder.config.max_position_embeddings ?? Infinity);
  const model = Number(folder.tokenizerConfig.model_max_length ?? Infinity); // HF writes 1e30 for "unset"
  const cap = Math.min(positions, DEFAULT_MAX_LEN);
  if (spec.maxLen !== undefined) {
    if (spec.maxLen > positions) throw new Error(`hf:${spec.dir}: max_len=${spec.maxLen} exceeds the model's ${positions} positions (config.json max_position_embeddings)`);
    return spec.maxLen;
  }
  return Math.min(cap, Number.isFinite(model) ? model : cap);
}

/** Weights in the file: float32, float16 and (quantised) 8-bit initializers. */
function countParams(path: string): number {
  const g = decodeModel(new Uint8Array(readFileSync(path)), path).graph;
  return g.initializers.filter((t) => t.elemType === 1 || t.elemType === 10 || t.elemType === 2 || t.elemType === 3).reduce((s, t) => s + t.dims.reduce((a, b) => a * b, 1), 0);
}
