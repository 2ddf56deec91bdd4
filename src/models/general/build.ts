/**
 * Building the general ladder: a tokenizer trained on the general corpus,
 * shared by every rung, then each rung MLM-pretrained on the corpus with the
 * engine and written as float16 safetensors with a manifest. Deterministic:
 * the same corpus, rungs, steps, seed and thread count give the same bytes.
 */
import { join } from 'node:path';
import { trainTokenizer } from '../../text/index.js';
import { encoderConfig, pretrainEncoder, type PretrainProgress } from '../pretrain.js';
import type { LadderModel, TextConfig } from '../ladder.js';
import { writeFileAtomicSync } from '../../util/fs.js';
import type { GeneralCorpus } from './corpus.js';
import { roundToHalf } from './f16.js';
import { existsSync } from 'node:fs';
import { LADDER_FORMAT, MANIFEST_FILE, TOKENIZER_FILE, encodeRung, readManifest, sha256, writeManifest, type LadderManifest, type RungEntry } from './files.js';
import { heldoutMlmLoss, unigramCounts } from './mlm-eval.js';

/**
 * Pretraining steps of each rung in the shipped ladder (batch 32; 1,500 steps is
 * about one pass over Brown). `l` gets 8,000: at 1,500 its held-out MLM loss was
 * 5.95 (unigram 6.35), at 8,000 it is 3.66, and its fine-tuned ceiling rose from
 * 0.918 to 0.994 on reviews and 0.782 to 0.867 on pos (docs/students.md). The
 * smaller rungs keep 1,500 until they are rebuilt: the strong rung has had more
 * pretraining compute as well as more parameters, as in real model families.
 */
export const GENERAL_PRETRAIN_STEPS: Readonly<Record<string, number>> = { xs: 1500, s: 1500, m: 1500, l: 8000 };
/** Compute threads of the shipped build (part of the recipe: other counts may round sums differently). */
export const GENERAL_PRETRAIN_THREADS = 2;

export interface BuildLadderOptions {
  outDir: string;
  corpus: GeneralCorpus;
  models: LadderModel[];
  text: TextConfig;
  /** Pretraining steps of each rung: one number for all, or per rung name. */
  steps: number | Readonly<Record<string, number>>;
  seed: number;
  /** Compute threads; part of the recipe, as sums on other thread counts may round differently. */
  threads: number;
  onProgress?: (model: string, p: PretrainProgress) => void;
  /** Called when a rung is written, with its wall seconds (not stored: the files hold only what is deterministic). */
  onRung?: (model: string, info: { seconds: number; heldoutLoss: number; trainLoss: number }) => void;
}

/** Builds the ladder into outDir; the manifest is rewritten after each rung, so finished rungs are usable at once. */
export async function buildGeneralLadder(o: BuildLadderOptions): Promise<LadderManifest> {
  if (o.corpus.train.length === 0) throw new Error('buildGeneralLadder: the corpus has no training sentences');
  if (o.corpus.heldout.length === 0) throw new Error('buildGeneralLadder: the corpus has no held-out sentences to measure MLM loss on');
  const stepsOf = (name: string): number => {
    const n = typeof o.steps === 'number' ? o.steps : o.steps[name];
    if (!(Number.isInteger(n) && n >= 1)) throw new Error(`buildGeneralLadder: steps of "${name}" must be a positive integer, got ${n}`);
    return n;
  };
  for (const m of o.models) stepsOf(m.name);
  const tokenizer = trainTokenizer(o.corpus.train, { vocabSize: o.text.vocabSize });
  const tokJson = JSON.stringify(tokenizer.toJSON());
  writeFileAtomicSync(join(o.outDir, TOKENIZER_FILE), tokJson);
  const counts = unigramCounts(tokenizer, o.corpus.train, o.text.maxLen);
  const manifest: LadderManifest = {
    format: LADDER_FORMAT,
    version: 1,
    corpus: {
      name: o.corpus.name,
      train_sentences: o.corpus.train.length,
      heldout_sentences: o.corpus.heldout.length,
      excluded_sentences: o.corpus.excluded,
      sha256: sha256(o.corpus.train.join('\n')),
    },
    tokenizer: { file: TOKENIZER_FILE, sha256: sha256(tokJson), vocab_size: tokenizer.vocabSize },
    text: o.text,
    seed: o.seed,
    threads: o.threads,
    unigram_heldout_loss: 0,
    rungs: {},
  };
  // Rungs already built with the same corpus, tokenizer and recipe stay (so one rung can be rebuilt alone,
  // or rungs built by separate processes): the manifest on disk is read again before each write.
  const keptRungs = (): Record<string, RungEntry> => {
    const old = existsSync(join(o.outDir, MANIFEST_FILE)) ? readManifest(o.outDir) : null;
    const same = old && JSON.stringify([old.corpus, old.tokenizer, old.text, old.seed, old.threads]) === JSON.stringify([manifest.corpus, manifest.tokenizer, manifest.text, manifest.seed, manifest.threads]);
    return old && same ? { ...old.rungs } : {};
  };
  for (const model of o.models) {
    const steps = stepsOf(model.name);
    const r = await pretrainEncoder({
      model, tokenizer, texts: o.corpus.train, text: o.text, seed: o.seed, threads: o.threads, steps,
      onProgress: (p) => o.onProgress?.(model.name, p),
    });
    const config = encoderConfig(model, tokenizer, o.text);
    const theta = roundToHalf(r.theta, model.name);
    const ev = await heldoutMlmLoss({ config, theta, tokenizer, texts: o.corpus.heldout, unigramCounts: counts, seed: o.seed, maskRate: model.pretrain.maskRate, threads: o.threads });
    const tail = r.losses.slice(-100);
    const trainLoss = tail.reduce((a, b) => a + b, 0) / tail.length;
    const file = `${model.name}.safetensors`;
    const bytes = encodeRung(config, theta, { model: model.name, corpus: o.corpus.name, steps: String(steps), seed: String(o.seed) });
    writeFileAtomicSync(join(o.outDir, file), bytes);
    manifest.unigram_heldout_loss = round4(ev.unigramLoss);
    const kept = keptRungs();
    kept[model.name] = {
      file, sha256: sha256(bytes), encoder: config, pretrain: { ...model.pretrain, steps },
      params: theta.length, train_loss: round4(trainLoss), heldout_loss: round4(ev.loss),
    };
    // Smallest rung first, whatever order they were built in: the manifest's bytes do not depend on it.
    manifest.rungs = Object.fromEntries(Object.entries(kept).sort(([a, x], [b, y]) => x.params - y.params || (a < b ? -1 : 1)));
    writeManifest(o.outDir, manifest);
    o.onRung?.(model.name, { seconds: r.seconds, heldoutLoss: ev.loss, trainLoss });
  }
  return manifest;
}

function round4(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
