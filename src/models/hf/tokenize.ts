import { readFileSync } from 'node:fs';
import { Tokenizer } from '@huggingface/tokenizers';
import type { HfFolder } from './folder.js';

/** Token ids of a batch, padded to the batch's longest text: row-major [B, T]. */
export interface TokenBatch {
  batch: number;
  seqLen: number;
  ids: BigInt64Array;
  mask: BigInt64Array;
  typeIds: BigInt64Array;
}

/**
 * A model's own tokenizer (tokenizer.json through @huggingface/tokenizers:
 * WordPiece, BPE, Unigram), truncating to `maxLen` tokens with the special
 * tokens kept at both ends.
 */
export class HfTokenizer {
  private readonly prefix: number;
  private readonly suffix: number;
  readonly padId: number;

  constructor(
    private readonly tok: Tokenizer,
    readonly maxLen: number,
    source: string,
  ) {
    // Where the special tokens go: compare one word with and without them.
    const bare: number[] = tok.encode('a', { add_special_tokens: false }).ids;
    const full: number[] = tok.encode('a').ids;
    const at = full.findIndex((_: number, i: number) => bare.every((b: number, j: number) => full[i + j] === b));
    if (at < 0) throw new Error(`${source}: the tokenizer's post-processor changes the text's own tokens; w2s cannot place truncation`);
    this.prefix = at;
    this.suffix = full.length - at - bare.length;
    if (maxLen <= this.prefix + this.suffix) throw new Error(`${source}: max_len ${maxLen} leaves no room for text after ${this.prefix + this.suffix} special tokens`);
    this.padId = tok.token_to_id('[PAD]') ?? tok.token_to_id('<pad>') ?? 0;
  }

  static load(folder: HfFolder, maxLen: number): HfTokenizer {
    let json: object;
    try {
      json = JSON.parse(readFileSync(folder.tokenizerPath, 'utf8')) as object;
    } catch (e) {
      throw new Error(`${folder.tokenizerPath}: not a readable tokenizer.json (${(e as Error).message}); download it again`);
    }
    let tok: Tokenizer;
    try {
      tok = new Tokenizer(json, folder.tokenizerConfig);
    } catch (e) {
      throw new Error(`${folder.tokenizerPath}: @huggingface/tokenizers cannot build this tokenizer (${(e as Error).message})`);
    }
    return new HfTokenizer(tok, maxLen, folder.tokenizerPath);
  }

  /** One text's ids and token-type ids, truncated to maxLen. */
  encode(text: string): { ids: number[]; typeIds: number[] } {
    const e = this.tok.encode(text, { return_token_type_ids: true });
    let ids = e.ids;
    let typeIds = e.token_type_ids ?? new Array<number>(ids.length).fill(0);
    if (ids.length > this.maxLen) {
      const keep = this.maxLen - this.suffix;
      ids = [...ids.slice(0, keep), ...ids.slice(ids.length - this.suffix)];
      typeIds = [...typeIds.slice(0, keep), ...typeIds.slice(typeIds.length - this.suffix)];
    }
    return { ids, typeIds };
  }

  /** Texts padded to their longest (not to maxLen): the batch at its real length. */
  encodeBatch(texts: readonly string[]): TokenBatch {
    return this.pad(texts.map((t) => this.encode(t)));
  }

  /** Encoded rows padded to the longest of them. */
  pad(rows: readonly { ids: number[]; typeIds: number[] }[]): TokenBatch {
    const seqLen = Math.max(1, ...rows.map((r) => r.ids.length));
    const B = rows.length;
    const ids = new BigInt64Array(B * seqLen).fill(BigInt(this.padId));
    const mask = new BigInt64Array(B * seqLen);
    const typeIds = new BigInt64Array(B * seqLen);
    rows.forEach((r, b) => {
      r.ids.forEach((id, t) => {
        ids[b * seqLen + t] = BigInt(id);
        mask[b * seqLen + t] = 1n;
        typeIds[b * seqLen + t] = BigInt(r.typeIds[t]);
      });
    });
    return { batch: B, seqLen, ids, mask, typeIds };
  }
}
