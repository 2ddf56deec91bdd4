/**
 * A byte-fallback BPE tokenizer: characters of the learned alphabet, merges applied
 * lowest-rank first within each piece, and UTF-8 byte tokens for anything else, so every
 * string encodes. See vocab.ts for the id layout and pretokenize.ts for the pieces.
 */
import { eachPiece, normalizeText } from './pretokenize.js';
import {
  ALPHABET_BASE, BYTE_BASE, CLS_ID, MARKER_ID, NUM_SPECIAL, PAD_ID, PAIR_SHIFT, SEP_ID,
  WORD_MARKER, reservedTokens,
} from './vocab.js';

export interface TokenizerJSON {
  format: 'w2s-bpe';
  version: 1;
  lowercase: boolean;
  /** Every token string, indexed by id. */
  tokens: string[];
  /** merges[r] = [left, right] makes token ALPHABET_BASE + alphabetSize + r. */
  merges: [number, number][];
}

export interface EncodedBatch {
  /** n * maxLen ids, row-major: [CLS] tokens… [SEP] then [PAD]s. */
  ids: Int32Array;
  /** n * maxLen: 1 where ids holds a real token ([CLS] and [SEP] included), 0 on padding. */
  mask: Float32Array;
}

/** Distinct texts whose pieces are cached; the cache is cleared past this. */
const CACHE_LIMIT = 200_000;
const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8');

export class Tokenizer {
  readonly vocabSize: number;
  readonly lowercase: boolean;
  private readonly tokens: string[];
  private readonly merges: [number, number][];
  /** Token text as decoded: the word marker becomes a space. */
  private readonly surface: string[];
  private readonly charIds = new Map<string, number>();
  private readonly mergeRank = new Map<number, number>();
  private readonly mergeBase: number;
  private readonly cache = new Map<string, Int32Array>();

  constructor(json: TokenizerJSON) {
    const { tokens, merges } = json;
    const reserved = reservedTokens();
    this.mergeBase = tokens.length - merges.length;
    if (this.mergeBase < ALPHABET_BASE) throw new Error(`tokenizer: ${tokens.length} tokens cannot hold ${ALPHABET_BASE} reserved tokens and ${merges.length} merges`);
    if (tokens.length > PAIR_SHIFT) throw new Error(`tokenizer: at most ${PAIR_SHIFT} tokens are supported, got ${tokens.length}`);
    reserved.forEach((t, id) => {
      if (tokens[id] !== t) throw new Error(`tokenizer: token ${id} must be ${t}, got ${JSON.stringify(tokens[id])}`);
    });
    for (let id = ALPHABET_BASE; id < this.mergeBase; id++) {
      const c = tokens[id];
      if (typeof c !== 'string' || [...c].length !== 1 || c === WORD_MARKER || this.charIds.has(c)) {
        throw new Error(`tokenizer: alphabet token ${id} must be one distinct character other than ${WORD_MARKER}, got ${JSON.stringify(c)}`);
      }
      this.charIds.set(c, id);
    }
    merges.forEach(([a, b], r) => {
      const id = this.mergeBase + r;
      const ok = Number.isInteger(a) && Number.isInteger(b) && a >= MARKER_ID && b >= MARKER_ID && a < id && b < id
        && (a < BYTE_BASE || a >= ALPHABET_BASE) && (b < BYTE_BASE || b >= ALPHABET_BASE);
      if (!ok) throw new Error(`tokenizer: merge ${r} = [${a}, ${b}] must join two earlier non-special, non-byte tokens`);
      if (tokens[id] !== tokens[a] + tokens[b]) throw new Error(`tokenizer: token ${id} must be ${JSON.stringify(tokens[a] + tokens[b])}, the join of merge ${r}`);
      const key = a * PAIR_SHIFT + b;
      if (this.mergeRank.has(key)) throw new Error(`tokenizer: merge ${r} = [${a}, ${b}] repeats an earlier merge`);
      this.mergeRank.set(key, r);
    });
    this.tokens = tokens.slice();
    this.merges = merges.map(([a, b]) => [a, b]);
    this.surface = this.tokens.map((t) => t.split(WORD_MARKER).join(' '));
    this.vocabSize = tokens.length;
    this.lowercase = json.lowercase;
  }

  /** The normal form that decode(encode(text)) reproduces. */
  normalize(text: string): string {
    return normalizeText(text, this.lowercase);
  }

  /** Content tokens only: no [CLS] or [SEP]. */
  encode(text: string): Int32Array {
    return this.encodeUpTo(text, Infinity);
  }

  /** Inverse of encode up to normalize. skipSpecial (default true) drops special tokens instead of writing their names. */
  decode(ids: ArrayLike<number>, { skipSpecial = true }: { skipSpecial?: boolean } = {}): string {
    let out = '';
    const bytes: number[] = [];
    const flush = () => {
      if (bytes.length > 0) out += utf8Decoder.decode(Uint8Array.from(bytes));
      bytes.length = 0;
    };
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i];
      if (!Number.isInteger(id) || id < 0 || id >= this.vocabSize) {
        throw new RangeError(`decode: id ${id} at position ${i} is outside the vocabulary [0, ${this.vocabSize})`);
      }
      if (id >= BYTE_BASE && id < ALPHABET_BASE) { bytes.push(id - BYTE_BASE); continue; }
      flush();
      if (id >= NUM_SPECIAL || !skipSpecial) out += this.surface[id];
    }
    flush();
    return out.startsWith(' ') ? out.slice(1) : out;
  }

  /** Fixed-width rows for a model: [CLS] tokens [SEP], cut to maxLen (keeping [SEP] last), padded with [PAD]. */
  encodeBatch(texts: readonly string[], maxLen: number): EncodedBatch {
    if (!Number.isInteger(maxLen) || maxLen < 2) throw new Error(`encodeBatch: maxLen must be an integer >= 2 to hold [CLS] and [SEP], got ${maxLen}`);
    const ids = new Int32Array(texts.length * maxLen).fill(PAD_ID);
    const mask = new Float32Array(texts.length * maxLen);
    texts.forEach((text, row) => {
      const body = this.encodeUpTo(text, maxLen - 2);
      const at = row * maxLen;
      ids[at] = CLS_ID;
      ids.set(body, at + 1);
      ids[at + 1 + body.length] = SEP_ID;
      mask.fill(1, at, at + body.length + 2);
    });
    return { ids, mask };
  }

  /** The string of a token id, e.g. "[MASK]", "▁the", "<0xF0>". */
  idToToken(id: number): string {
    const t = this.tokens[id];
    if (t === undefined || !Number.isInteger(id)) throw new RangeError(`idToToken: id ${id} is outside the vocabulary [0, ${this.vocabSize})`);
    return t;
  }

  toJSON(): TokenizerJSON {
    return { format: 'w2s-bpe', version: 1, lowercase: this.lowercase, tokens: this.tokens.slice(), merges: this.merges.map(([a, b]) => [a, b]) };
  }

  static fromJSON(obj: unknown): Tokenizer {
    const o = obj as Partial<TokenizerJSON> | null;
    if (typeof o !== 'object' || o === null || o.format !== 'w2s-bpe' || o.version !== 1) {
      throw new Error('Tokenizer.fromJSON: expected an object with format "w2s-bpe" and version 1, as written by Tokenizer.toJSON()');
    }
    if (typeof o.lowercase !== 'boolean') throw new Error('Tokenizer.fromJSON: "lowercase" must be a boolean');
    if (!Array.isArray(o.tokens) || !o.tokens.every((t) => typeof t === 'string')) throw new Error('Tokenizer.fromJSON: "tokens" must be an array of strings');
    if (!Array.isArray(o.merges) || !o.merges.every((m) => Array.isArray(m) && m.length === 2)) throw new Error('Tokenizer.fromJSON: "merges" must be an array of [left, right] id pairs');
    return new Tokenizer({ format: 'w2s-bpe', version: 1, lowercase: o.lowercase, tokens: o.tokens, merges: o.merges });
  }

  /** The first `limit` tokens of encode(text), without encoding the rest. */
  private encodeUpTo(text: string, limit: number): Int32Array {
    const out: number[] = [];
    eachPiece(this.normalize(text), (piece) => {
      for (const id of this.encodePiece(piece)) out.push(id);
      return out.length < limit;
    });
    if (out.length > limit) out.length = limit;
    return Int32Array.from(out);
  }

  private encodePiece(piece: string): Int32Array {
    const hit = this.cache.get(piece);
    if (hit) return hit;
    const symbols: number[] = [];
    for (const ch of piece) {
      if (ch === ' ') { symbols.push(MARKER_ID); continue; }
      const id = this.charIds.get(ch);
      if (id !== undefined) symbols.push(id);
      else for (const b of utf8Encoder.encode(ch)) symbols.push(BYTE_BASE + b);
    }
    this.applyMerges(symbols);
    const ids = Int32Array.from(symbols);
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(piece, ids);
    return ids;
  }

  /** Repeatedly merges every occurrence of the lowest-ranked adjacent pair, in place. */
  private applyMerges(symbols: number[]): void {
    while (symbols.length > 1) {
      let best = -1;
      for (let i = 0; i + 1 < symbols.length; i++) {
        const r = this.mergeRank.get(symbols[i] * PAIR_SHIFT + symbols[i + 1]);
        if (r !== undefined && (best < 0 || r < best)) best = r;
      }
      if (best < 0) return;
      const [a, b] = this.merges[best];
      let w = 0;
      for (let i = 0; i < symbols.length; i++) {
        if (i + 1 < symbols.length && symbols[i] === a && symbols[i + 1] === b) { symbols[w++] = this.mergeBase + best; i++; }
        else symbols[w++] = symbols[i];
      }
      symbols.length = w;
    }
  }
}
