/**
 * The shipped general ladder on disk (models/ladder/ in the repo): one
 * safetensors file of float16 weights per rung, the shared tokenizer, and
 * manifest.json naming the corpus, the recipe, each file's SHA-256 and each
 * rung's held-out MLM loss. Written by `npm run pretrain:ladder`; read by the
 * protocol for every ladder model on text data.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ParamLayout, TransformerEncoder, decodeSafetensors, encodeSafetensors, type EncoderConfig, type NamedTensor } from '../../engine/index.js';
import { Tokenizer } from '../../text/index.js';
import { writeFileAtomicSync } from '../../util/fs.js';
import type { PretrainConfig, TextConfig } from '../ladder.js';
import { fromHalf, toHalf } from './f16.js';

/** Where the repo ships the general ladder. */
export const SHIPPED_LADDER_DIR = fileURLToPath(new URL('../../../models/ladder/', import.meta.url));
export const MANIFEST_FILE = 'manifest.json';
export const TOKENIZER_FILE = 'tokenizer.json';
export const LADDER_FORMAT = 'w2s-general-ladder';

export interface RungEntry {
  file: string;
  sha256: string;
  encoder: EncoderConfig;
  pretrain: PretrainConfig;
  params: number;
  /** Mean MLM loss of the last 100 pretraining steps (nats per masked token). */
  train_loss: number;
  /** MLM loss on the corpus's held-out sentences, the same masked tokens for every rung. */
  heldout_loss: number;
}

export interface LadderManifest {
  format: typeof LADDER_FORMAT;
  version: 1;
  corpus: { name: string; train_sentences: number; heldout_sentences: number; excluded_sentences: number; sha256: string };
  tokenizer: { file: string; sha256: string; vocab_size: number };
  text: TextConfig;
  seed: number;
  threads: number;
  /** Held-out loss of the unigram distribution on the same masked tokens (no context). */
  unigram_heldout_loss: number;
  rungs: Record<string, RungEntry>;
}

export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A rung's weights as safetensors bytes: each parameter as float16, named as the encoder names it. */
export function encodeRung(config: EncoderConfig, theta: Float32Array, metadata: Record<string, string>): Uint8Array {
  const layout = new ParamLayout(new TransformerEncoder(config));
  if (theta.length !== layout.total) throw new Error(`encodeRung: expected ${layout.total} parameters, got ${theta.length}`);
  const tensors: Record<string, NamedTensor> = {};
  for (const e of layout.entries) tensors[e.name] = { dtype: 'F16', shape: [...e.spec.shape], data: toHalf(theta.subarray(e.offset, e.offset + e.size), e.name) };
  return encodeSafetensors(tensors, metadata);
}

/** The flat float32 weights of a rung file, in the encoder's layout; names, shapes and dtypes must match. */
export function decodeRung(bytes: Uint8Array, config: EncoderConfig, source: string): Float32Array {
  const layout = new ParamLayout(new TransformerEncoder(config));
  const { tensors } = decodeSafetensors(bytes, source);
  const theta = new Float32Array(layout.total);
  for (const e of layout.entries) {
    const t = tensors[e.name];
    if (!t) throw new Error(`${source}: no tensor "${e.name}"; the file was built for another architecture (rebuild with \`npm run pretrain:ladder\`)`);
    if (t.shape.join(',') !== e.spec.shape.join(',')) throw new Error(`${source}: "${e.name}" has shape [${t.shape}], the encoder expects [${e.spec.shape}]`);
    if (!(t.data instanceof Uint16Array)) throw new Error(`${source}: "${e.name}" is ${t.dtype}, expected F16`);
    theta.set(fromHalf(t.data), e.offset);
  }
  return theta;
}

export function writeManifest(dir: string, m: LadderManifest): void {
  mkdirSync(dir, { recursive: true });
  writeFileAtomicSync(join(dir, MANIFEST_FILE), `${JSON.stringify(m, null, 1)}\n`);
}

/** The manifest of a ladder directory, or an error saying how to build it. */
export function readManifest(dir: string): LadderManifest {
  const path = join(dir, MANIFEST_FILE);
  if (!existsSync(path)) throw new Error(`no general ladder at ${dir} (${MANIFEST_FILE} is missing); build it with \`npm run pretrain:ladder\``);
  const m = JSON.parse(readFileSync(path, 'utf8')) as LadderManifest;
  if (m.format !== LADDER_FORMAT || m.version !== 1) throw new Error(`${path}: not a ${LADDER_FORMAT} v1 manifest; rebuild with \`npm run pretrain:ladder\``);
  return m;
}

export interface LoadedRung {
  name: string;
  entry: RungEntry;
  config: EncoderConfig;
  theta: Float32Array;
}

/** A rung's weights, checked against the SHA-256 the manifest records. */
export function readRung(dir: string, m: LadderManifest, name: string): LoadedRung {
  const entry = m.rungs[name];
  if (!entry) throw new Error(`the general ladder at ${dir} has no rung "${name}" (has: ${Object.keys(m.rungs).join(', ') || 'none'}); build it with \`npm run pretrain:ladder -- --models ${name}\`, or set W2S_LADDER=task for the ladder pretrained on the task's own text`);
  const path = join(dir, entry.file);
  if (!existsSync(path)) throw new Error(`${path} is missing; rebuild the general ladder with \`npm run pretrain:ladder\``);
  const bytes = new Uint8Array(readFileSync(path));
  const got = sha256(bytes);
  if (got !== entry.sha256) throw new Error(`${path}: SHA-256 ${got.slice(0, 12)}… does not match the manifest's ${entry.sha256.slice(0, 12)}…; the file was changed — rebuild with \`npm run pretrain:ladder\``);
  return { name, entry, config: entry.encoder, theta: decodeRung(bytes, entry.encoder, path) };
}

/** The shared tokenizer, checked against its recorded SHA-256. */
export function readTokenizer(dir: string, m: LadderManifest): Tokenizer {
  const path = join(dir, m.tokenizer.file);
  if (!existsSync(path)) throw new Error(`${path} is missing; rebuild the general ladder with \`npm run pretrain:ladder\``);
  const text = readFileSync(path, 'utf8');
  if (sha256(text) !== m.tokenizer.sha256) throw new Error(`${path}: its SHA-256 does not match the manifest; rebuild with \`npm run pretrain:ladder\``);
  return Tokenizer.fromJSON(JSON.parse(text));
}
