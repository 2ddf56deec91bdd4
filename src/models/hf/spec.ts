import { POOLINGS, type Pooling } from './pooling.js';

/** A parsed `hf:DIR[,pooling=mean|cls|last][,max_len=N][,file=onnx/model_quantized.onnx]`. */
export interface HfSpec {
  dir: string;
  pooling: Pooling;
  /** Longest token sequence fed (default: the model's model_max_length / max_position_embeddings, at most 512). */
  maxLen?: number;
  /** The ONNX file inside the folder (default: onnx/model.onnx, then model.onnx, then a quantised variant). */
  file?: string;
}

export const HF_PREFIX = 'hf:';

export function isHfModel(name: string): boolean {
  return name.startsWith(HF_PREFIX);
}

/** Parses an `hf:` model name; the message of a bad one says the form. */
export function parseHfSpec(name: string): HfSpec {
  if (!isHfModel(name)) throw new Error(`"${name}" is not an hf: model; write hf:DIR (a transformers.js/Optimum folder or an HF cache folder)`);
  const [dir, ...opts] = name.slice(HF_PREFIX.length).split(',');
  if (!dir) throw new Error(`${name}: no folder given; write hf:DIR, e.g. hf:./models/all-MiniLM-L6-v2`);
  const spec: HfSpec = { dir, pooling: 'mean' };
  for (const o of opts) {
    const [k, v] = o.split('=', 2);
    if (k === 'pooling') {
      if (!(POOLINGS as readonly string[]).includes(v)) throw new Error(`${name}: pooling=${v} is not one of ${POOLINGS.join(', ')}`);
      spec.pooling = v as Pooling;
    } else if (k === 'max_len') {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 2) throw new Error(`${name}: max_len=${v} must be an integer of at least 2`);
      spec.maxLen = n;
    } else if (k === 'file') {
      if (!v) throw new Error(`${name}: file= needs a path inside the folder, e.g. file=onnx/model_quantized.onnx`);
      spec.file = v;
    } else throw new Error(`${name}: unknown option "${o}"; the options are pooling=mean|cls|last, max_len=N, file=PATH (comma-separated after the folder)`);
  }
  return spec;
}
