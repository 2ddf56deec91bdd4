/**
 * The fixed layout at the bottom of every w2s vocabulary:
 *
 *   0..4    special tokens [PAD] [UNK] [CLS] [SEP] [MASK]
 *   5       the word-start marker (a space before the piece, or the start of the text)
 *   6..261  one token per byte, the fallback for characters outside the learned alphabet
 *   262..   the learned alphabet (single characters), then one token per merge, in merge order
 */
export const SPECIAL_TOKENS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'] as const;
export const PAD_ID = 0;
export const UNK_ID = 1;
export const CLS_ID = 2;
export const SEP_ID = 3;
export const MASK_ID = 4;
/** Ids below this are special tokens; an MLM masker draws random replacements from [NUM_SPECIAL, vocabSize). */
export const NUM_SPECIAL = SPECIAL_TOKENS.length;

/** Shown in token strings for the word-start marker (SentencePiece's U+2581). */
export const WORD_MARKER = '\u2581';
export const MARKER_ID = 5;
export const BYTE_BASE = 6;
export const ALPHABET_BASE = BYTE_BASE + 256;

/** Pair keys pack two ids as left * PAIR_SHIFT + right, so ids must stay below it. */
export const PAIR_SHIFT = 1 << 21;

export function byteToken(byte: number): string {
  return `<0x${byte.toString(16).toUpperCase().padStart(2, '0')}>`;
}

/** The ids 0..ALPHABET_BASE-1 as token strings. */
export function reservedTokens(): string[] {
  const tokens: string[] = [...SPECIAL_TOKENS, WORD_MARKER];
  for (let b = 0; b < 256; b++) tokens.push(byteToken(b));
  return tokens;
}
