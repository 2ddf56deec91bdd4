import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCheckpoint, saveCheckpoint, TransformerEncoder, decodeSafetensors, encodeSafetensors } from '../engine/index.js';
import { Tokenizer, trainTokenizer } from '../text/index.js';
import { writeFileAtomicSync } from '../util/fs.js';
import { readSealed, sealFile, writeSealed } from '../util/sealed.js';
import { configHash } from '../util/hash.js';
import { encodeTexts } from './features.js';
import type { LadderModel, TextConfig } from './ladder.js';
import { encoderConfig, pretrainEncoder, type PretrainProgress } from './pretrain.js';

export interface Corpus {
  /** Names the corpus in cache keys and messages (e.g. the task name). */
  name: string;
  texts: readonly string[];
}

export interface PretrainedEncoder {
  key: string;
  model: LadderModel;
  tokenizer: Tokenizer;
  encoder: TransformerEncoder;
  theta: Float32Array;
  text: TextConfig;
}

export interface CacheEvents {
  /** Pretraining is about to start (not cached): how long it should take. */
  onPretrainStart?: (info: { model: string; corpus: string; steps: number; estimatedSeconds: number }) => void;
  onPretrainProgress?: (model: string, p: PretrainProgress) => void;
}

/** Names a corpus by its texts in cache keys. */
export function corpusKey(c: Corpus): string {
  return configHash({ name: c.name, n: c.texts.length, texts: configHash(c.texts.join('\u0000')) });
}

/**
 * Bump when pretraining computes different weights, so cached encoders (and the
 * weak labels, ceilings and runs built on them) are redone. 2: embedding
 * gradients are exact on several threads (ScatterND lost updates before).
 * 3: each MLM batch runs at its longest real row, not padded to maxLen (the
 * same losses; weights differ in the last bits, as sums group differently).
 * 4: ladder models come from the shipped general ladder (models/ladder/) by
 * default, optionally pretrained further on the task's text.
 * 5: layer norm is ONNX's fused op with a hand-written gradient (the weights move by float rounding).
 */
export const PRETRAIN_VERSION = 5;

/**
 * Bump when encodeTexts changes what it computes, so cached features are recomputed.
 * 3: each batch runs at its longest real row (the features move by float rounding).
 * 4: encoders from the general ladder (their keys differ anyway; stale entries are not read).
 * 5: layer norm is ONNX's fused op (the features move by float rounding).
 */
const FEATURES_VERSION = 5;

/** Seconds per pretraining step measured on 2 cores, per 1M encoder parameters (a rough guide for the message). */
const SECONDS_PER_STEP_PER_MPARAM = 0.2;

/**
 * The tokenizer and pretrained encoder of a ladder model for a corpus, from
 * the cache (<cacheDir>/pretrain/<key>/) or pretrained now and cached.
 */
export async function ensureEncoder(opts: { cacheDir: string; corpus: Corpus; model: LadderModel; text: TextConfig; seed?: number; threads?: number; events?: CacheEvents }): Promise<PretrainedEncoder> {
  const { corpus, model, text } = opts;
  const seed = opts.seed ?? 0;
  const ck = corpusKey(corpus);
  const tokenizer = ensureTokenizer(opts.cacheDir, corpus, ck, text);
  const key = configHash({ corpus: ck, model, text, seed, v: PRETRAIN_VERSION });
  const dir = join(opts.cacheDir, 'pretrain', `${corpus.name}-${model.name}-${key}`);
  const ckpt = join(dir, 'encoder.safetensors');
  const encoder = new TransformerEncoder(encoderConfig(model, tokenizer, text));
  if (readSealed(opts.cacheDir, ckpt)) {
    const { theta } = await loadCheckpoint(ckpt, encoder);
    return { key, model, tokenizer, encoder, theta, text };
  }
  const mParams = encoder.numParams() / 1e6;
  opts.events?.onPretrainStart?.({
    model: model.name,
    corpus: corpus.name,
    steps: model.pretrain.steps,
    estimatedSeconds: Math.ceil(model.pretrain.steps * (0.02 + SECONDS_PER_STEP_PER_MPARAM * mParams)),
  });
  const r = await pretrainEncoder({
    model,
    tokenizer,
    texts: corpus.texts,
    text,
    seed,
    threads: opts.threads,
    onProgress: (p) => opts.events?.onPretrainProgress?.(model.name, p),
  });
  saveCheckpoint(ckpt, r.encoder, r.theta, {
    model: model.name,
    corpus: corpus.name,
    final_loss: String(r.losses[r.losses.length - 1]),
    seconds: r.seconds.toFixed(1),
  });
  sealFile(opts.cacheDir, ckpt);
  writeFileAtomicSync(join(dir, 'meta.json'), JSON.stringify({ model, text, corpus: corpus.name, seed, losses: r.losses, seconds: r.seconds }, null, 1));
  return { key, model, tokenizer, encoder: r.encoder, theta: r.theta, text };
}

function ensureTokenizer(cacheDir: string, corpus: Corpus, ck: string, text: TextConfig): Tokenizer {
  const path = join(cacheDir, 'tokenizers', `${corpus.name}-${configHash({ ck, vocab: text.vocabSize })}.json`);
  const cached = readSealed(cacheDir, path);
  if (cached) return Tokenizer.fromJSON(JSON.parse(cached.toString('utf8')));
  const tok = trainTokenizer(corpus.texts, { vocabSize: text.vocabSize });
  writeSealed(cacheDir, path, JSON.stringify(tok.toJSON()));
  return tok;
}

/** Frozen features of every corpus text under a pretrained encoder, cached next to it. */
export async function ensureFeatures(opts: { cacheDir: string; enc: PretrainedEncoder; corpus: Corpus; threads?: number }): Promise<{ features: Float32Array; dim: number; key: string }> {
  const key = configHash({ enc: opts.enc.key, corpus: corpusKey(opts.corpus), features: FEATURES_VERSION });
  const path = join(opts.cacheDir, 'features', `${opts.corpus.name}-${opts.enc.model.name}-${key}.safetensors`);
  const cached = readSealed(opts.cacheDir, path);
  if (cached) {
    const t = decodeSafetensors(new Uint8Array(cached), path).tensors.features;
    return { features: t.data as Float32Array, dim: t.shape[1], key };
  }
  const { tokenizer, encoder, theta, text } = opts.enc;
  const r = await encodeTexts({ encoder, theta, tokenizer, texts: opts.corpus.texts, maxLen: text.maxLen, threads: opts.threads });
  writeSealed(opts.cacheDir, path, encodeSafetensors({ features: { dtype: 'F32', shape: [opts.corpus.texts.length, r.dim], data: r.features } }));
  return { ...r, key };
}
