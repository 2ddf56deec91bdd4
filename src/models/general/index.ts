/** The general-pretrained ladder: a corpus, a shared tokenizer, rungs pretrained on it and shipped as safetensors. */
export { CorpusMissingError, GENERAL_CORPUS_VERSION, HELDOUT_EVERY, brownDir, brownLineText, brownSentences, generalCorpus, type GeneralCorpus } from './corpus.js';
export { posSentenceKeys } from './exclusions.js';
export { GENERAL_PRETRAIN_STEPS, GENERAL_PRETRAIN_THREADS, buildGeneralLadder, type BuildLadderOptions } from './build.js';
export { SHIPPED_LADDER_DIR, readManifest, readRung, readTokenizer, type LadderManifest, type LoadedRung, type RungEntry } from './files.js';
export { heldoutMlmLoss, unigramCounts, type MlmEval } from './mlm-eval.js';
export { LADDER_ENV, PRETRAIN_STEPS_ENV, datasetEncoder, ladderEncoder, pretrainStepsOverride, ladderKey, ladderKeyFor, ladderSource, type LadderEncoder, type LadderEncoderOptions, type LadderSource } from './encoder.js';
