/** Test fixture: a small general ladder built from a slice of Brown in a few seconds. */
import { getModel, type LadderModel, type TextConfig } from '../ladder.js';
import { buildGeneralLadder } from './build.js';
import { generalCorpus, type GeneralCorpus } from './corpus.js';
import type { LadderManifest } from './files.js';

let cached: GeneralCorpus | undefined;

/** The first `train` training and `heldout` held-out sentences of the general corpus (nothing excluded). */
export function smallCorpus(train = 300, heldout = 20): GeneralCorpus {
  cached ??= generalCorpus(new Set());
  return { ...cached, train: cached.train.slice(0, train), heldout: cached.heldout.slice(0, heldout) };
}

export const TINY_TEXT: TextConfig = { vocabSize: 400, maxLen: 24 };

/** Builds `models` (default the ladder's xs, whose architecture the protocol checks) into dir. */
export function buildTinyLadder(dir: string, o: { seed?: number; steps?: number; text?: TextConfig; corpus?: GeneralCorpus; models?: LadderModel[] } = {}): Promise<LadderManifest> {
  return buildGeneralLadder({
    outDir: dir, corpus: o.corpus ?? smallCorpus(), models: o.models ?? [getModel('xs')], text: o.text ?? TINY_TEXT,
    steps: o.steps ?? 3, seed: o.seed ?? 0, threads: 1,
  });
}
