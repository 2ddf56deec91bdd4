import { createHash } from 'node:crypto';
import { ParamLayout, decodeSafetensors, encodeSafetensors, type EncoderConfig, type NamedTensor } from '../../engine/index.js';
import { ENCODER_PREFIX, FinetuneModel, HEAD_PREFIX, checkLayers, isTrained, type HeadStandardizer, type TrainedLayers } from './model.js';

export interface ParamTensor {
  shape: number[];
  data: Float32Array;
}

export interface FinetunedStudentConfig {
  /** The encoder's architecture (dropout is a training setting and is not kept). */
  encoder: Omit<EncoderConfig, 'dropout'>;
  layers: TrainedLayers;
  /** Hidden layer sizes of the head ([]: linear). */
  hidden: number[];
  numClasses: number;
  /** Head outputs: numClasses plus any auxiliary outputs. */
  outputs: number;
  /** Fingerprint of the pretrained encoder weights the frozen part comes from; null when every parameter trained. */
  base: string | null;
}

/**
 * A fine-tuned student as a value: its trained parameters only (the frozen
 * layers stay in the pretrained encoder named by `config.base`), its head and
 * the head's input standardisation. Plain data with typed arrays, so it
 * crosses a process boundary by structured clone or as safetensors bytes.
 */
export interface FinetunedStudent {
  kind: 'finetune';
  config: FinetunedStudentConfig;
  /** Trained encoder parameters by their name in the encoder (e.g. "block2.ff1.weight"). */
  encoder: Record<string, ParamTensor>;
  head: { params: Record<string, ParamTensor>; standardizer: HeadStandardizer };
}

/** Fingerprint of an encoder's flat weights (16 hex chars of SHA-256). */
export function weightsFingerprint(theta: Float32Array): string {
  return createHash('sha256').update(new Uint8Array(theta.buffer, theta.byteOffset, theta.byteLength)).digest('hex').slice(0, 16);
}

export function modelOf(c: FinetunedStudentConfig): FinetuneModel {
  return new FinetuneModel({ ...c.encoder }, c.outputs, c.hidden);
}

/** The value of a trained model: the trained parameters cut out of the full flat vector. */
export function toStudentValue(model: FinetuneModel, theta: Float32Array, config: FinetunedStudentConfig, standardizer: HeadStandardizer): FinetunedStudent {
  const layout = new ParamLayout(model);
  if (theta.length !== layout.total) throw new Error(`toStudentValue: expected ${layout.total} parameters, got ${theta.length}`);
  const encoder: Record<string, ParamTensor> = {};
  const params: Record<string, ParamTensor> = {};
  for (const e of layout.entries) {
    if (!isTrained(e.name, config.layers, config.encoder.layers)) continue;
    const t = { shape: [...e.spec.shape], data: theta.slice(e.offset, e.offset + e.size) };
    if (e.name.startsWith(HEAD_PREFIX)) params[e.name.slice(HEAD_PREFIX.length)] = t;
    else encoder[e.name.slice(ENCODER_PREFIX.length)] = t;
  }
  return { kind: 'finetune', config, encoder, head: { params, standardizer: { mean: Float32Array.from(standardizer.mean), scale: Float32Array.from(standardizer.scale) } } };
}

/**
 * Checks a value that came from elsewhere (another process, a file): the
 * kind, the config, exactly the trained parameters its config implies, each
 * with its shape, and every number finite. Returns it typed.
 */
export function validateStudent(v: unknown, source = 'student'): FinetunedStudent {
  const fail = (what: string): never => {
    throw new Error(`${source}: ${what}`);
  };
  if (typeof v !== 'object' || v === null) fail('is not an object');
  const s = v as FinetunedStudent;
  if (s.kind !== 'finetune') fail(`kind is ${JSON.stringify(s.kind)}, expected "finetune"`);
  const c = s.config;
  if (typeof c !== 'object' || c === null || typeof c.encoder !== 'object' || c.encoder === null) fail('has no config.encoder');
  for (const k of ['vocabSize', 'maxLen', 'dim', 'heads', 'layers'] as const) {
    if (!Number.isInteger(c.encoder[k]) || c.encoder[k] < 1) fail(`config.encoder.${k} must be a positive integer, got ${String(c.encoder[k])}`);
  }
  checkLayers(c.layers, c.encoder.layers);
  if (!Array.isArray(c.hidden) || !c.hidden.every((h) => Number.isInteger(h) && h > 0)) fail(`config.hidden must be a list of positive integers, got ${JSON.stringify(c.hidden)}`);
  if (!Number.isInteger(c.numClasses) || c.numClasses < 2) fail(`config.numClasses must be an integer >= 2, got ${String(c.numClasses)}`);
  if (!Number.isInteger(c.outputs) || c.outputs < c.numClasses) fail(`config.outputs must be an integer >= numClasses, got ${String(c.outputs)}`);
  if (c.base !== null && typeof c.base !== 'string') fail('config.base must be a fingerprint string or null');
  const layout = new ParamLayout(modelOf(c));
  const expected = new Map(layout.entries.filter((e) => isTrained(e.name, c.layers, c.encoder.layers)).map((e) => [e.name, e.spec.shape]));
  const given: [string, ParamTensor][] = [
    ...Object.entries(s.encoder ?? fail('has no encoder tensors')).map(([n, t]) => [ENCODER_PREFIX + n, t] as [string, ParamTensor]),
    ...Object.entries(s.head?.params ?? fail('has no head params')).map(([n, t]) => [HEAD_PREFIX + n, t] as [string, ParamTensor]),
  ];
  for (const [name, t] of given) {
    const shape = expected.get(name);
    if (!shape) fail(`holds "${name}", which is not a trained parameter of this config (layers ${c.layers})`);
    if (!(t.data instanceof Float32Array)) fail(`"${name}" must be a Float32Array`);
    if (t.shape.join(',') !== shape!.join(',') || t.data.length !== shape!.reduce((a, b) => a * b, 1)) fail(`"${name}" has shape [${t.shape}] (${t.data.length} values), expected [${shape}]`);
    checkFinite(t.data, name, fail);
  }
  if (given.length !== expected.size) {
    const have = new Set(given.map(([n]) => n));
    fail(`is missing trained parameters: ${[...expected.keys()].filter((n) => !have.has(n)).slice(0, 6).join(', ')}`);
  }
  const st = s.head.standardizer;
  const dim = 3 * c.encoder.dim;
  for (const k of ['mean', 'scale'] as const) {
    if (!(st?.[k] instanceof Float32Array) || st[k].length !== dim) fail(`head.standardizer.${k} must be a Float32Array of ${dim}`);
    checkFinite(st[k], `standardizer.${k}`, fail);
  }
  return s;
}

function checkFinite(a: Float32Array, name: string, fail: (w: string) => never): void {
  for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i])) fail(`"${name}" holds ${a[i]} at ${i}; the student diverged or the file is damaged`);
}

/** safetensors bytes: tensors "encoder.*", "head.*", "standardizer.mean|scale"; the config in the metadata. */
export function encodeStudent(s: FinetunedStudent): Uint8Array {
  const tensors: Record<string, NamedTensor> = {};
  const put = (name: string, t: ParamTensor) => (tensors[name] = { dtype: 'F32', shape: t.shape, data: t.data });
  for (const [n, t] of Object.entries(s.encoder)) put(ENCODER_PREFIX + n, t);
  for (const [n, t] of Object.entries(s.head.params)) put(HEAD_PREFIX + n, t);
  const st = s.head.standardizer;
  put('standardizer.mean', { shape: [st.mean.length], data: st.mean });
  put('standardizer.scale', { shape: [st.scale.length], data: st.scale });
  return encodeSafetensors(tensors, { kind: s.kind, config: JSON.stringify(s.config) });
}

export function decodeStudent(bytes: Uint8Array, source = 'student.safetensors'): FinetunedStudent {
  const { tensors, metadata } = decodeSafetensors(bytes, source);
  if (metadata.kind !== 'finetune') throw new Error(`${source}: metadata kind is ${JSON.stringify(metadata.kind)}, expected "finetune" (not a fine-tuned student)`);
  let config: FinetunedStudentConfig;
  try {
    config = JSON.parse(metadata.config ?? '');
  } catch {
    throw new Error(`${source}: the metadata has no readable config`);
  }
  const encoder: Record<string, ParamTensor> = {};
  const params: Record<string, ParamTensor> = {};
  const standardizer: Partial<HeadStandardizer> = {};
  for (const [name, t] of Object.entries(tensors)) {
    const pt = { shape: t.shape, data: t.data as Float32Array };
    if (name.startsWith(ENCODER_PREFIX)) encoder[name.slice(ENCODER_PREFIX.length)] = pt;
    else if (name.startsWith(HEAD_PREFIX)) params[name.slice(HEAD_PREFIX.length)] = pt;
    else if (name === 'standardizer.mean' || name === 'standardizer.scale') standardizer[name.slice(13) as 'mean' | 'scale'] = pt.data;
    else throw new Error(`${source}: unexpected tensor "${name}"`);
  }
  return validateStudent({ kind: 'finetune', config, encoder, head: { params, standardizer } }, source);
}
