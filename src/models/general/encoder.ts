/**
 * The encoder of a ladder model for a text dataset — the one function the
 * protocol asks for features and for the base weights fine-tuning starts from.
 *
 * By default it is the shipped general ladder's rung (pretrained on Brown,
 * models/ladder/) with its shared tokenizer, optionally pretrained further on
 * the task's own unlabeled text (`taskSteps`, cached). `W2S_LADDER=task`
 * gives the older ladder instead: a tokenizer and encoder pretrained on the
 * task's text alone; `W2S_LADDER=DIR` a general ladder built elsewhere
 * (`w2s pretrain --general --out DIR`).
 */
import { join } from 'node:path';
import { loadCheckpoint, saveCheckpoint, TransformerEncoder, type EncoderConfig } from '../../engine/index.js';
import type { Dataset } from '../../tasks/index.js';
import type { Tokenizer } from '../../text/index.js';
import { configHash } from '../../util/hash.js';
import { readSealed, sealFile } from '../../util/sealed.js';
import { writeFileAtomicSync } from '../../util/fs.js';
import { corpusKey, ensureEncoder, PRETRAIN_VERSION, type CacheEvents, type Corpus, type PretrainedEncoder } from '../cache.js';
import type { TokenRows } from '../finetune/tokens.js';
import { DEFAULT_TEXT, getModel, listModels, type LadderModel } from '../ladder.js';
import { pretrainEncoder } from '../pretrain.js';
import { SHIPPED_LADDER_DIR, readManifest, readRung, readTokenizer, type LadderManifest } from './files.js';

/** Environment variable choosing the ladder: `general` (default, the shipped one), `task`, or a general ladder's directory. */
export const LADDER_ENV = 'W2S_LADDER';

export type LadderSource = { kind: 'general'; dir: string } | { kind: 'task' };

/** The ladder named by W2S_LADDER (or `value`). */
export function ladderSource(value = process.env[LADDER_ENV]): LadderSource {
  if (value === undefined || value === '' || value === 'general') return { kind: 'general', dir: SHIPPED_LADDER_DIR };
  if (value === 'task') return { kind: 'task' };
  return { kind: 'general', dir: value };
}

export interface LadderEncoder extends PretrainedEncoder {
  config: EncoderConfig;
  /** Parameters of the encoder (embeddings included). */
  params: number;
  /** Where the weights come from: the general ladder, the general ladder pretrained further on the task's text, or the task's text alone. */
  source: 'general' | 'general+task' | 'task';
  /** Token rows of texts under this encoder's tokenizer and length, as features and fine-tuning take them. */
  tokenRows(texts: readonly string[]): TokenRows;
}

export interface LadderEncoderOptions {
  cacheDir: string;
  /** The dataset's texts (all its examples, unlabeled): continued pretraining, or the task ladder's corpus. */
  corpus: Corpus;
  /**
   * Pretraining steps on the task's text: with the general ladder, steps of
   * continued pretraining from its weights (default 0: none); with the task
   * ladder, steps from scratch (default the model's own).
   */
  taskSteps?: number;
  source?: LadderSource;
  seed?: number;
  threads?: number;
  events?: CacheEvents;
}

const manifests = new Map<string, { manifest: LadderManifest; tokenizer: Tokenizer }>();

function general(dir: string): { manifest: LadderManifest; tokenizer: Tokenizer } {
  let g = manifests.get(dir);
  if (!g) {
    const manifest = readManifest(dir);
    g = { manifest, tokenizer: readTokenizer(dir, manifest) };
    manifests.set(dir, g);
  }
  return g;
}

/** Identifies the ladder in run keys: the general ladder's manifest (every file's hash) or `task`. */
export function ladderKey(source: LadderSource = ladderSource()): string {
  if (source.kind === 'task') return 'task';
  return configHash(general(source.dir).manifest);
}

/**
 * Environment variable for pretraining on the task's own text, set by `w2s --pretrain-steps N`:
 * steps of continued pretraining from the general ladder (default none), or, with W2S_LADDER=task,
 * the task ladder's steps from scratch (shorter for smoke tests).
 */
export const PRETRAIN_STEPS_ENV = 'W2S_PRETRAIN_STEPS';

/** The task-pretraining steps from the environment, if any. */
export function pretrainStepsOverride(): number | undefined {
  const v = process.env[PRETRAIN_STEPS_ENV];
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${PRETRAIN_STEPS_ENV} must be a positive integer, got "${v}"`);
  return n;
}

/**
 * The encoder of a ladder model for a text dataset, as the protocol uses it
 * (features, and the base weights `{ config, theta }` fine-tuning starts
 * from): the corpus is the dataset's texts named `corpusName` (the task name
 * or data file), and `taskSteps` defaults to W2S_PRETRAIN_STEPS.
 */
export async function datasetEncoder(ds: Dataset, corpusName: string, model: string, o: Omit<LadderEncoderOptions, 'corpus'>): Promise<LadderEncoder> {
  if (ds.kind === 'features') throw new Error(`"${model}" is a ladder model for text; this dataset is a feature matrix, which has no encoder (use the models raw, projN or file:PATH)`);
  const corpus = { name: corpusName, texts: ds.examples.map((e) => e.text ?? '') };
  return ladderEncoder(model, { ...o, corpus, taskSteps: o.taskSteps ?? pretrainStepsOverride() });
}

/** The ladder's key when any of the models is a ladder rung (for run keys), else null. */
export function ladderKeyFor(models: readonly string[]): string | null {
  const rungs = new Set(listModels().map((m) => m.name));
  return models.some((m) => rungs.has(m)) ? ladderKey() : null;
}

/**
 * A ladder model's encoder for a dataset: tokenizer, encoder config, weights
 * (`theta`, in the encoder's layout) and `tokenRows`. `key` names everything
 * that determines the weights (the shipped files' hashes, continued-pretraining
 * steps and corpus, the version), for the caches built on it.
 */
export async function ladderEncoder(model: string, o: LadderEncoderOptions): Promise<LadderEncoder> {
  const ladder = getModel(model);
  const source = o.source ?? ladderSource();
  const seed = o.seed ?? 0;
  if (source.kind === 'task') {
    const steps = o.taskSteps;
    const m = steps === undefined || steps === ladder.pretrain.steps ? ladder : { ...ladder, pretrain: { ...ladder.pretrain, steps } };
    const enc = await ensureEncoder({ cacheDir: o.cacheDir, corpus: o.corpus, model: m, text: DEFAULT_TEXT, seed, threads: o.threads, events: o.events });
    return finish(enc, 'task');
  }
  const { manifest, tokenizer } = general(source.dir);
  const rung = readRung(source.dir, manifest, model);
  checkArchitecture(ladder, rung.config, source.dir);
  const text = manifest.text;
  const base = { ladder: manifest.tokenizer.sha256, rung: rung.entry.sha256, model: model, v: PRETRAIN_VERSION };
  const steps = o.taskSteps ?? 0;
  if (steps === 0) {
    return finish({ key: configHash(base), model: ladder, tokenizer, encoder: new TransformerEncoder(rung.config), theta: rung.theta, text }, 'general');
  }
  const key = configHash({ ...base, task: { corpus: corpusKey(o.corpus), steps, seed, pretrain: ladder.pretrain } });
  const ckpt = join(o.cacheDir, 'pretrain', `${o.corpus.name}-${model}-general-${key}`, 'encoder.safetensors');
  const encoder = new TransformerEncoder(rung.config);
  if (readSealed(o.cacheDir, ckpt)) {
    const { theta } = await loadCheckpoint(ckpt, encoder);
    return finish({ key, model: ladder, tokenizer, encoder, theta, text }, 'general+task');
  }
  o.events?.onPretrainStart?.({ model, corpus: o.corpus.name, steps, estimatedSeconds: Math.ceil(steps * (0.02 + 0.2 * encoder.numParams() / 1e6)) });
  const r = await pretrainEncoder({
    model: ladder, tokenizer, texts: o.corpus.texts, text, seed, threads: o.threads, steps, init: rung.theta,
    onProgress: (p) => o.events?.onPretrainProgress?.(model, p),
  });
  saveCheckpoint(ckpt, r.encoder, r.theta, { model, corpus: o.corpus.name, from: rung.entry.sha256, steps: String(steps) });
  sealFile(o.cacheDir, ckpt);
  writeFileAtomicSync(join(ckpt, '..', 'meta.json'), JSON.stringify({ model, corpus: o.corpus.name, from: rung.entry.sha256, steps, seed, losses: r.losses, seconds: r.seconds }, null, 1));
  return finish({ key, model: ladder, tokenizer, encoder: r.encoder, theta: r.theta, text }, 'general+task');
}

function finish(enc: PretrainedEncoder, source: LadderEncoder['source']): LadderEncoder {
  const maxLen = enc.text.maxLen;
  return {
    ...enc,
    config: enc.encoder.config,
    params: enc.encoder.numParams(),
    source,
    tokenRows: (texts) => ({ ...enc.tokenizer.encodeBatch(texts, maxLen), maxLen }),
  };
}

function checkArchitecture(m: LadderModel, shipped: EncoderConfig, dir: string): void {
  const want = { dim: m.encoder.dim, heads: m.encoder.heads, layers: m.encoder.layers, ffDim: m.encoder.ffDim };
  const got = { dim: shipped.dim, heads: shipped.heads, layers: shipped.layers, ffDim: shipped.ffDim };
  if (JSON.stringify(want) !== JSON.stringify(got)) {
    throw new Error(`the general ladder at ${dir} built "${m.name}" as ${JSON.stringify(got)}, but the ladder now defines ${JSON.stringify(want)}; rebuild it with \`npm run pretrain:ladder\``);
  }
}
