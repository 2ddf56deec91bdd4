/** Tokenizers learned from a task's own unlabeled text. */
export { Tokenizer } from './bpe.js';
export type { EncodedBatch, TokenizerJSON } from './bpe.js';
export { trainTokenizer } from './train.js';
export type { TrainTokenizerOptions } from './train.js';
export { normalizeText } from './pretokenize.js';
export {
  SPECIAL_TOKENS, PAD_ID, UNK_ID, CLS_ID, SEP_ID, MASK_ID, NUM_SPECIAL, WORD_MARKER,
} from './vocab.js';
